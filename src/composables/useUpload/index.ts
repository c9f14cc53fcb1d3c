import type { MaybeRefOrGetter } from 'vue'
import { upload } from '../../core/upload.js'
import type { UploadCallOptions, UseTransferOptions, UseUploadReturn } from '../../types.js'
import { useTransfer } from '../transferState.js'

/**
 * Reactive upload: `status`, `progress`, byte counts, `headers`, `statusCode`, `data`, `error`,
 * with `execute`, `abort` and event hooks. `options` is read with `toValue` when a transfer starts.
 */
export function useUpload<T = string>(
  options?: MaybeRefOrGetter<UploadCallOptions<T> | undefined>,
  useOptions?: UseTransferOptions,
): UseUploadReturn<T> {
  return useTransfer(upload, ['uploadFile', 'totalBytesSent', 'totalBytesExpectedToSend', 'data'], options, useOptions)
}

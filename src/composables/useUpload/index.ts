import { computed, type MaybeRefOrGetter } from 'vue'
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
  const { sent, expected, ...state } = useTransfer(upload, true, options, useOptions)
  return {
    ...state,
    totalBytesSent: sent,
    totalBytesExpectedToSend: expected,
    data: computed(() => state.result.value && state.result.value.data),
  }
}

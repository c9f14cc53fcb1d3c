import type { MaybeRefOrGetter } from 'vue'
import { download } from '../../core/download.js'
import type { DownloadCallOptions, UseDownloadReturn, UseTransferOptions } from '../../types.js'
import { useTransfer } from '../transferState.js'

/**
 * Reactive download: `status`, `progress`, byte counts, `headers`, `statusCode`, `tempFilePath`,
 * `error`, with `execute`, `abort` and event hooks. `options` is read with `toValue` when a
 * transfer starts.
 */
export function useDownload(options?: MaybeRefOrGetter<DownloadCallOptions | undefined>, useOptions?: UseTransferOptions): UseDownloadReturn {
  return useTransfer(download, ['downloadFile', 'totalBytesWritten', 'totalBytesExpectedToWrite', 'tempFilePath'], options, useOptions)
}

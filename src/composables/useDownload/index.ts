import { computed, type MaybeRefOrGetter } from 'vue'
import { download } from '../../core/download.js'
import type { DownloadCallOptions, UseDownloadReturn, UseTransferOptions } from '../../types.js'
import { useTransfer } from '../transferState.js'

/**
 * Reactive download: `status`, `progress`, byte counts, `headers`, `statusCode`, `tempFilePath`,
 * `error`, with `execute`, `abort` and event hooks. `options` is read with `toValue` when a
 * transfer starts.
 */
export function useDownload(options?: MaybeRefOrGetter<DownloadCallOptions | undefined>, useOptions?: UseTransferOptions): UseDownloadReturn {
  const { sent, expected, ...state } = useTransfer(download, false, options, useOptions)
  return {
    ...state,
    totalBytesWritten: sent,
    totalBytesExpectedToWrite: expected,
    tempFilePath: computed(() => state.result.value && state.result.value.tempFilePath),
  }
}

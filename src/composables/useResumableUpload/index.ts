import type { MaybeRefOrGetter } from 'vue'
import { resumableUpload } from '../../resumable/upload.js'
import type { ResumableCallOptions, UseResumableUploadReturn, UseTransferOptions } from '../../types.js'
import { useTransfer } from '../transferState.js'
import { RESUMABLE_KIND, resumableParts } from './state.js'

/**
 * Reactive resumable (tus) upload: useUpload's state and hooks plus `pause()`, `resume()`,
 * `isPaused`, `uploadUrl` and `offset` (the highest offset the server confirmed). `options` is
 * read with `toValue` when an upload starts. When the scope is disposed, a running or paused
 * upload is aborted (the server's upload and the stored record are kept, so it can resume later).
 */
export function useResumableUpload(
  options?: MaybeRefOrGetter<ResumableCallOptions | undefined>,
  useOptions?: UseTransferOptions,
): UseResumableUploadReturn {
  const { run, extend } = resumableParts(resumableUpload)
  return extend(useTransfer(run, RESUMABLE_KIND, options, useOptions)) as any
}

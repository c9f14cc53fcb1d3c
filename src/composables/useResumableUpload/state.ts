import { computed, shallowReadonly, shallowRef } from 'vue'
import type { Move, TransferCore } from '../transferState.js'

/**
 * What useResumableUpload adds to the shared transfer state: `pause()`, `resume()`, `isPaused`,
 * `uploadUrl` and `offset`. It builds on the state's task and status machine (`move`), so the
 * execution counter, frame batching and disposal stay the shared ones.
 */
export function resumableState(state: TransferCore, move: Move) {
  const uploadUrl = shallowRef<string>()
  const offset = shallowRef<number>()
  // Taken now: the state object gets this extension's `execute` in place of its own.
  const { status, task, execute } = state

  // Hooks fire for the newest transfer only: a stale one never writes here either.
  state.onProgress((event) => {
    if (event.uploadUrl) uploadUrl.value = event.uploadUrl
    // The highest offset the server confirmed: a lower one (a resumed upload that lost a partial
    // chunk reports what the server has) never takes it down.
    if (!(offset.value! >= event.offset)) offset.value = event.offset
  })
  state.onSuccess((result) => {
    uploadUrl.value = result.uploadUrl
  })

  return {
    uploadUrl: shallowReadonly(uploadUrl),
    offset: shallowReadonly(offset),
    isPaused: computed(() => status.value == 'paused'),
    /** Pauses the running upload; a no-op when none runs or it is already paused. */
    pause() {
      // A task exists only while pending, transferring or paused; from paused the move is ignored.
      if (task.value) {
        task.value.pause()
        move('paused')
      }
    },
    /** Resumes a paused upload: `pending` until its next progress event, then `transferring`. */
    resume() {
      if (status.value == 'paused') {
        task.value.resume()
        move('pending')
      }
    },
    /** A new upload: its URL and offset are unknown until it reports them. */
    execute(overrides?: Record<string, any>) {
      uploadUrl.value = offset.value = undefined
      return execute(overrides)
    },
  }
}

/**
 * The resumable upload as a transfer kind: its api for messages, upload's byte-count names, and
 * `uploadUrl` as the result field (overridden by {@link resumableState}'s ref, known before the end).
 */
export const RESUMABLE_KIND = ['uploadResumable', 'totalBytesSent', 'totalBytesExpectedToSend', 'uploadUrl'] as const

import { computed, shallowReadonly, shallowRef, type ShallowRef } from 'vue'
import type { OnTask } from '../../core/transfer.js'
import type { OnConfirm } from '../../resumable/upload.js'
import type { ResumableStatus, UploaderConfig } from '../../types.js'
import type { Run } from '../transferState.js'

/** The engine's signature (resumableUpload): `onConfirm` is told of each offset the server confirmed. */
type Send = (config: UploaderConfig, options: any, onTask: OnTask, onConfirm: OnConfirm) => unknown

/** The part of useTransfer's state the extension builds on. */
interface TransferCore {
  status: Readonly<ShallowRef<ResumableStatus>>
  task: Readonly<ShallowRef<any>>
  execute(overrides?: Record<string, any>): Promise<any>
}

/**
 * What useResumableUpload adds to the shared transfer state: `pause()`, `resume()`, `isPaused`,
 * `uploadUrl` and `offset`. `run` calls `send` (the engine) for useTransfer and takes the
 * confirmed offsets it reports; `extend` adds the rest to the state useTransfer returned, on its
 * task and on the writable status every run is given, so the execution counter, frame
 * batching and disposal stay the shared ones.
 */
export function resumableParts(send: Send) {
  const uploadUrl = shallowRef<string>()
  const offset = shallowRef<number>()
  // useTransfer's writable status, given to every run: pause() and resume() act only on a task a
  // run started, so it is known by then.
  let writableStatus: ShallowRef<ResumableStatus>

  const run: Run = (config, options, onTask, current, status) => {
    writableStatus = status
    return send(
      config,
      {
        ...options,
        success(result: any) {
          // Only the newest call writes (the shared execution counter), before the state shows success.
          if (current()) uploadUrl.value = result.uploadUrl
          options.success(result)
        },
      },
      onTask,
      (confirmed, url) => {
        // The highest offset the server confirmed: a lower one (resumed after a lost partial
        // chunk) never takes it down.
        if (!current()) return
        uploadUrl.value = url
        if (!(offset.value! >= confirmed)) offset.value = confirmed
      },
    )
  }

  function extend<State extends TransferCore>(state: State) {
    // Taken now: the state gets this extension's `execute` in place of its own.
    const { status, task, execute } = state
    return Object.assign(state, {
      uploadUrl: shallowReadonly(uploadUrl),
      offset: shallowReadonly(offset),
      isPaused: computed(() => status.value == 'paused'),
      /** Pauses the running upload; a no-op when none runs or it is already paused. */
      pause() {
        // A task exists only while pending, transferring or paused (the newest transfer runs).
        if (task.value) {
          task.value.pause()
          writableStatus.value = 'paused'
        }
      },
      /** Resumes a paused upload: `pending` until its next progress event, then `transferring`. */
      resume() {
        if (status.value == 'paused') {
          task.value.resume()
          writableStatus.value = 'pending'
        }
      },
      /** A new upload: its URL and offset are unknown until it reports them. */
      execute(overrides?: Record<string, any>) {
        uploadUrl.value = offset.value = undefined
        return execute(overrides)
      },
    })
  }

  return { run, extend }
}

/**
 * The resumable upload as a transfer kind: its api for messages, upload's byte-count names, and
 * `uploadUrl` as the result field (overridden by {@link resumableParts}' ref, known before the end).
 */
export const RESUMABLE_KIND = ['uploadResumable', 'totalBytesSent', 'totalBytesExpectedToSend', 'uploadUrl'] as const

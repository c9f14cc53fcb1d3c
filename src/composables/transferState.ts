import {
  computed,
  getCurrentScope,
  hasInjectionContext,
  inject,
  onScopeDispose,
  shallowReadonly,
  shallowRef,
  toValue,
  type MaybeRefOrGetter,
} from 'vue'
import { defaultConfig, uploaderKey } from '../config.js'
import { AbortError, HTTPError, type TransferError } from '../errors.js'
import type { TransferStatus, UploaderConfig, UseTransferOptions } from '../types.js'

/**
 * The status machine, in one place: from each status, the statuses it may move to. A move that is
 * not listed is ignored, so a late event can never take a finished transfer back to transferring.
 */
const TRANSITIONS: Record<TransferStatus, TransferStatus[]> = {
  idle: ['pending'],
  pending: ['pending', 'transferring', 'success', 'error', 'aborted'],
  transferring: ['pending', 'success', 'error', 'aborted'],
  success: ['pending'],
  error: ['pending'],
  aborted: ['pending'],
}

const isOk = (statusCode: number) => statusCode >= 200 && statusCode < 300

function eventHook<T>() {
  const listeners = new Set<(value: T) => void>()
  return {
    on: (fn: (value: T) => void) => (listeners.add(fn), { off: () => void listeners.delete(fn) }),
    fire: (value: T) => listeners.forEach((fn) => fn(value)),
  }
}

/** At most one state write per animation frame; a timer where there is no requestAnimationFrame (mini-programs). */
function frameScheduler(): [(fn: () => void) => unknown, (handle: any) => void] {
  return typeof requestAnimationFrame == 'function'
    ? [requestAnimationFrame, cancelAnimationFrame]
    : [(fn) => setTimeout(fn, 16), clearTimeout]
}

type Run = (config: UploaderConfig, options: any) => any

/**
 * The reactive state both composables share. `run` is `upload` or `download` from core, passed in
 * so that an app importing only one composable carries only that transfer kind.
 */
export function useTransfer(run: Run, upload: boolean, options: MaybeRefOrGetter<any>, useOptions: UseTransferOptions = {}) {
  const { immediate, abortOnScopeDispose = true, throwOnError } = useOptions
  const config = (useOptions.uploader || (hasInjectionContext() && inject(uploaderKey, null)) || { config: defaultConfig }).config

  const status = shallowRef<TransferStatus>('idle')
  const progress = shallowRef(0)
  const sent = shallowRef<number>()
  const expected = shallowRef<number>()
  const headers = shallowRef<Record<string, string>>()
  const statusCode = shallowRef<number>()
  const result = shallowRef<any>()
  const error = shallowRef<TransferError>()
  const attempt = shallowRef(0)
  const task = shallowRef<any>()
  const progressHook = eventHook<any>()
  const successHook = eventHook<any>()
  const errorHook = eventHook<TransferError>()

  const move = (to: TransferStatus) => {
    if (TRANSITIONS[status.value].indexOf(to) >= 0) status.value = to
  }
  // Execution counter: only the newest transfer writes state.
  let counter = 0
  let running: { silent?: boolean } | undefined
  let stopFrame: (() => void) | undefined
  const stopRunning = () => {
    if (stopFrame) stopFrame()
    if (running) {
      // A superseded or disposed transfer resolves undefined and never writes state.
      running.silent = true
      task.value.abort()
    }
  }

  function execute(overrides?: Record<string, any>, unawaited?: boolean): Promise<any> {
    stopRunning()
    const id = ++counter
    const own = (running = {} as { silent?: boolean })
    const current = () => id == counter && !own.silent
    progress.value = 0
    sent.value = expected.value = headers.value = statusCode.value = result.value = error.value = undefined
    attempt.value = 1
    move('pending')

    const [requestFrame, cancelFrame] = frameScheduler()
    let frame: unknown
    let pendingEvent: any
    const flush = () => {
      frame = undefined
      if (pendingEvent && current()) {
        progress.value = pendingEvent.progress
        sent.value = upload ? pendingEvent.totalBytesSent : pendingEvent.totalBytesWritten
        expected.value = upload ? pendingEvent.totalBytesExpectedToSend : pendingEvent.totalBytesExpectedToWrite
      }
      pendingEvent = undefined
    }
    stopFrame = () => {
      if (frame !== undefined) cancelFrame(frame)
      frame = undefined
    }
    const end = () => {
      stopFrame!()
      flush()
      task.value = running = undefined
    }

    return new Promise((resolve, reject) => {
      const callOptions = { ...toValue(options), ...overrides }
      const userRetry = callOptions.onRetry
      const started = run(config, {
        validateStatus: useOptions.validateStatus || isOk,
        ...callOptions,
        onRetry(info: any) {
          if (current()) attempt.value = info.attempt + 1
          if (userRetry) userRetry(info)
        },
        success(value: any) {
          if (!current()) return resolve(undefined)
          end()
          if (value.header) headers.value = value.header
          statusCode.value = value.statusCode
          result.value = value
          move('success')
          successHook.fire(value)
          resolve(value)
        },
        fail(reason: TransferError) {
          if (!current()) return resolve(undefined)
          end()
          error.value = reason
          if (reason instanceof HTTPError) {
            statusCode.value = reason.statusCode
            if (reason.header) headers.value = reason.header
          }
          const aborted = reason instanceof AbortError
          move(aborted ? 'aborted' : 'error')
          if (!aborted) errorHook.fire(reason)
          throwOnError && !unawaited ? reject(reason) : resolve(undefined)
        },
      })
      // The call may already have settled (an option error settles in a microtask, never sooner).
      if (current()) task.value = started
      started.onProgressUpdate((event: any) => {
        if (!current()) return
        move('transferring')
        progressHook.fire(event)
        pendingEvent = event
        if (frame === undefined) frame = requestFrame(flush)
      })
      started.onHeadersReceived((event: any) => {
        if (current()) headers.value = event.header
      })
    })
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (abortOnScopeDispose) stopRunning()
      else if (stopFrame) stopFrame()
    })
  }
  if (immediate) execute(undefined, true)

  return {
    status: shallowReadonly(status),
    progress: shallowReadonly(progress),
    sent: shallowReadonly(sent),
    expected: shallowReadonly(expected),
    headers: shallowReadonly(headers),
    statusCode: shallowReadonly(statusCode),
    result: shallowReadonly(result),
    error: shallowReadonly(error),
    attempt: shallowReadonly(attempt),
    task: shallowReadonly(task),
    isTransferring: computed(() => status.value == 'pending' || status.value == 'transferring'),
    isFinished: computed(() => /^(success|error|aborted)$/.test(status.value)),
    isAborted: computed(() => status.value == 'aborted'),
    execute: (overrides?: Record<string, any>) => execute(overrides),
    abort: () => void (running && task.value.abort()),
    onProgress: progressHook.on,
    onSuccess: successHook.on,
    onError: errorHook.on,
  }
}

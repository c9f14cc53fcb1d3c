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
import { AbortError, HTTPError, messageOf, OptionError, type TransferError } from '../errors.js'
import type { TransferStatus, UploaderConfig, UseTransferOptions } from '../types.js'
import { frameBatch } from './frame.js'

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

/** VueUse-style event hook: `on` returns `{ off }`. */
export function eventHook<T>() {
  const listeners = new Set<(value: T) => void>()
  return {
    on: (fn: (value: T) => void) => (listeners.add(fn), { off: () => void listeners.delete(fn) }),
    fire: (value: T) => listeners.forEach((fn) => fn(value)),
  }
}

/** The instance the nearest app installed, else the default instance's config. */
export const resolveConfig = (useOptions: UseTransferOptions): UploaderConfig =>
  (useOptions.uploader || (hasInjectionContext() && inject(uploaderKey, null)) || { config: defaultConfig }).config

type Run = (config: UploaderConfig, options: any) => any

/**
 * The reactive state both composables share. `run` is `upload` or `download` from core, passed in
 * so that an app importing only one composable carries only that transfer kind.
 */
export function useTransfer(run: Run, upload: boolean, options: MaybeRefOrGetter<any>, useOptions: UseTransferOptions = {}) {
  const { immediate, abortOnScopeDispose = true, throwOnError } = useOptions
  const config = resolveConfig(useOptions)

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
  // The newest progress event, written to state at most once per frame.
  let latest: any
  const frame = frameBatch(() => {
    if (latest) {
      progress.value = latest.progress
      sent.value = upload ? latest.totalBytesSent : latest.totalBytesWritten
      expected.value = upload ? latest.totalBytesExpectedToSend : latest.totalBytesExpectedToWrite
    }
    latest = undefined
  })
  // Execution counter: only the newest transfer writes state. `silent` marks one whose scope was
  // disposed: it still shows as aborted, but resolves undefined and never rejects.
  let counter = 0
  let running: { silent?: boolean } | undefined
  const stop = () => {
    frame.cancel()
    latest = undefined
    if (running) {
      running.silent = true
      task.value.abort()
    }
  }

  function execute(overrides?: Record<string, any>, unawaited?: boolean): Promise<any> {
    // Counted before the old one is aborted, so the old one's failure is stale and writes nothing.
    const id = ++counter
    stop()
    const own = (running = {} as { silent?: boolean })
    const current = () => id == counter
    progress.value = 0
    sent.value = expected.value = headers.value = statusCode.value = result.value = error.value = undefined
    attempt.value = 1
    move('pending')
    // Settling: the last progress is written, then the running task is gone.
    const end = () => {
      frame.now()
      task.value = running = undefined
    }

    return new Promise((resolve, reject) => {
      const succeed = (value: any) => {
        if (!current()) return resolve(undefined)
        end()
        if (value.header) headers.value = value.header
        statusCode.value = value.statusCode
        result.value = value
        move('success')
        // Settle before the hooks: a hook that throws must not leave execute pending.
        resolve(value)
        successHook.fire(value)
      }
      const fail = (reason: TransferError) => {
        if (!current()) return resolve(undefined)
        end()
        error.value = reason
        if (reason instanceof HTTPError) {
          statusCode.value = reason.statusCode
          if (reason.header) headers.value = reason.header
        }
        const aborted = reason instanceof AbortError
        move(aborted ? 'aborted' : 'error')
        throwOnError && !unawaited && !own.silent ? reject(reason) : resolve(undefined)
        if (!aborted) errorHook.fire(reason)
      }
      let callOptions: Record<string, any>
      try {
        callOptions = { ...toValue(options), ...overrides }
      } catch (thrown: any) {
        // An options getter that throws (say, a file ref still null) fails this transfer like bad input.
        return fail(new OptionError((upload ? 'uploadFile' : 'downloadFile') + ':fail options: ' + messageOf(thrown), thrown))
      }
      const onRetry = callOptions.onRetry
      const started = run(config, {
        validateStatus: useOptions.validateStatus || isOk,
        ...callOptions,
        onRetry(info: any) {
          if (current()) attempt.value = info.attempt + 1
          if (onRetry) onRetry(info)
        },
        success: succeed,
        fail,
      })
      // A runtime that throws inside uni.uploadFile settles the call before it returns.
      if (running == own) task.value = started
      started.onProgressUpdate((event: any) => {
        if (!current()) return
        move('transferring')
        latest = event
        frame.schedule()
        progressHook.fire(event)
      })
      started.onHeadersReceived((event: any) => {
        if (current()) headers.value = event.header
      })
    })
  }

  if (getCurrentScope()) onScopeDispose(() => (abortOnScopeDispose ? stop() : frame.cancel()))
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

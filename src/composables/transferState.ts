import {
  computed,
  getCurrentScope,
  hasInjectionContext,
  inject,
  onScopeDispose,
  shallowReadonly,
  shallowRef,
  toValue,
  type ComputedRef,
  type MaybeRefOrGetter,
  type ShallowRef,
} from 'vue'
import { defaultConfig, uploaderKey } from '../config.js'
import { AbortError, HTTPError, messageOf, OptionError, type TransferError } from '../errors.js'
import type { ResumableStatus, TransferStatus, UploaderConfig, UseTransferOptions } from '../types.js'
import type { OnTask } from '../core/transfer.js'
import { frameBatch } from './frame.js'

/**
 * The status moves are written where they happen: a new transfer starts (`pending`) from any
 * status; its outcome (`success`, `error`, `aborted`) arrives once, only while it is the newest
 * (core's exactly-once outcome and the execution counter), so it is written as it comes; a
 * progress event moves only a `pending` transfer to `transferring`, so it never takes a finished
 * or `paused` (useResumableUpload's `pause()`) one back. `paused` is left by `resume()` or a new
 * transfer (both `pending`) or by the outcome. A running transfer is `pending` or `transferring`.
 */
const running = (status: ResumableStatus) => status == 'pending' || status == 'transferring'

const isOk = (statusCode: number) => statusCode >= 200 && statusCode < 300

/** A readonly ref of `source.value[key]`, `fallback` while `source.value` is unset. */
const pick = (source: ShallowRef<any>, key: string, fallback?: unknown) => computed(() => (source.value ? source.value[key] : fallback))

/**
 * VueUse-style event hooks, on plain Sets of listeners: `listen(set)` is the hook's `on…`, which
 * returns `{ off }`; `fire(set, value)` calls every listener. (Two helpers over Sets, not an object
 * per hook: its method names cost bytes in every bundle.)
 */
type Listeners<T> = Set<(value: T) => void>
const listen =
  <T>(listeners: Listeners<T>) =>
  (fn: (value: T) => void) => {
    listeners.add(fn)
    return { off: () => void listeners.delete(fn) }
  }
const fire = <T>(listeners: Listeners<T>, value: T) => listeners.forEach((fn) => fn(value))

/** The instance the nearest app installed, else the default instance's config. */
export const resolveConfig = (useOptions: UseTransferOptions): UploaderConfig =>
  (useOptions.uploader || (hasInjectionContext() && inject(uploaderKey, null)) || { config: defaultConfig }).config

/**
 * Starts one call; `current` says whether it is still the newest (for what reports outside the
 * task); `status` is the composable's writable status, the same ref for every call (a run that can
 * pause keeps it for its `pause()` and `resume()`).
 */
export type Run = (config: UploaderConfig, options: any, onTask: OnTask, current: () => boolean, status: ShallowRef<ResumableStatus>) => any

/**
 * What differs between upload and download, as data: the api named in messages, the names of the
 * progress event's byte counts (also the names the composable returns them under), and the result
 * field the composable returns as a computed ref.
 */
export type TransferKind<Sent extends string, Expected extends string, Field extends string> = readonly [
  api: string,
  sent: Sent,
  expected: Expected,
  field: Field,
]

/**
 * The reactive state the composables share. `run` is `upload`, `download` or the resumable upload
 * from core, passed in so that an app importing only one composable carries only that transfer
 * kind. useResumableUpload adds its pause and resume to the returned state, with the writable
 * status its `run` is given, so that code is paid only by its importers.
 */
export function useTransfer<Sent extends string, Expected extends string, Field extends string>(
  run: Run,
  [api, sentKey, expectedKey, field]: TransferKind<Sent, Expected, Field>,
  options: MaybeRefOrGetter<any>,
  useOptions: UseTransferOptions = {},
) {
  const { immediate, abortOnScopeDispose = true, throwOnError } = useOptions
  const config = resolveConfig(useOptions)

  const status = shallowRef<ResumableStatus>('idle')
  // The newest progress event written to state (at most once per frame); `progress` and the byte
  // counts are read from it, one ref for the three.
  const shownEvent = shallowRef<any>()
  const headers = shallowRef<Record<string, string>>()
  const statusCode = shallowRef<number>()
  const result = shallowRef<any>()
  const error = shallowRef<TransferError>()
  const attempt = shallowRef(0)
  const task = shallowRef<any>()
  const progressListeners: Listeners<any> = new Set()
  const successListeners: Listeners<any> = new Set()
  const errorListeners: Listeners<TransferError> = new Set()

  // The newest progress event, not yet written to state.
  let latest: any
  const [scheduleWrite, writeNow] = frameBatch(() => {
    if (latest) shownEvent.value = latest
  })
  // Execution counter: only the newest transfer writes state. `quiet` marks a newest transfer that
  // must not reject: one whose scope was disposed (it still shows as aborted, but resolves undefined).
  // (One started by `immediate` may reject: nobody holds its promise, which drops the rejection.)
  let counter = 0
  let quiet: boolean | undefined
  // The waiting progress is dropped: `writeNow` then writes nothing and leaves no frame due.
  const stop = () => {
    latest = undefined
    writeNow()
    if (task.value) {
      quiet = true
      task.value.abort()
    }
  }
  // A response's status and headers, from a result or an HTTPError.
  const respond = (response: { statusCode?: number; header?: Record<string, string> }) => {
    statusCode.value = response.statusCode
    if (response.header) headers.value = response.header
  }

  function execute(overrides?: Record<string, any>): Promise<any> {
    // Counted before the old one is aborted, so the old one's failure is stale and writes nothing.
    const id = ++counter
    stop()
    quiet = false
    const current = () => id == counter
    shownEvent.value = headers.value = statusCode.value = result.value = error.value = undefined
    attempt.value = 1
    status.value = 'pending'

    // Typed `void` so that `resolve()` (with undefined) needs no argument; a result is `any`, so it passes too.
    return new Promise<void>((resolve, reject) => {
      // Settling the newest transfer: the last progress is written, then the running task is gone.
      // A stale one resolves undefined and writes nothing.
      const settle = () => {
        if (!current()) return resolve()
        writeNow()
        task.value = undefined
        return true
      }
      const succeed = (value: any) => {
        if (!settle()) return
        respond(value)
        result.value = value
        status.value = 'success'
        // Settle before the hooks: a hook that throws must not leave execute pending.
        resolve(value)
        fire(successListeners, value)
      }
      const fail = (reason: TransferError) => {
        if (!settle()) return
        error.value = reason
        if (reason instanceof HTTPError) respond(reason)
        const aborted = reason instanceof AbortError
        status.value = aborted ? 'aborted' : 'error'
        throwOnError && !quiet ? reject(reason) : resolve()
        if (!aborted) fire(errorListeners, reason)
      }
      let callOptions: Record<string, any>
      try {
        callOptions = { ...toValue(options), ...overrides }
      } catch (thrown: any) {
        // An options getter that throws (say, a file ref still null) fails this transfer like bad input.
        return fail(new OptionError(api + ':fail options: ' + messageOf(thrown), thrown))
      }
      run(
        config,
        {
          validateStatus: useOptions.validateStatus || isOk,
          ...callOptions,
          onRetry(info: any) {
            if (current()) attempt.value = info.attempt + 1
            // The caller's own onRetry: the call sees this object, callOptions keeps theirs.
            if (callOptions.onRetry) callOptions.onRetry(info)
          },
          success: succeed,
          fail,
        },
        // The task is ours before the call starts, so an abort() from user code the call runs
        // synchronously (onRetry after a runtime that throws) reaches it; settling clears it.
        (started: any) => {
          task.value = started
          started.onProgressUpdate((event: any) => {
            if (!current()) return
            if (status.value == 'pending') status.value = 'transferring'
            latest = event
            scheduleWrite()
            fire(progressListeners, event)
          })
          // The resumable task has no header events: its result carries the last response's headers.
          if (started.onHeadersReceived)
            started.onHeadersReceived((event: any) => {
              if (current()) headers.value = event.header
            })
        },
        current,
        status,
      )
    })
  }

  if (getCurrentScope()) onScopeDispose(() => (abortOnScopeDispose ? stop() : writeNow()))

  // Nobody holds this promise: its rejection is dropped.
  if (immediate) execute().catch(() => {})
  return {
    // Typed as the plain statuses: only an extension's own writes reach `paused`, and its return type says so.
    status: shallowReadonly(status as ShallowRef<TransferStatus>),
    progress: pick(shownEvent, 'progress', 0),
    headers: shallowReadonly(headers),
    statusCode: shallowReadonly(statusCode),
    result: shallowReadonly(result),
    error: shallowReadonly(error),
    attempt: shallowReadonly(attempt),
    task: shallowReadonly(task),
    isTransferring: computed(() => running(status.value)),
    // The three outcomes: not idle, not running, not paused.
    isFinished: computed(() => /^(success|error|aborted)$/.test(status.value)),
    isAborted: computed(() => status.value == 'aborted'),
    execute,
    // `how` reaches the task as it is: the resumable task takes `{ terminate }`, the others ignore it.
    abort: (how?: unknown) => void (task.value && task.value.abort(how)),
    onProgress: listen(progressListeners),
    onSuccess: listen(successListeners),
    onError: listen(errorListeners),
    // Under the kind's own names.
    ...({
      [sentKey]: pick(shownEvent, sentKey),
      [expectedKey]: pick(shownEvent, expectedKey),
      [field]: pick(result, field),
    } as Record<Sent | Expected, Readonly<ShallowRef<number | undefined>>> & Record<Field, ComputedRef<any>>),
  }
}

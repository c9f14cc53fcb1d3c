/**
 * A stub resumable call for the composable and queue tests: the task RESUMABLE.md gives (`pause`,
 * `resume`, `abort(opts?)` settling at once with AbortError, `onProgressUpdate`, one outcome
 * through the callbacks) and the engine's internal `onConfirm`, driven step by step by the test.
 * Nothing is sent anywhere; the real engine runs against tests/helpers/fake-tus.ts elsewhere.
 */
import { AbortError } from '../../src/index'

/** A progress event as the resumable task sends it, at `sent` of `size` bytes. */
export const progressEvent = (sent: number, size = 1000) => ({
  progress: Math.floor((sent / size) * 100),
  totalBytesSent: sent,
  totalBytesExpectedToSend: size,
  totalBytesWritten: sent,
  totalBytesExpectedToWrite: size,
})

/** One stub call and the handles a test drives it with. */
export interface StubResumableCall {
  options: any
  pauses: number
  resumes: number
  /** What each `abort()` was given. */
  aborts: unknown[]
  settled: boolean
  /** A progress event at `sent` bytes. Like the real task, events still arrive after pause() (the chunk in flight). */
  sent(sent: number, size?: number): void
  /** The server confirmed `offset`, as the engine does: onConfirm, then a progress event at it. */
  confirm(offset: number, uploadUrl?: string, size?: number): void
  succeed(result?: Record<string, unknown>): void
  fail(error: Error): void
}

/**
 * A call on `options` (its `success`/`fail` get the outcome) and its task. `onConfirm` is told of
 * every `confirm`, even after the call settled: what uses it must keep a stale call out itself.
 */
export function stubResumableCall(options: any, onConfirm: (offset: number, url: string) => void = () => {}) {
  const listeners: ((event: any) => void)[] = []
  const settle = (fn: () => void) => {
    if (call.settled) return
    call.settled = true
    fn()
  }
  const call: StubResumableCall = {
    options,
    pauses: 0,
    resumes: 0,
    aborts: [],
    settled: false,
    sent: (sent, size) => !call.settled && listeners.forEach((fn) => fn(progressEvent(sent, size))),
    confirm(offset, uploadUrl = 'https://tus.test/files/1', size) {
      onConfirm(offset, uploadUrl)
      call.sent(offset, size)
    },
    succeed: (result = {}) => settle(() => options.success({ uploadUrl: 'https://tus.test/files/1', statusCode: 204, header: {}, errMsg: 'uploadResumable:ok', ...result })),
    fail: (error) => settle(() => options.fail(error)),
  }
  const task = {
    pause: () => void call.pauses++,
    resume: () => void call.resumes++,
    abort: (how?: unknown) => {
      call.aborts.push(how)
      call.fail(new AbortError('uploadResumable:fail abort'))
    },
    onProgressUpdate: (fn: (event: any) => void) => void listeners.push(fn),
    offProgressUpdate: () => {},
  }
  return { call, task }
}

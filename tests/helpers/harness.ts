/**
 * Shared scaffolding for the library's unit tests: an uploader wired to a fresh fake runtime
 * (through `config.uni` or through the literal global `uni`), outcome capture for both call modes,
 * and a watcher for unhandled promise rejections.
 */
import { onTestFinished, vi } from 'vitest'
import { createUploader } from '../../src/index'
import type { TransferError } from '../../src/errors'
import type { Uploader, UploaderConfig } from '../../src/types'
import { createFakeUni, installFakeUni, type FakePlatform, type FakeUni, type FakeUniOptions } from './fake-uni'

/** Every platform the contract names. */
export const PLATFORMS: FakePlatform[] = ['web', 'app', 'mp-weixin', 'mp-alipay', 'mp-baidu']
/** Platforms whose runtime sends `files[]` itself (rule 5). */
export const NATIVE_FILES: FakePlatform[] = ['web', 'app']
/** Mini-programs: one request per file (rule 5). */
export const MINI_PROGRAMS: FakePlatform[] = ['mp-weixin', 'mp-alipay', 'mp-baidu']
/** Platforms whose fake runtime ignores `timeout` (the wrapper's timer must do it). */
export const NO_RUNTIME_TIMEOUT: FakePlatform[] = ['app', 'mp-weixin', 'mp-alipay', 'mp-baidu']
export const APIS = ['upload', 'download'] as const
export type Api = (typeof APIS)[number]
export const runtimeApi = (api: Api) => (api == 'upload' ? 'uploadFile' : 'downloadFile') as 'uploadFile' | 'downloadFile'

/** How the library reaches the runtime: injected, or the literal global `uni` a uni build rewrites. */
export type Via = 'config.uni' | 'global uni'
export const VIAS: Via[] = ['config.uni', 'global uni']

export interface Setup {
  fake: FakeUni
  up: Uploader
}

/**
 * A fresh fake runtime for `platform` and an uploader on it. `via: 'global uni'` installs the fake
 * as the global `uni` (restored when the test ends) and gives the uploader no `uni`.
 */
export function setup(platform: FakePlatform = 'web', config: UploaderConfig = {}, via: Via = 'config.uni', fakeOptions: FakeUniOptions = {}): Setup {
  const fake = createFakeUni({ platform, ...fakeOptions })
  if (via == 'global uni') {
    onTestFinished(installFakeUni(fake))
    return { fake, up: createUploader(config) }
  }
  return { fake, up: createUploader({ uni: fake.uni, ...config }) }
}

/** Options that pass every check for `api` (a filePath upload). */
export const okOptions = (api: Api, extra: Record<string, any> = {}): Record<string, any> =>
  api == 'upload' ? { url: 'https://api.test/up', filePath: '/tmp/a.png', ...extra } : { url: 'https://api.test/f.pdf', ...extra }

/** Starts a call on `up`; `options` is loosely typed on purpose (tests feed it bad input too). */
export const start = (up: Uploader, api: Api, options: any): any => (api == 'upload' ? up.upload(options) : up.download(options))

/** Records success/fail/complete in order. */
export function recorder() {
  const calls: [string, any][] = []
  const success = vi.fn((r: any) => void calls.push(['success', r]))
  const fail = vi.fn((e: any) => void calls.push(['fail', e]))
  const complete = vi.fn((o: any) => void calls.push(['complete', o]))
  return {
    calls,
    success,
    fail,
    complete,
    callbacks: { success, fail, complete },
    /** The single outcome so far, checking the exactly-once contract on the way. */
    names: () => calls.map((c) => c[0]),
  }
}

/** A promise's state without waiting for it: resolves once it settles. */
export function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: TransferError; count: number } = { settled: false, count: 0 }
  promise.then(
    (value) => Object.assign(state, { settled: true, value, count: state.count + 1 }),
    (error) => Object.assign(state, { settled: true, error, count: state.count + 1 }),
  )
  return state
}

/** Settled value or error of a promise, as `{ value }` or `{ error }`. */
export const outcome = <T>(promise: Promise<T>): Promise<{ value?: T; error?: any }> =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  )

/** Lets queued microtasks run (works under fake timers: no timer involved). */
export async function microtasks(rounds = 10) {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

/**
 * Collects `unhandledRejection` events for the rest of the test. Node reports them after the
 * microtask queue drains, so call {@link settleUnhandled} before reading.
 */
export function watchUnhandled(): unknown[] {
  const seen: unknown[] = []
  const onRejection = (reason: unknown) => void seen.push(reason)
  const onBrowserRejection = (event: any) => void seen.push(event && event.reason)
  process.on('unhandledRejection', onRejection)
  const target: any = globalThis
  if (typeof target.addEventListener == 'function') target.addEventListener('unhandledrejection', onBrowserRejection)
  onTestFinished(() => {
    process.off('unhandledRejection', onRejection)
    if (typeof target.removeEventListener == 'function') target.removeEventListener('unhandledrejection', onBrowserRejection)
  })
  return seen
}

/** Waits (on the real clock) long enough for Node to report unhandled rejections. */
export async function settleUnhandled() {
  const fakeTimers = vi.isFakeTimers()
  if (fakeTimers) vi.useRealTimers()
  // Node reports unhandled rejections once the microtask queue drains, before the next macrotask.
  await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => setImmediate(resolve))
  if (fakeTimers) vi.useFakeTimers()
}

/** A deep-frozen copy-free guard: any write into `value` (or below) throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value == 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as any)[key])
  }
  return value
}

/** One call a {@link stubRuntime} received, with everything the library handed it. */
export interface StubCall {
  options: any
  progress: ((event: any) => void)[]
  headers: ((event: any) => void)[]
  aborts: number
  task: any
}

/**
 * A runtime stub that keeps every listener it was given, never removes one, and never reports
 * anything by itself: the test calls `options.success/fail` and the listeners directly, at any time
 * (also after the call settled), to check the library's own guards. `returns` decides what each
 * uploadFile/downloadFile call returns (default: the task).
 */
export function stubRuntime(returns: (call: StubCall) => unknown = (call) => call.task) {
  const calls: StubCall[] = []
  const make = (options: any) => {
    const call: StubCall = { options, progress: [], headers: [], aborts: 0, task: undefined }
    call.task = {
      abort: () => void call.aborts++,
      onProgressUpdate: (fn: any) => void call.progress.push(fn),
      offProgressUpdate: () => {},
      onHeadersReceived: (fn: any) => void call.headers.push(fn),
      offHeadersReceived: () => {},
    }
    calls.push(call)
    return returns(call)
  }
  return {
    calls,
    last: () => calls[calls.length - 1]!,
    uni: { uploadFile: make, downloadFile: make, getSystemInfoSync: () => ({ uniPlatform: 'mp-weixin' }) },
  }
}

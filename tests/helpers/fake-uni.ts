/**
 * A fake uni-app runtime for unit tests: `uni.uploadFile` / `uni.downloadFile`, the task objects
 * they return, `uni.addInterceptor` / `uni.removeInterceptor` and `uni.getSystemInfoSync`.
 *
 * It behaves as /work/shared/RUNTIME.md says each runtime behaves (H5 = `web`, App = `app`, and
 * the WeChat, Alipay and Baidu mini-programs), so that the library's platform handling is tested
 * against the runtime's quirks rather than against an idealised uni. Nothing reaches a network:
 * each call is recorded as a {@link FakeRequest} and the test decides what happens to it
 * (`progress()`, `headers()`, `succeed()`, `fail()`), except where the runtime itself decides
 * (abort, the H5 timeout, parameter errors), which the fake does on a `setTimeout`, so it works
 * with real timers and with `vi.useFakeTimers()` alike.
 *
 * Layers, as in uni:
 *   1. the API wrapper (`callApi`): promise-vs-callback mode, interceptors, `returnValue` hooks;
 *   2. the runtime (`startRequest`): records the request, creates the task, applies platform rules;
 *   3. the request handle ({@link FakeRequest}) through which the test drives the outcome.
 */

/** The `uniPlatform` values the fake models. */
export type FakePlatform = 'web' | 'app' | 'mp-weixin' | 'mp-alipay' | 'mp-baidu'

/** The two transfer APIs. */
export type FakeApi = 'uploadFile' | 'downloadFile'

/** A progress or header listener as passed to a task. */
export type FakeListener = (event: any) => void

/** What a test may pass to {@link FakeRequest.progress}; every field is optional. */
export interface FakeProgressInput {
  progress?: number
  totalBytesSent?: number
  totalBytesExpectedToSend?: number
  totalBytesWritten?: number
  totalBytesExpectedToWrite?: number
}

/** What a test may pass to {@link FakeRequest.succeed}; the fake shapes it per platform. */
export interface FakeSuccessInput {
  statusCode?: number | string
  data?: string
  header?: Record<string, string>
  tempFilePath?: string
  /** WeChat/Baidu download with `options.filePath`: the saved path (defaults to `options.filePath`). */
  filePath?: string
}

/** The task object the runtime returns (`UniApp.UploadTask` / `UniApp.DownloadTask` shape). */
export interface FakeTask {
  abort(): void
  onProgressUpdate(fn: FakeListener): void
  offProgressUpdate(fn?: FakeListener): void
  onHeadersReceived(fn: FakeListener): void
  offHeadersReceived(fn?: FakeListener): void
}

/** One call that reached the runtime. */
export interface FakeRequest {
  /** 1-based, in call order, per fake. */
  readonly id: number
  readonly api: FakeApi
  readonly platform: FakePlatform
  /** Exactly the object the runtime received (after interceptors; a shallow copy of the caller's). */
  readonly options: any
  /** The URL actually requested: `options.url` as a string, or `'./undefined'` when missing. */
  readonly url: string
  /** The task the runtime returned (also when the caller got a Promise and cannot reach it). */
  readonly task: FakeTask
  /** `task.abort()` was called (at any time, even after settling). */
  readonly aborted: boolean
  /** success or fail has been called (the callbacks ran). */
  readonly settled: boolean
  /** The runtime's own timer (web only) ended the request with `<api>:fail timeout`. */
  readonly timedOut: boolean
  /** Which callback fired, once settled. */
  readonly outcome: 'success' | 'fail' | undefined
  /** The result object given to success/fail/complete, once settled. */
  readonly result: any
  /** Listeners currently attached to this request's task. */
  listenerCount(): { progress: number; headers: number }
  /**
   * Fires the progress listeners currently attached, with the event shaped as the platform does:
   * `progress = round(sent / total * 100)` unsanitised (so totals of 0 give NaN or Infinity, as on
   * H5), except on App upload (`parseInt`); Alipay uploads use `totalBytesWritten` /
   * `totalBytesExpectedToWrite`. Missing fields: total 100, sent from `progress` or 50. On App the
   * runtime emits only when both byte counts are non-zero, so `progress({ totalBytesSent: 0 })`
   * fires nothing there. May be called after settling (late events, uni-app#5200).
   */
  progress(ev?: FakeProgressInput): void
  /** Fires the progress listeners with exactly `ev`, no shaping (for shapes no platform has yet). */
  progressRaw(ev: object): void
  /** Fires the `onHeadersReceived` listeners currently attached with `{ header: h }` (default `{}`). */
  headers(h?: Record<string, string>): void
  /**
   * Settles with success (success then complete), the result shaped per platform:
   * - web upload `{ data, statusCode, header (names lower-cased), errMsg }`
   * - app upload `{ data, statusCode, errMsg }` (+ `header` only if given)
   * - web/app download `{ statusCode, tempFilePath, errMsg }`, never `header`
   * - weixin/baidu upload `{ data, statusCode, errMsg }` (+ `header` if given); download
   *   `{ tempFilePath | filePath, statusCode, errMsg }` (+ `header` if given), `filePath` when
   *   `options.filePath` was given
   * - alipay upload `statusCode` as a string; alipay download `{ apFilePath, errMsg }` only
   * Defaults: statusCode 200, data `''`, a platform-looking temp path.
   * Throws if the request already settled or an outcome is already on its way (abort, timeout).
   */
  succeed(res?: FakeSuccessInput): void
  /** Settles with success with exactly `res` (an `errMsg` of `<api>:ok` is added if missing). */
  succeedRaw(res: object): void
  /**
   * Settles with failure (fail then complete) with `{ errMsg, ...extra }`. `errMsg` defaults to
   * `<api>:fail`; a message that does not start with `name:` is prefixed with `<api>:fail `.
   * A failure whose errMsg says `:ok` is only possible on mp-baidu (H5/uni decide success by the
   * errMsg, so there it would be a success): elsewhere it throws.
   */
  fail(errMsg?: string, extra?: object): void
  /** mp-baidu only: fail with `errMsg: '<api>:ok'` (Baidu failures may say :ok). */
  failWithOk(extra?: object): void
}

/** A call that an `invoke` interceptor stopped before the runtime (never settles). */
export interface FakeCancelled {
  api: FakeApi
  /** The options the invoke hooks saw. */
  options: any
  reason: 'invoke-false' | 'invoke-rejected'
  /** The rejection reason for `'invoke-rejected'`. */
  error?: unknown
}

/** The fake `uni` object. Methods are loosely typed so it can stand in for `UniNamespace.Uni`. */
export interface FakeUniRuntime {
  uploadFile: (options?: any) => any
  downloadFile: (options?: any) => any
  getSystemInfoSync: () => any
  addInterceptor: (method: any, interceptor?: any) => void
  removeInterceptor: (method: any, interceptor?: any) => void
}

/** Options for {@link createFakeUni}. */
export interface FakeUniOptions {
  /** Default `'web'`. */
  platform?: FakePlatform
  /** `SDKVersion` reported by `getSystemInfoSync()` (mini-program base library version). */
  sdkVersion?: string
  /**
   * Opt in to the places where the real H5 runtime calls `fail` synchronously (off by default:
   * the fake then delivers on `setTimeout(0)`):
   * - `abort`: `task.abort()` calls fail/complete before it returns (XHR dispatches `abort`
   *   synchronously inside `xhr.abort()`, and uni-h5's `onabort` rejects at once).
   * - `fileError`: H5 upload without `filePath` calls fail/complete inside `uni.uploadFile(...)`,
   *   before the task is returned (uni-h5 rejects `'file error'` synchronously).
   */
  syncFailures?: { abort?: boolean; fileError?: boolean }
}

/** What {@link createFakeUni} returns. */
export interface FakeUni {
  readonly platform: FakePlatform
  /** The fake runtime object; pass it as the library's `uni` or install it with {@link installFakeUni}. */
  uni: FakeUniRuntime
  /** Every call that reached the runtime, in order. */
  requests: FakeRequest[]
  /** Calls an `invoke` interceptor stopped (returned false, or its Promise rejected). */
  cancelled: FakeCancelled[]
  /** The latest request; throws if there is none. */
  last(): FakeRequest
  /** Progress + header listeners still attached, across all tasks (for leak checks). */
  activeListeners(): number
  /** Requests not yet settled. */
  pending(): FakeRequest[]
}

// ---------------------------------------------------------------------------------------------
// small helpers

const isFunction = (v: unknown): v is (...args: any[]) => any => typeof v === 'function'
const isPlainObject = (v: unknown): v is Record<string, any> =>
  Object.prototype.toString.call(v) === '[object Object]'
const isPromiseLike = (v: any): v is PromiseLike<any> =>
  !!v && (typeof v === 'object' || typeof v === 'function') && isFunction(v.then)
/** `Undefined`, `Null`, `Number`, `Array`, … as mini-program parameter errors name types. */
const rawType = (v: unknown) => Object.prototype.toString.call(v).slice(8, -1)

const isMiniProgram = (p: FakePlatform) => p.startsWith('mp-')

/**
 * The delay a browser's `setTimeout` really uses for `timeout` (WebIDL `long`): non-finite → 0,
 * truncated, wrapped to 32 bits, negative → 0. So H5 with `timeout: 0`, `null`, `NaN`, `Infinity`
 * or more than 2^31-1 ms times out at once.
 */
function browserDelay(timeout: unknown): number {
  let n = Number(timeout)
  if (!Number.isFinite(n)) return 0
  n = Math.trunc(n) % 2 ** 32
  if (n >= 2 ** 31) n -= 2 ** 32
  if (n < -(2 ** 31)) n += 2 ** 32
  return n < 0 ? 0 : n
}

/** Calls a runtime callback the way uni does: errors thrown by it are logged, not propagated. */
function callSafely(fn: unknown, res: unknown) {
  if (!isFunction(fn)) return
  try {
    fn(res)
  } catch (e) {
    console.error(e)
  }
}

// ---------------------------------------------------------------------------------------------
// interceptors (uni.addInterceptor): the same for every platform

type HookName = 'invoke' | 'success' | 'fail' | 'complete' | 'returnValue'
type HookTable = Partial<Record<HookName, Array<(...args: any[]) => any>>>
const HOOK_NAMES: HookName[] = ['invoke', 'success', 'fail', 'complete', 'returnValue']

/** Result of running a hook list: go on with `data` now, go on later, or stop for good. */
type Flow = { kind: 'sync'; data: any } | { kind: 'async'; promise: Promise<any> } | { kind: 'cancel' }

/**
 * Runs hooks as uni does: until one returns a Promise, each is called with the same `data` and
 * its return value is IGNORED (hooks mutate `data` in place) except `false`, which stops the call
 * for good (it never reaches the runtime, never settles). Once one returns a Promise, the rest run
 * after it, each on the previous value (`hook(v) || v`), and the call goes on with the final value.
 */
function runHooks(hooks: Array<(...args: any[]) => any> | undefined, data: any, params?: any): Flow {
  let promise: Promise<any> | undefined
  for (const hook of hooks ?? []) {
    if (promise) {
      promise = promise.then((v) => hook(v, params) || v)
      continue
    }
    const res = hook(data, params)
    if (isPromiseLike(res)) promise = Promise.resolve(res)
    else if (res === false) return { kind: 'cancel' }
  }
  return promise ? { kind: 'async', promise } : { kind: 'sync', data }
}

function mergeHooks(into: HookTable, interceptor: Record<string, any>) {
  for (const name of HOOK_NAMES) {
    const hook = interceptor[name]
    if (!isFunction(hook)) continue
    const list = (into[name] ??= [])
    if (!list.includes(hook)) list.push(hook) // uni de-duplicates hooks
  }
}

function removeHooks(from: HookTable | undefined, interceptor: Record<string, any>) {
  if (!from) return
  for (const name of HOOK_NAMES) {
    const list = from[name]
    const hook = interceptor[name]
    if (!list || !isFunction(hook)) continue
    const i = list.indexOf(hook)
    if (i >= 0) list.splice(i, 1)
  }
}

// ---------------------------------------------------------------------------------------------
// the fake

let fileCounter = 0

/** Creates an independent fake runtime (its own requests, interceptors and platform). */
export function createFakeUni(opts: FakeUniOptions = {}): FakeUni {
  const platform: FakePlatform = opts.platform ?? 'web'
  const syncAbort = !!opts.syncFailures?.abort
  const syncFileError = !!opts.syncFailures?.fileError
  const requests: FakeRequest[] = []
  const cancelled: FakeCancelled[] = []
  const globalHooks: HookTable = {}
  const scopedHooks: Record<string, HookTable> = {}

  // --- the request record and its task -------------------------------------------------------

  class Request implements FakeRequest {
    readonly id: number
    readonly platform = platform
    readonly url: string
    readonly task: FakeTask
    aborted = false
    settled = false
    timedOut = false
    outcome: 'success' | 'fail' | undefined = undefined
    result: any = undefined
    /** An outcome is on its way (abort, timeout, parameter error): no other may be given. */
    private settling = false
    private timer: ReturnType<typeof setTimeout> | undefined
    private readonly progressListeners: FakeListener[] = []
    private readonly headerListeners: FakeListener[] = []
    private readonly callbacks: { success?: unknown; fail?: unknown; complete?: unknown }

    constructor(readonly api: FakeApi, readonly options: any) {
      this.id = requests.length + 1
      // uni takes the callbacks from a plain-object argument only; anything else has none.
      const o = isPlainObject(options) ? options : {}
      this.callbacks = { success: o.success, fail: o.fail, complete: o.complete }
      // RUNTIME.md: "A missing `url` only warns and requests `./undefined`".
      if (typeof o.url !== 'string') {
        console.warn(
          'url' in o
            ? `${api}: Invalid args: type check failed for args "url". Expected String, got ${rawType(o.url)}`
            : `${api}: Missing required args: "url"`,
        )
      }
      this.url = o.url === undefined ? './undefined' : String(o.url)
      this.task = this.createTask()
    }

    // The task's methods differ per platform; each branch names the RUNTIME.md fact it models.
    private createTask(): FakeTask {
      const self = this
      const progress = this.progressListeners
      const headers = this.headerListeners
      const mp = isMiniProgram(platform)
      const notImplemented = () => {
        throw new Error('Method not implemented.')
      }
      let onHeaders: FakeTask['onHeadersReceived']
      let offHeaders: FakeTask['offHeadersReceived']
      if (mp) {
        // Mini-programs have working header events; off() without a listener removes all.
        onHeaders = (fn) => {
          if (isFunction(fn)) headers.push(fn)
        }
        offHeaders = (fn) => removeListener(headers, fn, true)
      } else if (platform === 'app' && this.api === 'uploadFile') {
        // RUNTIME.md: "App no-ops on upload" — accepted, never stored, never fired.
        onHeaders = () => {}
        offHeaders = () => {}
      } else {
        // RUNTIME.md: "`onHeadersReceived`: H5 throws 'Method not implemented'; App ... throws on
        // download." (off too.)
        onHeaders = notImplemented
        offHeaders = notImplemented
      }
      return {
        abort() {
          self.abort()
        },
        onProgressUpdate(fn) {
          // Non-functions are ignored; the same listener may be added twice (uni-h5 pushes).
          if (isFunction(fn)) progress.push(fn)
        },
        offProgressUpdate(fn) {
          // RUNTIME.md: "`offProgressUpdate()` with no argument removes nothing on uni-h5
          // (WeChat's removes all)". App behaves as H5 (indexOf/splice).
          removeListener(progress, fn, mp)
        },
        onHeadersReceived: onHeaders,
        offHeadersReceived: offHeaders,
      }
    }

    listenerCount() {
      return { progress: this.progressListeners.length, headers: this.headerListeners.length }
    }

    /** Called by the runtime right after the request is recorded. */
    start() {
      const o = isPlainObject(this.options) ? this.options : {}
      if (this.api === 'uploadFile' && isMiniProgram(platform) && typeof o.filePath !== 'string') {
        // RUNTIME.md: "WeChat, Alipay, Baidu: one file per upload call (no `files[]`)" — `files`
        // is ignored and the missing `filePath` fails parameter validation.
        this.schedule('fail', {
          errMsg: `uploadFile:fail parameter error: parameter.filePath should be String instead of ${rawType(o.filePath)};`,
        })
        return
      }
      if (this.api === 'uploadFile' && platform === 'web' && !o.filePath && !(Array.isArray(o.files) && o.files.length)) {
        // RUNTIME.md: "`file` without `filePath` (H5): ... fails with `uploadFile:fail file error`
        // while still sending." (Real uni-h5 calls fail synchronously here: see syncFailures.)
        const res = { errMsg: 'uploadFile:fail file error' }
        if (syncFileError) this.deliver('fail', res)
        else this.schedule('fail', res)
        return
      }
      if (platform === 'web') {
        // RUNTIME.md: "The H5 runtime honours `timeout` itself (`uploadFile:fail timeout`)";
        // "Default timeout comes from manifest `networkTimeout` (60000 ms)". Only an absent
        // timeout gets the default (a destructuring default); 0 → setTimeout(…, 0), at once.
        // App and mini-programs: the fake ignores `timeout` so the library's own timer is tested.
        const delay = browserDelay(o.timeout === undefined ? 60000 : o.timeout)
        this.timer = setTimeout(() => {
          this.timer = undefined
          if (this.settled || this.settling) return
          this.timedOut = true
          this.deliver('fail', { errMsg: `${this.api}:fail timeout` })
        }, delay)
      }
    }

    abort() {
      this.aborted = true
      // "abort after settle does nothing"; a second abort does nothing either.
      if (this.settled || this.settling) return
      this.clearTimer() // uni-h5's onabort clears its timeout timer
      // RUNTIME.md: "App: failures look like `statusCode: N`, no `abort`/`timeout` text" (the
      // App runtime rejects `statusCode: ${statusCode}` for any falsy status); elsewhere
      // `<api>:fail abort`.
      const errMsg = platform === 'app' ? `${this.api}:fail statusCode: 0` : `${this.api}:fail abort`
      if (syncAbort) this.deliver('fail', { errMsg })
      else this.schedule('fail', { errMsg })
    }

    progress(ev: FakeProgressInput = {}) {
      const upload = this.api === 'uploadFile'
      const total = (upload ? ev.totalBytesExpectedToSend : ev.totalBytesExpectedToWrite) ??
        ev.totalBytesExpectedToSend ?? ev.totalBytesExpectedToWrite ?? 100
      const sent = (upload ? ev.totalBytesSent : ev.totalBytesWritten) ?? ev.totalBytesSent ??
        ev.totalBytesWritten ?? (ev.progress !== undefined ? Math.round((total * ev.progress) / 100) : total / 2)
      let progress: number
      if (platform === 'app') {
        // The App runtime only emits when both byte counts are non-zero, so it never reports NaN.
        if (!sent || !total) return
        // App upload truncates (parseInt), App download rounds.
        progress = ev.progress ?? (upload ? parseInt(String((sent / total) * 100)) : Math.round((sent / total) * 100))
      } else {
        // RUNTIME.md: "Progress may be NaN or Infinity when the total is 0" — not sanitised.
        progress = ev.progress ?? Math.round((sent / total) * 100)
      }
      // RUNTIME.md: "Alipay: ... upload progress uses `totalBytesWritten`/`totalBytesExpectedToWrite`".
      const useWriteNames = !upload || platform === 'mp-alipay'
      this.emit(
        this.progressListeners,
        useWriteNames
          ? { progress, totalBytesWritten: sent, totalBytesExpectedToWrite: total }
          : { progress, totalBytesSent: sent, totalBytesExpectedToSend: total },
      )
    }

    progressRaw(ev: object) {
      this.emit(this.progressListeners, ev)
    }

    headers(h: Record<string, string> = {}) {
      this.emit(this.headerListeners, { header: h })
    }

    succeed(res: FakeSuccessInput = {}) {
      this.assertOpen('succeed')
      this.deliver('success', this.shapeSuccess(res))
    }

    succeedRaw(res: object) {
      this.assertOpen('succeedRaw')
      this.deliver('success', { errMsg: `${this.api}:ok`, ...res })
    }

    fail(errMsg?: string, extra: object = {}) {
      this.assertOpen('fail')
      const msg = errMsg === undefined ? `${this.api}:fail` : /^[A-Za-z]+:/.test(errMsg) ? errMsg : `${this.api}:fail ${errMsg}`
      if (/:ok\b/.test(msg) && platform !== 'mp-baidu') {
        // uni-h5 (and the mp wrappers) pick the callback from errMsg: a ':ok' failure cannot happen.
        throw new Error(`FakeUni: a fail callback saying ':ok' only happens on mp-baidu, not ${platform}`)
      }
      // RUNTIME.md: "Baidu: a failure may carry `errMsg: 'uploadFile:ok'`".
      this.deliver('fail', { ...extra, errMsg: msg })
    }

    failWithOk(extra: object = {}) {
      this.fail(`${this.api}:ok`, extra)
    }

    /** Builds the platform-shaped success result (see FakeRequest.succeed). */
    private shapeSuccess(res: FakeSuccessInput): Record<string, unknown> {
      const errMsg = `${this.api}:ok`
      const status = res.statusCode ?? 200
      const o = isPlainObject(this.options) ? this.options : {}
      if (this.api === 'uploadFile') {
        // RUNTIME.md: "Upload `data` is always a string".
        const data = res.data ?? ''
        if (platform === 'web') {
          // RUNTIME.md: "Upload results carry lower-cased headers" (from getAllResponseHeaders).
          const header: Record<string, string> = {}
          for (const [k, v] of Object.entries(res.header ?? {})) header[k.toLowerCase()] = v
          return { data, statusCode: Number(status), header, errMsg }
        }
        // RUNTIME.md: "Alipay: ... `statusCode` may be a string in the devtool".
        const statusCode = platform === 'mp-alipay' ? String(status) : Number(status)
        return { data, statusCode, ...(res.header ? { header: res.header } : {}), errMsg }
      }
      const tempFilePath = res.tempFilePath ?? defaultTempPath(platform)
      switch (platform) {
        case 'web':
        case 'app':
          // RUNTIME.md: "H5 `downloadFile` resolves `{ statusCode, tempFilePath, errMsg }` only
          // (no `header`)"; the App runtime resolves the same fields.
          return { statusCode: Number(status), tempFilePath, errMsg }
        case 'mp-alipay':
          // RUNTIME.md: "Alipay: ... download gives `apFilePath` and no `statusCode`".
          return { apFilePath: tempFilePath, errMsg }
        default: {
          // RUNTIME.md: "WeChat `downloadFile({ filePath })` returns `filePath` instead of
          // `tempFilePath`" (Baidu modelled the same).
          const path = typeof o.filePath === 'string'
            ? { filePath: res.filePath ?? o.filePath }
            : { tempFilePath }
          return { ...path, statusCode: Number(status), ...(res.header ? { header: res.header } : {}), errMsg }
        }
      }
    }

    private assertOpen(method: string) {
      if (this.settled || this.settling) {
        throw new Error(
          `FakeUni: ${method}() on request #${this.id} (${this.api}), which has already settled or is settling ` +
            `(abort, timeout or parameter error on its way); a runtime calls success/fail once`,
        )
      }
    }

    private emit(listeners: FakeListener[], ev: unknown) {
      // A copy, so a listener removing itself does not skip the next one. Errors propagate to the
      // test that fired the event.
      for (const fn of listeners.slice()) fn(ev)
    }

    /** RUNTIME.md promisify rule: callbacks never run inside uploadFile/abort: on a timer. */
    private schedule(kind: 'success' | 'fail', res: Record<string, unknown>) {
      this.settling = true
      this.clearTimer()
      setTimeout(() => this.deliver(kind, res), 0)
    }

    private clearTimer() {
      if (this.timer !== undefined) clearTimeout(this.timer)
      this.timer = undefined
    }

    /** success/fail then complete, once; callback errors are logged (uni wraps them in try/catch). */
    private deliver(kind: 'success' | 'fail', res: Record<string, unknown>) {
      if (this.settled) return
      this.settled = true
      this.settling = false
      this.outcome = kind
      this.result = res
      this.clearTimer()
      callSafely(kind === 'success' ? this.callbacks.success : this.callbacks.fail, res)
      callSafely(this.callbacks.complete, res)
    }
  }

  // --- the runtime: what uni's API wrapper finally calls -------------------------------------

  function startRequest(api: FakeApi, options: any): FakeTask {
    const req = new Request(api, options)
    requests.push(req)
    req.start()
    return req.task
  }

  // --- uni's API wrapper: interceptors and promisify -----------------------------------------

  /** Global hooks then the API's own, `returnValue` excluded (as uni's getApiInterceptorHooks). */
  function hooksFor(api: FakeApi): HookTable {
    const table: HookTable = {}
    for (const name of HOOK_NAMES) {
      if (name === 'returnValue') continue
      const list = [...(globalHooks[name] ?? []), ...(scopedHooks[api]?.[name] ?? [])]
      if (globalHooks[name] || scopedHooks[api]?.[name]) table[name] = list
    }
    return table
  }

  /** Wraps the success/fail/complete callbacks of `options` with the interceptor hooks. */
  function wrapCallbacks(hooks: HookTable, options: any) {
    for (const name of ['success', 'fail', 'complete'] as const) {
      const list = hooks[name]
      if (!list) continue
      const original = options[name]
      options[name] = function callbackInterceptor(res: any) {
        const flow = runHooks(list, res, options)
        const call = (r: any) => (isFunction(original) && original(r)) || r
        if (flow.kind === 'sync') call(flow.data)
        else if (flow.kind === 'async') void flow.promise.then(call)
      }
    }
    return options
  }

  function invoke(api: FakeApi, options: any, promiseMode: boolean): unknown {
    const hooks = hooksFor(api)
    if (!Object.keys(hooks).length) return startRequest(api, options)
    if (!hooks.invoke) return startRequest(api, wrapCallbacks(hooks, options))
    const flow = runHooks(hooks.invoke, options)
    if (flow.kind === 'cancel') {
      // RUNTIME.md: "an `invoke` returning false makes the call return undefined and never settle".
      cancelled.push({ api, options, reason: 'invoke-false' })
      return undefined
    }
    if (flow.kind === 'sync') return startRequest(api, wrapCallbacks(hooksFor(api), flow.data))
    // RUNTIME.md: "when `invoke` returns a Promise, the call returns a Promise that resolves to the
    // task once the call is made; `invoke` must resolve to the options, or the call goes out
    // without its callbacks; if it rejects, the runtime is never called."
    const p = flow.promise.then(
      (resolved) => startRequest(api, wrapCallbacks(hooksFor(api), isPlainObject(resolved) ? resolved : {})),
      (error) => {
        cancelled.push({ api, options, reason: 'invoke-rejected', error })
        throw error
      },
    )
    // In promise mode uni drops this promise inside its executor: the caller's promise never
    // settles and the rejection would be unhandled. The fake marks it handled (see `cancelled`).
    if (promiseMode) p.catch(() => {})
    return p
  }

  function applyReturnValue(api: FakeApi, value: unknown) {
    for (const hook of [...(globalHooks.returnValue ?? []), ...(scopedHooks[api]?.returnValue ?? [])]) {
      value = hook(value) || value
    }
    return value
  }

  function callApi(api: FakeApi, args: any = {}) {
    const hasCallback = isPlainObject(args) && ['success', 'fail', 'complete'].some((k) => isFunction(args[k]))
    // RUNTIME.md promisify rule: with any callback, the task (through interceptors); without, a
    // Promise resolving `res` / rejecting the plain `{ errMsg }` result. Either way the runtime
    // gets a shallow copy of the caller's options.
    if (hasCallback) return applyReturnValue(api, invoke(api, { ...args }, false))
    return applyReturnValue(
      api,
      new Promise((resolve, reject) => {
        invoke(api, { ...args, success: resolve, fail: reject }, true)
      }),
    )
  }

  const uni: FakeUniRuntime = {
    uploadFile: (options?: any) => callApi('uploadFile', options),
    downloadFile: (options?: any) => callApi('downloadFile', options),
    // RUNTIME.md: "Platform at run time: `uni.getSystemInfoSync().uniPlatform`".
    getSystemInfoSync: () => ({
      uniPlatform: platform,
      platform: isMiniProgram(platform) ? 'devtools' : platform === 'app' ? 'android' : 'windows',
      SDKVersion: opts.sdkVersion ?? (isMiniProgram(platform) ? '3.0.0' : ''),
    }),
    // uni.addInterceptor(api, interceptor) or uni.addInterceptor(interceptor) for every API.
    addInterceptor(method: any, interceptor?: any) {
      if (typeof method === 'string' && isPlainObject(interceptor)) mergeHooks((scopedHooks[method] ??= {}), interceptor)
      else if (isPlainObject(method)) mergeHooks(globalHooks, method)
    },
    // uni.removeInterceptor(api) removes all of that API's hooks; with an interceptor, only its hooks.
    removeInterceptor(method: any, interceptor?: any) {
      if (typeof method === 'string') {
        if (isPlainObject(interceptor)) removeHooks(scopedHooks[method], interceptor)
        else delete scopedHooks[method]
      } else if (isPlainObject(method)) removeHooks(globalHooks, method)
    },
  }

  return {
    platform,
    uni,
    requests,
    cancelled,
    last() {
      const req = requests[requests.length - 1]
      if (!req) throw new Error('FakeUni: no request has reached the runtime')
      return req
    },
    activeListeners() {
      return requests.reduce((n, r) => {
        const c = r.listenerCount()
        return n + c.progress + c.headers
      }, 0)
    },
    pending() {
      return requests.filter((r) => !r.settled)
    },
  }
}

/** `off(fn)` removes one occurrence of `fn`; `off()` removes all when `allOnEmpty` (mini-programs). */
function removeListener(list: FakeListener[], fn: FakeListener | undefined, allOnEmpty: boolean) {
  if (fn === undefined) {
    if (allOnEmpty) list.length = 0
    return
  }
  const i = list.indexOf(fn)
  if (i >= 0) list.splice(i, 1)
}

function defaultTempPath(platform: FakePlatform) {
  const n = ++fileCounter
  switch (platform) {
    case 'web':
      return `blob:http://localhost:5173/fake-${n}`
    case 'app':
      return `_doc/uniapp_temp/download/fake-${n}`
    case 'mp-alipay':
      return `https://resource/apml-fake-${n}`
    case 'mp-baidu':
      return `bdfile://tmp/fake-${n}`
    default:
      return `http://tmp/fake-${n}`
  }
}

/**
 * Sets `globalThis.uni` to the fake (for code that calls the literal global `uni.uploadFile(...)`).
 * Accepts what {@link createFakeUni} returns or its `uni`. Returns a function that puts back what
 * was there before (or deletes `uni` if there was nothing).
 */
export function installFakeUni(fake: FakeUni | FakeUniRuntime): () => void {
  const runtime = 'requests' in fake ? fake.uni : fake
  const g = globalThis as Record<string, unknown>
  const had = Object.prototype.hasOwnProperty.call(g, 'uni')
  const previous = g.uni
  g.uni = runtime
  return () => {
    if (had) g.uni = previous
    else delete g.uni
  }
}

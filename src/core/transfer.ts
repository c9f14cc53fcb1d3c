import { DEFAULT_TIMEOUT } from '../config.js'
import { AbortError, HTTPError, messageOf, NetworkError, OptionError, ParseError, TimeoutError, TransferError } from '../errors.js'
import { dropHeaders, mergeHeaders } from '../header.js'
import type { RuntimeOptions } from '../transport/adapter.js'
import { platformOf } from '../transport/platform.js'
import type { RetryOptions, UploaderConfig } from '../types.js'
import { resolveUrl } from '../url.js'
import { createProgress, type ProgressTracker } from './progress.js'
import { normalizeResult } from './result.js'
import { checkCommon, isObject, type Problem } from './validate.js'

type Listener = (event: any) => void

/** Internal: given the call's task before the call starts (the composables and the queue use it). */
export type OnTask = (task: any) => void

/** What differs between an upload and a download; everything else is one transfer. */
export interface TransferSpec {
  api: 'uploadFile' | 'downloadFile'
  /** Upload: `Content-Type` is dropped, progress events carry the upload names, `parse` applies. */
  upload?: boolean
  /** What is wrong with the kind's own options. */
  check(options: Record<string, any>, platform: string): Problem
  /** The runtime requests to send in order, and whether they are the files of `files[]` sent one by one. */
  plan(options: RuntimeOptions, platform: string, cleanups: (() => void)[]): [RuntimeOptions[], boolean]
  /** Makes one runtime call; returns what the runtime returned (a task, `undefined`, a Promise). */
  send(config: UploaderConfig, options: RuntimeOptions): unknown
}

/** Calls `target[method](arg)`, ignoring a throw: H5 throws "not implemented" for header events. */
function tryCall(target: any, method: string, arg?: unknown) {
  try {
    target[method](arg)
  } catch {
    // nothing to do: the platform lacks the method, or the task is already over
  }
}

/** Retried unless `retry.when` says otherwise: a timeout, a network failure, a 5xx. An abort never gets here. */
const worthRetry = (error: TransferError) =>
  error instanceof TimeoutError || error instanceof NetworkError || (error instanceof HTTPError && error.statusCode >= 500)

/** Runs `hooks` one after another on `value`; a hook's non-undefined return replaces the value. */
const runHooks = (hooks: ((...args: any[]) => unknown)[], value: any, ...rest: unknown[]): Promise<any> =>
  hooks.reduce(
    (chain: Promise<any>, hook) => chain.then((current) => Promise.resolve(hook(current, ...rest)).then((next) => (next === undefined ? current : next))),
    Promise.resolve(value),
  )

/**
 * One call, from options to exactly one outcome. Returns the task at once with callbacks, else a
 * Promise carrying the same task methods. Whatever the runtime does afterwards (late progress,
 * headers after failure, a second callback, an interceptor that swallowed the call), the caller
 * hears of it once: `finish` is the only way out and it runs once.
 */
export function transfer(spec: TransferSpec, config: UploaderConfig, options: any, onTask?: OnTask): any {
  const api = spec.api
  const failMsg = (reason: string) => api + ':fail ' + reason
  const call: Record<string, any> = isObject(options) ? options : {}
  const callbackMode = !!(call.success || call.fail || call.complete)
  // Who hears of the outcome: the caller's callbacks, or (set below) the promise's resolve and reject.
  const callbacks: Record<string, Listener | undefined> = callbackMode ? call : {}
  const hooks = config.hooks || {}
  const progressListeners: Listener[] = []
  const headerListeners: Listener[] = []
  const cleanups: (() => void)[] = []
  let done = false
  let headersSeen = false
  // Set when the requests start; a call can only succeed after that.
  let progress: ProgressTracker
  let timer: any
  /** Takes our listeners off the in-flight runtime task and, if asked, aborts it. */
  let detach: ((abort?: boolean) => void) | undefined

  // A listener or callback that throws is logged, as uni logs a callback that throws: the call
  // still settles, complete still runs, and no rejected promise is left behind.
  const safely = (fn: Listener | undefined, arg: unknown) => {
    try {
      if (fn) fn(arg)
    } catch (error) {
      console.error(error)
    }
  }
  const emit = (listeners: Listener[], event: any) => listeners.slice().forEach((fn) => safely(fn, event))
  const adder = (listeners: Listener[]) => (fn: Listener) => void (done || listeners.push(fn))
  const remover = (listeners: Listener[]) => (fn?: Listener) => {
    const at = listeners.indexOf(fn!)
    if (!fn) listeners.length = 0
    else if (at >= 0) listeners.splice(at, 1)
  }
  const task = {
    abort: () => finish(new AbortError(failMsg('abort'))),
    onProgressUpdate: adder(progressListeners),
    offProgressUpdate: remover(progressListeners),
    onHeadersReceived: adder(headerListeners),
    offHeadersReceived: remover(headerListeners),
  }

  /** Ends the in-flight runtime request, if any (no timer, no listeners left on it); aborts it if asked. */
  function stopRequest(abort?: boolean) {
    clearTimeout(timer)
    if (detach) detach(abort)
    detach = undefined
  }

  function deliver(error: TransferError | null, result?: any) {
    if (!error) {
      // Progress holds at 99 until now, so this is the one 100.
      emit(progressListeners, progress.final())
      if (!headersSeen && result.header) emit(headerListeners, { header: result.header })
    }
    progressListeners.length = headerListeners.length = 0
    safely(error ? callbacks.fail : callbacks.success, error || result)
    safely(callbacks.complete, error || result)
  }

  /**
   * The one way out: aborts what is in flight, runs the afterTransfer hooks, then tells the caller.
   * `later`: the caller hears of it only after the call has returned its task or promise (the
   * hooks, when there are any, make that so anyway).
   */
  function finish(error: TransferError | null, result?: any, later?: boolean) {
    if (done) return
    done = true
    stopRequest(true)
    cleanups.forEach((fn) => fn())
    const after = hooks.afterTransfer || []
    if (later || after.length) {
      runHooks(after, error || result, call).then(
        () => deliver(error, result),
        (thrown) => deliver(userError(thrown)),
      )
    } else deliver(error, result)
  }

  /** A function of the caller's threw (a hook, validateStatus, retry.when…): the call fails with it as cause. */
  const userError = (thrown: unknown) => new TransferError(failMsg(messageOf(thrown)), thrown)

  /** True when `opts` are good; otherwise fails the call with an OptionError naming the problem. */
  function valid(opts: any, platform: string, later?: boolean): boolean {
    const problem = isObject(opts) ? checkCommon(opts, config) || spec.check(opts, platform) : 'options must be an object'
    if (problem) finish(new OptionError(failMsg(problem)), undefined, later)
    return !problem
  }

  function begin(opts: Record<string, any>, platform: string) {
    const timeout: number = opts.timeout !== undefined ? opts.timeout : config.timeout !== undefined ? config.timeout : DEFAULT_TIMEOUT
    const { url, domain, header, timeout: _, validateStatus, retry: retryOption, onRetry, parse, success, fail, complete, ...rest } = opts
    const common: RuntimeOptions = {
      ...rest,
      url: resolveUrl(url, domain || config.baseURI),
      // Mini-programs forbid Referer; on upload the runtime must set Content-Type with its boundary.
      header: dropHeaders(mergeHeaders(config.header, header), spec.upload ? ['referer', 'content-type'] : ['referer']),
    }
    // 0 turns our timer off and is not passed on: uni-h5 would time out at once on 0.
    if (timeout) common.timeout = timeout
    const [requests, oneByOne] = spec.plan(common, platform, cleanups)
    const retry: RetryOptions | undefined = typeof retryOption == 'number' ? { limit: retryOption } : retryOption
    const results: any[] = []
    progress = createProgress(requests.length, spec.upload)
    let index = 0
    let attempt = 0
    let current = 0 // id of the request whose callbacks still count

    function failed(error: TransferError, abort?: boolean) {
      stopRequest(abort)
      let wait: number | undefined
      try {
        if (retry && attempt <= retry.limit && (retry.when || worthRetry)(error)) {
          const delay = retry.delay
          wait = typeof delay == 'function' ? delay(attempt, error) : delay ? delay[Math.min(attempt, delay.length) - 1] || 0 : 300 * 2 ** (attempt - 1)
          if (onRetry) onRetry({ attempt, error, delay: wait })
        }
      } catch (thrown) {
        return finish(userError(thrown))
      }
      // onRetry may have aborted the call: then there is nothing to wait for.
      if (wait === undefined) finish(error)
      else if (!done) timer = setTimeout(send, wait)
    }

    function succeeded(raw: any) {
      stopRequest()
      const result = normalizeResult(raw, api)
      let accepted: boolean
      try {
        accepted = !validateStatus || validateStatus(result.statusCode)
      } catch (thrown) {
        return finish(userError(thrown))
      }
      if (!accepted) return failed(new HTTPError(failMsg('status ' + result.statusCode), result))
      if (parse && parse != 'text') {
        const text = result.data
        try {
          result.data = typeof parse == 'function' ? parse(text) : typeof text == 'string' ? JSON.parse(text) : text
        } catch (thrown) {
          return finish(new ParseError(failMsg('parse ' + messageOf(thrown)), result))
        }
      }
      progress.done(index)
      results.push(result)
      attempt = 0
      if (++index < requests.length) send()
      else finish(null, oneByOne ? { ...result, results } : result)
    }

    function send() {
      const id = ++current
      const file = index
      attempt++
      // Set once this request reported its outcome: a runtime may report before returning its task.
      let reported = false
      // Callbacks of a request that reported, was retried, timed out or finished no longer count.
      const own =
        (fn: (arg?: any) => void) =>
        (arg?: any): void => {
          if (id == current && !done && !reported) fn(arg)
        }
      const outcome = (fn: (arg?: any) => void) =>
        own((arg) => {
          reported = true
          fn(arg)
        })
      const onProgress = own((raw) => emit(progressListeners, progress.update(file, raw)))
      const onHeaders = own((event) => {
        headersSeen = true
        emit(headerListeners, event)
      })
      const runtimeFailed = outcome(failed)
      const attach = (value: any) => {
        if (reported || !value || typeof value.abort != 'function') return
        // A task that shows up after the call ended (abort before the task existed) is aborted now.
        if (id != current || done) return tryCall(value, 'abort')
        // Pass the listener: offProgressUpdate() with no argument removes nothing on uni-h5.
        detach = (abort) => {
          tryCall(value, 'offProgressUpdate', onProgress)
          tryCall(value, 'offHeadersReceived', onHeaders)
          if (abort) tryCall(value, 'abort')
        }
        value.onProgressUpdate(onProgress)
        tryCall(value, 'onHeadersReceived', onHeaders)
      }
      if (timeout) {
        timer = setTimeout(
          own(() => {
            // Invalidate first: uni-h5 calls fail('…:fail abort') synchronously inside abort().
            current++
            failed(new TimeoutError(failMsg('timeout')), true)
          }),
          timeout,
        )
      }
      let returned: any
      try {
        returned = spec.send(config, {
          ...requests[file],
          success: outcome(succeeded),
          // Which callback fired decides: Baidu may fail with errMsg 'uploadFile:ok'.
          fail: outcome((raw) => {
            const errMsg = raw && raw.errMsg
            // Keep the runtime's words (net::ERR_…) unless they are a Baidu ':ok' that means failure.
            const message =
              typeof errMsg == 'string' && errMsg.indexOf(':fail') > 0 ? errMsg : api + ':fail' + (errMsg && !/:ok$/.test(errMsg) ? ' ' + errMsg : '')
            failed(new (/time(d )?out/i.test(message) ? TimeoutError : NetworkError)(message, raw))
          }),
        })
      } catch (thrown) {
        return runtimeFailed(new NetworkError(failMsg(messageOf(thrown))))
      }
      // An async interceptor makes the runtime return a Promise of the task; if it rejects, the
      // runtime was never called.
      if (returned && typeof returned.then == 'function') {
        // No runtime result here, so no cause (API.md rule 6); the reason is in the message.
        returned.then(attach, (thrown: any) => runtimeFailed(new NetworkError(failMsg(messageOf(thrown)))))
      } else attach(returned)
    }

    send()
  }

  function start() {
    const platform = platformOf(config)
    const before = hooks.beforeTransfer || []
    // Checked before the hooks see the options, and again after they may have changed them.
    if (!valid(options, platform, true)) return
    if (!before.length) return begin(call, platform)
    runHooks(before, { ...call }).then(
      (opts) => done || (valid(opts, platform) && begin(opts, platform)),
      (thrown) => finish(userError(thrown)),
    )
  }

  const promise = callbackMode
    ? undefined
    : new Promise((resolve, reject) => {
        callbacks.success = resolve
        callbacks.fail = reject
      })
  // Before anything runs: a runtime may fail synchronously, and user code it calls (onRetry) may
  // abort the call before transfer() has returned the task.
  if (onTask) onTask(task)
  start()
  return promise ? Object.assign(promise, task) : task
}

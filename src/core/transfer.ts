import { timeoutOf } from '../config.js'
import { AbortError, HTTPError, messageOf, NetworkError, ParseError, TimeoutError, type TransferError } from '../errors.js'
import { dropHeaders, mergeHeaders } from '../header.js'
import type { RuntimeOptions } from '../transport/adapter.js'
import { platformOf } from '../transport/platform.js'
import type { UploaderConfig } from '../types.js'
import { resolveUrl } from '../url.js'
import { failMessage, runtimeError, userError } from './fail.js'
import { endCall, startCall, tell } from './call.js'
import { emit, listenerAdder, listenerRemover, outcomeOf, type Listener } from './listeners.js'
import { doublingDelay, nextRetry, worthRetry } from './retry.js'
import { createProgress, type ProgressTracker } from './progress.js'
import { normalizeResult } from './result.js'
import { checkShared, checkUrl, isObject, type Problem } from './validate.js'

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


/**
 * One call, from options to exactly one outcome. Returns the task at once with callbacks, else a
 * Promise carrying the same task methods. Whatever the runtime does afterwards (late progress,
 * headers after failure, a second callback, an interceptor that swallowed the call), the caller
 * hears of it once: `finish` is the only way out and it runs once.
 */
export function transfer(spec: TransferSpec, config: UploaderConfig, options: any, onTask?: OnTask): any {
  const api = spec.api
  const call: Record<string, any> = isObject(options) ? options : {}
  // Who hears of the outcome: the caller's callbacks, or the promise's resolve and reject.
  const [callbacks, promise] = outcomeOf(call)
  const progressListeners: Listener[] = []
  const headerListeners: Listener[] = []
  const cleanups: (() => void)[] = []
  let done = false
  let headersSeen = false
  // Set when the requests start; a call can only succeed after that.
  let progress: ProgressTracker
  /**
   * Ends what the call waits on now, a request (its timer cleared, its callbacks no longer
   * counting, our listeners off its task, which is aborted if asked) or a retry's wait. Calling it
   * again does nothing.
   */
  let stop: (abort?: boolean) => void = () => {}

  const isDone = () => done
  const platform = platformOf(config)
  const task = {
    abort: () => finish(new AbortError(failMessage(api, 'abort'))),
    onProgressUpdate: listenerAdder(progressListeners, isDone),
    offProgressUpdate: listenerRemover(progressListeners),
    onHeadersReceived: listenerAdder(headerListeners, isDone),
    offHeadersReceived: listenerRemover(headerListeners),
  }

  function deliver(error: TransferError | null, result?: any) {
    if (!error) {
      // Progress holds at 99 until now, so this is the one 100.
      emit(progressListeners, progress.final())
      if (!headersSeen && result.header) emit(headerListeners, { header: result.header })
    }
    progressListeners.length = headerListeners.length = 0
    tell(callbacks, error, result)
  }

  /**
   * The one way out: aborts what is in flight, runs the afterTransfer hooks, then tells the caller.
   * `later`: the caller hears of it only after the call has returned its task or promise (the
   * hooks, when there are any, make that so anyway).
   */
  function finish(error: TransferError | null, result?: any, later?: boolean) {
    if (done) return
    done = true
    stop(true)
    // emit() runs them, a throw logged like a listener's.
    emit(cleanups)
    endCall(api, config, call, error, result, deliver, later)
  }

  function begin(opts: Record<string, any>) {
    const timeout = timeoutOf(opts, config)
    // Only what the runtime must not get is taken out: url, header, success and fail are replaced.
    const { domain, timeout: _, validateStatus, retry: retryOption, onRetry, parse, complete, ...rest } = opts
    const common: RuntimeOptions = {
      ...rest,
      url: resolveUrl(opts.url, domain || config.baseURI),
      // Mini-programs forbid Referer; on upload the runtime must set Content-Type with its boundary.
      header: dropHeaders(mergeHeaders(config.header, opts.header), spec.upload ? ['referer', 'content-type'] : ['referer']),
    }
    // 0 turns our timer off and is not passed on: uni-h5 would time out at once on 0.
    if (timeout) common.timeout = timeout
    const [requests, oneByOne] = spec.plan(common, platform, cleanups)
    const results: any[] = []
    progress = createProgress(requests.length, spec.upload)
    let index = 0
    let attempt = 0

    function failed(error: TransferError, abort?: boolean) {
      stop(abort)
      // The defaults when the call says nothing: no retry; a number or an object without `delay` waits 300 ms, doubling.
      const wait = nextRetry(retryOption, { limit: 0, delay: doublingDelay, when: worthRetry }, attempt, error, onRetry)
      // onRetry may have aborted the call: then there is nothing to wait for.
      if (wait === undefined) finish(error)
      else if (!done) {
        const waiting = setTimeout(send, wait)
        stop = () => clearTimeout(waiting)
      }
    }

    function succeeded(raw: any) {
      stop()
      const result = normalizeResult(raw, api)
      if (validateStatus && !validateStatus(result.statusCode)) return failed(new HTTPError(failMessage(api, 'status ' + result.statusCode), result))
      if (parse && parse != 'text') {
        const text = result.data
        try {
          result.data = typeof parse == 'function' ? parse(text) : typeof text == 'string' ? JSON.parse(text) : text
        } catch (thrown) {
          return finish(new ParseError(failMessage(api, 'parse ' + messageOf(thrown)), result))
        }
      }
      progress.done(index)
      results.push(result)
      attempt = 0
      if (++index < requests.length) send()
      else finish(null, oneByOne ? { ...result, results } : result)
    }

    function send() {
      // User code in validateStatus or parse may have aborted the call: then nothing more is sent.
      if (done) return
      attempt++
      // True until this request ends (it reported, timed out, was retried or the call finished):
      // callbacks of a request that ended no longer count.
      let live = true
      let runtimeTask: any
      let timer: any
      // Everything the request does runs in here. The caller's code it runs (validateStatus, onRetry,
      // retry's `when` and `delay`) may throw: that ends the call, the throw as its cause.
      const own =
        (fn: (arg?: any) => void) =>
        (arg?: any): void => {
          try {
            if (live) fn(arg)
          } catch (thrown) {
            finish(userError(api, thrown))
          }
        }
      // `index` is this request's file while it is live: it moves on only after the request ended.
      const onProgress = own((raw) => emit(progressListeners, progress.update(index, raw)))
      const onHeaders = own((event) => {
        headersSeen = true
        emit(headerListeners, event)
      })
      // Marks the request over before aborting: uni-h5 calls fail('…:fail abort') synchronously inside abort().
      stop = (abort) => {
        if (!live) return
        live = false
        clearTimeout(timer)
        if (runtimeTask) {
          // Pass the listener: offProgressUpdate() with no argument removes nothing on uni-h5.
          tryCall(runtimeTask, 'offProgressUpdate', onProgress)
          tryCall(runtimeTask, 'offHeadersReceived', onHeaders)
          if (abort) tryCall(runtimeTask, 'abort')
        }
      }
      // The runtime threw, or its promised task rejected: no runtime result, so no cause (API.md
      // rule 6); the reason is in the message.
      const runtimeThrew = own((thrown: any) => failed(new NetworkError(failMessage(api, messageOf(thrown)))))
      // A task that shows up after its request ended is aborted, so abort() before the task existed
      // still aborts; if the runtime reported first, the task is over and the abort does nothing.
      const attach = (value: any) => {
        if (!value || typeof value.abort != 'function') return
        if (live) {
          runtimeTask = value
          value.onProgressUpdate(onProgress)
          tryCall(value, 'onHeadersReceived', onHeaders)
        } else tryCall(value, 'abort')
      }
      if (timeout) timer = setTimeout(own(() => failed(new TimeoutError(failMessage(api, 'timeout')), true)), timeout)
      let returned: any
      try {
        returned = spec.send(config, {
          ...requests[index],
          success: own(succeeded),
          // Which callback fired decides: Baidu may fail with errMsg 'uploadFile:ok'.
          fail: own((raw) => failed(runtimeError(api, raw))),
        })
      } catch (thrown) {
        return runtimeThrew(thrown)
      }
      // An async interceptor makes the runtime return a Promise of the task; if it rejects, the
      // runtime was never called.
      if (returned && typeof returned.then == 'function') {
        returned.then(attach, runtimeThrew)
      } else attach(returned)
    }

    send()
  }

  // Before anything runs: a runtime may fail synchronously, and user code it calls (onRetry) may
  // abort the call before transfer() has returned the task.
  if (onTask) onTask(task)
  startCall(api, config, options, (opts) => checkUrl('url', opts.url) || checkShared(opts, config) || spec.check(opts, platform), begin, finish, isDone)
  return promise ? Object.assign(promise, task) : task
}

import { failMessage, runtimeError } from '../core/fail.js'
import { checkHeader } from '../core/validate.js'
import { OptionError, TimeoutError } from '../errors.js'
import { dropHeaders, mergeHeaders } from '../header.js'
import type { Header, UploaderConfig } from '../types.js'
import { API, TUS_HEADERS } from './protocol.js'
import type { ResumableHeader, TusRequest, TusResponse, TusTransport } from './types.js'

/**
 * Ends a request in flight: its promise rejects with `reason`. `instead`: the request goes on in
 * the background and its response goes there (a creation that abort({ terminate }) must delete).
 */
export type Stop = (reason: unknown, instead?: (response: TusResponse) => void) => void

/**
 * The headers of one request: the config's, then the call's (an object, or what its function
 * returns now: a token refreshed during a long upload), then the protocol's; `Referer` dropped.
 * A value that is not a string, or holds CR or LF, is an `OptionError` and the request is not sent.
 */
export async function requestHeaders(config: UploaderConfig, header: ResumableHeader | undefined, own: Header): Promise<Record<string, string>> {
  const given = typeof header == 'function' ? await header() : header
  const problem = checkHeader('header', given)
  if (problem) throw new OptionError(failMessage(API, problem))
  return dropHeaders(mergeHeaders(config.header, given, own, TUS_HEADERS), ['referer'])
}

/**
 * Sends `request` through `transport` under the call's timer (`timeout` ms; 0: none): resolves
 * with the response, whatever its status; rejects with `TimeoutError`, with the runtime's failure
 * as `NetworkError`/`TimeoutError` (`uploadResumable:fail …`), or with what `hold`'s stop is given.
 * Progress of a request that ended is not reported.
 */
export function sendTimed(transport: TusTransport, request: TusRequest, timeout: number, hold: (stop: Stop) => void): Promise<TusResponse> {
  return new Promise((resolve, reject) => {
    let over = false
    let timer: any
    const onProgress = request.onUploadProgress
    const exchange = transport({
      ...request,
      timeout: timeout || undefined,
      onUploadProgress: onProgress && ((loaded: number) => over || onProgress(loaded)),
    })
    const end =
      <T>(fn: (value: T) => void) =>
      (value: T) => {
        if (over) return
        over = true
        clearTimeout(timer)
        fn(value)
      }
    const stop: Stop = (reason, instead) => {
      if (over) return
      end(reject)(reason)
      // Rejected first: a runtime may report the abort synchronously inside abort().
      if (instead) exchange.response.then(instead, () => {})
      else exchange.abort()
    }
    if (timeout) timer = setTimeout(() => stop(new TimeoutError(failMessage(API, 'timeout'))), timeout)
    hold(stop)
    exchange.response.then(end(resolve), end((raw) => reject(runtimeError(API, raw, true))))
  })
}

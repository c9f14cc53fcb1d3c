import { messageOf, NetworkError, TimeoutError, TransferError } from '../errors.js'

/** A message the library writes itself: `<api>:fail <reason>`. */
export const failMessage = (api: string, reason: string): string => api + ':fail ' + reason

/** A function of the caller's threw (a hook, validateStatus, retry.when…): the call fails with it as cause. */
export const userError = (api: string, thrown: unknown): TransferError => new TransferError(failMessage(api, messageOf(thrown)), thrown)

/**
 * What a runtime's fail callback means: `TimeoutError` when its words say so, else `NetworkError`,
 * with `raw` as cause. The runtime's words (`net::ERR_…`) are kept; a Baidu `:ok` that means
 * failure says nothing, so its errCode is the reason. `rename` puts `api` in place of the
 * runtime's own (`request:fail x` becomes `<api>:fail x`), for calls made of several requests.
 */
export function runtimeError(api: string, raw: any, rename?: boolean): TransferError {
  const errMsg = raw && raw.errMsg
  // With its leading space, or '' when there is none.
  const reason = errMsg && !/:ok$/.test(errMsg) ? ' ' + errMsg : raw && raw.errCode !== undefined ? ' errCode ' + raw.errCode : ''
  let message = typeof errMsg == 'string' && errMsg.indexOf(':fail') > 0 ? errMsg : api + ':fail' + reason
  if (rename) message = api + message.slice(message.indexOf(':fail'))
  return new (/time(d )?out/i.test(message) ? TimeoutError : NetworkError)(message, raw)
}

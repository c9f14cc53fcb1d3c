import { OptionError, type TransferError } from '../errors.js'
import type { UploaderConfig } from '../types.js'
import { failMessage, userError } from './fail.js'
import { runHooks } from './hooks.js'
import { emit, type Listener } from './listeners.js'
import { isObject, type Problem } from './validate.js'

/** Ends a call: its `finish(error, result, later)`; `later`: the caller hears of it only after the call has returned its task or promise. */
export type Finish = (error: TransferError, result?: undefined, later?: boolean) => void

/**
 * How every call starts: `options` are checked, the beforeTransfer hooks run on a copy, their
 * answer is checked again, then `begin` gets it. A bad option or a hook's throw goes to `finish`,
 * and a call that ended meanwhile (`isDone`, an abort) does not begin.
 */
export function startCall(
  api: string,
  config: UploaderConfig,
  options: unknown,
  problemOf: (options: Record<string, any>) => Problem,
  begin: (options: Record<string, any>) => void,
  finish: Finish,
  isDone: () => boolean,
): void {
  const before = (config.hooks || {}).beforeTransfer || []
  const valid = (opts: unknown, later?: boolean): opts is Record<string, any> => {
    const problem = isObject(opts) ? problemOf(opts) : 'options must be an object'
    if (problem) finish(new OptionError(failMessage(api, problem)), undefined, later)
    return !problem
  }
  // Checked before the hooks see the options, and again after they may have changed them.
  if (!valid(options, true)) return
  if (!before.length) return begin(options)
  runHooks(before, { ...options }).then(
    (opts) => isDone() || (valid(opts) && begin(opts)),
    (thrown) => finish(userError(api, thrown)),
  )
}

/**
 * How every call ends, once: the afterTransfer hooks run on the outcome (with the call's options),
 * then `deliver` tells the caller; a hook's throw is delivered instead. `later`: deliver only after
 * the call has returned its task or promise (the hooks, when there are any, make that so anyway).
 */
export function endCall(
  api: string,
  config: UploaderConfig,
  call: Record<string, any>,
  error: TransferError | null,
  result: unknown,
  deliver: (error: TransferError | null, result?: any) => void,
  later?: boolean,
): void {
  // Read from the config now, as the header, baseURI and timeout are read when the requests start.
  const after = (config.hooks || {}).afterTransfer || []
  if (later || after.length) {
    runHooks(after, error || result, call).then(
      () => deliver(error, result),
      (thrown) => deliver(userError(api, thrown)),
    )
  } else deliver(error, result)
}

/** Tells the caller: `success` with the result or `fail` with the error, then `complete`. */
export function tell(callbacks: Record<string, Listener | undefined>, error: TransferError | null, result?: unknown): void {
  emit([error ? callbacks.fail : callbacks.success, callbacks.complete], error || result)
}

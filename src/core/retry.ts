import { HTTPError, NetworkError, TimeoutError, type TransferError } from '../errors.js'
import type { RetryOptions } from '../types.js'
import { isObject } from './validate.js'

/** What a call kind retries when the caller says nothing: how often, how long to wait, which errors. */
export type RetryDefaults = Required<RetryOptions>

/** Upload's and download's wait before retry n: 300 ms, doubling. */
export const doublingDelay = (attempt: number): number => 300 * 2 ** (attempt - 1)

/** Worth a retry unless `retry.when` says otherwise: a timeout, a network failure, a 5xx. An abort never gets here. */
export const worthRetry = (error: TransferError): boolean =>
  error instanceof TimeoutError || error instanceof NetworkError || (error instanceof HTTPError && error.statusCode >= 500)

/**
 * After try `attempt` (1-based) failed with `error`: the wait before the next try, with `onRetry`
 * told of it, or `undefined` when the call should fail with `error`. The `retry` option: `undefined`
 * is the kind's `defaults`; `0`, `false` or `true`, none; a number `n`, `{ limit: n }`; a missing
 * `delay` or `when` comes from `defaults`. A delay list's last entry repeats. A throw from `when`,
 * `delay` or `onRetry` propagates: the caller fails the call with it.
 */
export function nextRetry(
  option: number | boolean | RetryOptions | undefined,
  defaults: RetryDefaults,
  attempt: number,
  error: TransferError,
  onRetry?: (info: { attempt: number; error: TransferError; delay: number }) => void,
): number | undefined {
  const given: Partial<RetryOptions> = option === undefined ? defaults : isObject(option) ? option : { limit: typeof option == 'number' ? option : 0 }
  const delay = given.delay || defaults.delay
  // `<=`, not `>`: a policy whose limit is missing or not a number never retries.
  if (!(attempt <= given.limit!) || !(given.when || defaults.when)(error)) return
  const wait = typeof delay == 'function' ? delay(attempt, error) : delay[Math.min(attempt, delay.length) - 1] || 0
  if (onRetry) onRetry({ attempt, error, delay: wait })
  return wait
}

import { HTTPError, NetworkError, TimeoutError, type TransferError } from '../errors.js'
import type { RetryOptions } from '../types.js'

/** A retry policy with every field filled in: what `normalizeRetry` makes of the `retry` option. */
export type RetryPolicy = Required<RetryOptions>

/** What a call kind retries when the caller says nothing: how often, how long to wait, which errors. */
export type RetryDefaults = RetryPolicy

/** Upload's and download's wait before retry n: 300 ms, doubling. */
export const doublingDelay = (attempt: number): number => 300 * 2 ** (attempt - 1)

/** Worth a retry unless `retry.when` says otherwise: a timeout, a network failure, a 5xx. An abort never gets here. */
export const worthRetry = (error: TransferError): boolean =>
  error instanceof TimeoutError || error instanceof NetworkError || (error instanceof HTTPError && error.statusCode >= 500)

/**
 * The `retry` option as a policy. `undefined` takes the kind's default limit; `0` or `false`, none;
 * a number `n`, `{ limit: n }`; a missing `delay` or `when` comes from `defaults`.
 */
export function normalizeRetry(option: number | boolean | RetryOptions | undefined, defaults: RetryDefaults): RetryPolicy {
  const given: Partial<RetryOptions> =
    typeof option == 'number' ? { limit: option } : option && typeof option == 'object' ? option : { limit: option === undefined ? defaults.limit : 0 }
  return { limit: given.limit!, delay: given.delay || defaults.delay, when: given.when || defaults.when }
}

/** The wait before retry `attempt` (1-based): the list's entry (the last one repeats) or the function's answer. */
export function retryDelay(retry: RetryPolicy, attempt: number, error: TransferError): number {
  const delay = retry.delay
  return typeof delay == 'function' ? delay(attempt, error) : delay[Math.min(attempt, delay.length) - 1] || 0
}

/**
 * After try `attempt` (1-based) failed with `error`: the wait before the next try, with `onRetry`
 * told of it, or `undefined` when the call should fail with `error`. A throw from `when`, `delay`
 * or `onRetry` propagates: the caller fails the call with it.
 */
export function nextRetry(
  retry: RetryPolicy,
  attempt: number,
  error: TransferError,
  onRetry?: (info: { attempt: number; error: TransferError; delay: number }) => void,
): number | undefined {
  // `<=`, not `>`: a policy whose limit is missing or not a number never retries.
  if (!(attempt <= retry.limit) || !retry.when(error)) return
  const wait = retryDelay(retry, attempt, error)
  if (onRetry) onRetry({ attempt, error, delay: wait })
  return wait
}

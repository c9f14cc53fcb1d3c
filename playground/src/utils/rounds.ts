// How the bench pages time series against each other: rounds that run each of three series once,
// in an order that rotates through all six, so none always goes first (or always follows the
// same one), after untimed warm-up rounds.

type Three<K> = readonly [K, K, K]

/** The six orders of three series. */
export function rotatingOrders<K>([a, b, c]: Three<K>): Three<K>[] {
  return [
    [a, b, c],
    [b, c, a],
    [c, a, b],
    [a, c, b],
    [b, a, c],
    [c, b, a],
  ]
}

/** Milliseconds `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

export interface Rounds<K extends string> {
  /** one call of each series */
  calls: Record<K, () => Promise<unknown>>
  series: Three<K>
  /** timed rounds */
  n: number
  /** untimed rounds first */
  warmup: number
  /** gets each timed call's milliseconds */
  record: (series: K, ms: number) => void
  /** runs, untimed, before each timed round (`done`: how many are done) */
  beforeRound?: (done: number) => Promise<unknown> | void
}

/** Runs the warm-up rounds, then the timed ones; rejects with the first failed call. */
export async function runRounds<K extends string>({ calls, series, n, warmup, record, beforeRound }: Rounds<K>) {
  const orders = rotatingOrders(series)
  for (let i = 0; i < warmup; i++) for (const k of orders[i % 6]) await calls[k]()
  for (let i = 0; i < n; i++) {
    await beforeRound?.(i)
    for (const k of orders[i % 6]) record(k, await timed(calls[k]))
  }
}

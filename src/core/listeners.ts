/** An event listener or a caller's callback. */
export type Listener = (event: any) => void

/**
 * Calls every listener of a copy of `listeners` (one may remove itself; a missing one is skipped)
 * with `event`, logging what one throws, as uni logs a callback that throws: the call still
 * settles, complete still runs, and no rejected promise is left behind.
 */
export function emit(listeners: (Listener | undefined)[], event?: unknown): void {
  for (const fn of listeners.slice()) {
    try {
      if (fn) fn(event)
    } catch (error) {
      console.error(error)
    }
  }
}

/** `on…` of a task: adds to `listeners` unless the call is `done()`. */
export const listenerAdder =
  (listeners: Listener[], done: () => boolean) =>
  (fn: Listener): void =>
    void (done() || listeners.push(fn))

/** `off…` of a task: removes `fn`, or every listener when called without one. */
export const listenerRemover =
  (listeners: Listener[]) =>
  (fn?: Listener): void => {
    const at = listeners.indexOf(fn!)
    if (!fn) listeners.length = 0
    else if (at >= 0) listeners.splice(at, 1)
  }

/**
 * Who hears of a call's outcome: with any of `success`/`fail`/`complete`, the caller's callbacks
 * (and no promise); else a promise whose resolve and reject are `success` and `fail`. A pair, as
 * `[callbacks, promise]`: array destructuring minifies to nothing, property names do not.
 */
export function outcomeOf(call: Record<string, any>): [Record<string, Listener | undefined>, Promise<any>?] {
  if (call.success || call.fail || call.complete) return [call]
  const callbacks: Record<string, Listener | undefined> = {}
  const promise = new Promise((resolve, reject) => {
    callbacks.success = resolve
    callbacks.fail = reject
  })
  return [callbacks, promise]
}

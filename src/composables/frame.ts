/**
 * Batches state writes to at most one per animation frame; a 16 ms timer where there is no
 * requestAnimationFrame (mini-programs). Returns `[schedule, now]`: `schedule` is a no-op while a
 * frame is already due; `now` cancels the due frame and writes at once (the due frame runs `now`
 * too), so nothing is left due after it. A pair, because array destructuring minifies to nothing
 * and property names do not.
 */
export function frameBatch(flush: () => void): [schedule: () => void, now: () => void] {
  const raf = typeof requestAnimationFrame == 'function'
  let handle: any
  function now() {
    // Handles are never 0 (requestAnimationFrame's and setTimeout's are positive, or an object).
    if (handle) raf ? cancelAnimationFrame(handle) : clearTimeout(handle)
    handle = undefined
    flush()
  }
  function schedule() {
    handle = handle || (raf ? requestAnimationFrame(now) : setTimeout(now, 16))
  }
  return [schedule, now]
}

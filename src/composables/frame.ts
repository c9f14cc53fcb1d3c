/**
 * Batches state writes to at most one per animation frame; a 16 ms timer where there is no
 * requestAnimationFrame (mini-programs). `schedule` is a no-op while a frame is already due;
 * `cancel` drops the due frame; `now` cancels it and writes at once (the due frame runs `now` too).
 */
export function frameBatch(flush: () => void): { schedule(): void; cancel(): void; now(): void } {
  const raf = typeof requestAnimationFrame == 'function'
  let handle: any
  function cancel() {
    // Handles are never 0 (requestAnimationFrame's and setTimeout's are positive, or an object).
    if (handle) raf ? cancelAnimationFrame(handle) : clearTimeout(handle)
    handle = undefined
  }
  function now() {
    cancel()
    flush()
  }
  return {
    schedule() {
      handle = handle || (raf ? requestAnimationFrame(now) : setTimeout(now, 16))
    },
    cancel,
    now,
  }
}

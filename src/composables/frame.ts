/**
 * Batches state writes to at most one per animation frame; a 16 ms timer where there is no
 * requestAnimationFrame (mini-programs). `schedule` is a no-op while a frame is already due;
 * `cancel` drops the due frame; `now` cancels it and writes at once.
 */
export function frameBatch(flush: () => void): { schedule(): void; cancel(): void; now(): void } {
  const raf = typeof requestAnimationFrame == 'function'
  let handle: any
  const run = () => {
    handle = undefined
    flush()
  }
  function cancel() {
    if (handle !== undefined) raf ? cancelAnimationFrame(handle) : clearTimeout(handle)
    handle = undefined
  }
  return {
    schedule() {
      if (handle === undefined) handle = raf ? requestAnimationFrame(run) : setTimeout(run, 16)
    },
    cancel,
    now() {
      cancel()
      flush()
    },
  }
}

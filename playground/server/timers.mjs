// Sleeps a server can end: after close() no new sleep waits and pending ones are dropped, so
// closing never waits for a slowed request.

export function createSleeper() {
  const timers = new Set()
  let closed = false
  return {
    /** Resolves after `ms` (at once when closed or `ms` <= 0). */
    sleep: (ms) =>
      new Promise((resolve) => {
        if (closed || ms <= 0) return resolve()
        const t = setTimeout(() => {
          timers.delete(t)
          resolve()
        }, ms)
        timers.add(t)
      }),
    close() {
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
    },
  }
}

/** Ends a connection with a TCP RST (a cut connection), or destroys it where Node cannot. */
export function resetSocket(socket) {
  if (!socket || socket.destroyed) return
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket.destroy()
}

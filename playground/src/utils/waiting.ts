// "Waiting for the server": the browser counts bytes handed to the operating system, so an
// upload can report all its bytes sent while the server is still reading or has not answered.
// The library holds `progress` at 99 until the call succeeds (issue 12); the playground also
// keys on the bytes, so it reads right with either library version.
// Pure functions: tests/playground/waiting.test.ts runs them.

export interface TransferView {
  status: string
  /** 0–100 as the library reports it */
  progress: number
  sent?: number | null
  expected?: number | null
}

/** True while the transfer runs and its body is all sent (or progress is held at 99). */
export function isAwaitingServer({ status, progress, sent, expected }: TransferView): boolean {
  if (status !== 'transferring') return false
  if (expected != null && expected > 0 && sent != null && sent >= expected) return true
  return progress >= 99
}

/** The percent to show: 100 only for a success; until then at most 99 (an abort never reads 100%). */
export function shownPercent(status: string, progress: number): number {
  const p = Number.isFinite(progress) ? progress : 0
  return status === 'success' ? p : Math.min(p, 99)
}

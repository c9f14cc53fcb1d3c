// Speed and time left of a transfer, from its progress events (bytes so far, and when).
// Pure functions over plain numbers: tests/playground/speed.test.ts runs them.
import { formatBytes } from './bytes'

/** One reading: `bytes` sent so far at time `at` (ms on a monotonic clock, e.g. performance.now()). */
export interface Sample {
  at: number
  bytes: number
}

/** How far back the speed looks: long enough to smooth bursty events, short enough to follow a change. */
export const SPEED_WINDOW_MS = 3000
/** Below this span the figure is noise (one event on loopback), so there is none. */
export const MIN_SPAN_MS = 200

/**
 * The samples to keep after `next`: those within `windowMs` of it, but always the one before the
 * window too, so the span stays close to the window. Fewer bytes than before means a new attempt:
 * start over from `next`.
 */
export function addSample(samples: readonly Sample[], next: Sample, windowMs = SPEED_WINDOW_MS): Sample[] {
  const last = samples[samples.length - 1]
  if (last && next.bytes < last.bytes) return [next]
  const all = [...samples, next]
  let first = 0
  while (first < all.length - 2 && next.at - all[first + 1].at >= windowMs) first++
  return all.slice(first)
}

/** Bytes per second between the oldest and newest sample; undefined until they span MIN_SPAN_MS. */
export function bytesPerSecond(samples: readonly Sample[]): number | undefined {
  if (samples.length < 2) return undefined
  const a = samples[0]
  const b = samples[samples.length - 1]
  const ms = b.at - a.at
  if (ms < MIN_SPAN_MS) return undefined
  return ((b.bytes - a.bytes) * 1000) / ms
}

/** Seconds until `total` at `speed`; undefined when unknown, stalled or done. */
export function secondsLeft(sent: number, total: number | undefined, speed: number | undefined): number | undefined {
  if (total == null || !Number.isFinite(total) || !speed || speed <= 0 || sent >= total) return undefined
  return (total - sent) / speed
}

/** "256 KB/s", "1.20 MB/s"; an en dash for unknown. */
export function formatSpeed(bytesPerSec: number | undefined): string {
  return bytesPerSec == null || !Number.isFinite(bytesPerSec) ? '–' : `${formatBytes(bytesPerSec)}/s`
}

/** "< 1 s left", "12 s left", "2 min 5 s left", "1 h 3 min left"; empty for unknown. */
export function formatTimeLeft(seconds: number | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return ''
  if (seconds < 1) return '< 1 s left'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s left`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s left`
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min left`
}

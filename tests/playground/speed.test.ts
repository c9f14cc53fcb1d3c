// The playground's speed / time-left helper (playground/src/utils/speed.ts): pure functions.
import { describe, expect, it } from 'vitest'
import {
  addSample,
  bytesPerSecond,
  formatSpeed,
  formatTimeLeft,
  secondsLeft,
  SPEED_WINDOW_MS,
} from '../../playground/src/utils/speed'

describe('playground speed helper', () => {
  it('measures bytes per second between the oldest and newest sample', () => {
    let s = addSample([], { at: 0, bytes: 0 })
    s = addSample(s, { at: 500, bytes: 128 * 1024 })
    s = addSample(s, { at: 1000, bytes: 256 * 1024 })
    expect(bytesPerSecond(s)).toBe(256 * 1024)
  })

  it('gives no figure from one sample or a span too short to mean anything', () => {
    expect(bytesPerSecond([])).toBeUndefined()
    expect(bytesPerSecond([{ at: 0, bytes: 10 }])).toBeUndefined()
    expect(bytesPerSecond([{ at: 0, bytes: 0 }, { at: 5, bytes: 1_000_000 }])).toBeUndefined()
  })

  it('follows a change of speed: samples older than the window go, the one before it stays', () => {
    let s = addSample([], { at: 0, bytes: 0 })
    // 10 s at 100 KB/s, then 1 s at 1000 KB/s
    for (let t = 1000; t <= 10_000; t += 1000) s = addSample(s, { at: t, bytes: t * 100 })
    s = addSample(s, { at: 11_000, bytes: 1_000_000 + 1_000_000 })
    expect(s[0].at).toBe(11_000 - SPEED_WINDOW_MS)
    expect(s[s.length - 1].at - s[0].at).toBe(SPEED_WINDOW_MS)
    // (2 MB - 0.8 MB) over 3 s
    expect(bytesPerSecond(s)).toBeCloseTo(1_200_000 / 3, 6)
  })

  it('keeps two samples however far apart they are', () => {
    const s = addSample([{ at: 0, bytes: 0 }], { at: 60_000, bytes: 60_000 })
    expect(s).toHaveLength(2)
    expect(bytesPerSecond(s)).toBe(1000)
  })

  it('starts over when the bytes go down (a new attempt)', () => {
    const s = addSample([{ at: 0, bytes: 0 }, { at: 500, bytes: 9000 }], { at: 900, bytes: 100 })
    expect(s).toEqual([{ at: 900, bytes: 100 }])
  })

  it('time left is what remains over the speed, and nothing when unknown, stalled or done', () => {
    expect(secondsLeft(1000, 3000, 500)).toBe(4)
    expect(secondsLeft(1000, undefined, 500)).toBeUndefined()
    expect(secondsLeft(1000, 3000, undefined)).toBeUndefined()
    expect(secondsLeft(1000, 3000, 0)).toBeUndefined()
    expect(secondsLeft(3000, 3000, 500)).toBeUndefined()
  })

  it('formats speed and time left', () => {
    expect(formatSpeed(256 * 1024)).toBe('256 KB/s')
    expect(formatSpeed(1.2 * 1024 * 1024)).toBe('1.20 MB/s')
    expect(formatSpeed(512.4)).toBe('512 B/s')
    expect(formatSpeed(undefined)).toBe('–')
    expect(formatTimeLeft(0.4)).toBe('< 1 s left')
    expect(formatTimeLeft(11.6)).toBe('12 s left')
    expect(formatTimeLeft(125)).toBe('2 min 5 s left')
    expect(formatTimeLeft(3 * 3600 + 120)).toBe('3 h 2 min left')
    expect(formatTimeLeft(undefined)).toBe('')
    expect(formatTimeLeft(Infinity)).toBe('')
  })
})

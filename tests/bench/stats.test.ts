/**
 * The throughput bench's statistics (bench/lib/stats.mjs): the slow tail dropped, a ratio with a
 * bootstrap interval over paired rounds, and a verdict only when the interval is clear of the
 * target (issue 12: "ABOVE TARGET" was printed for 1.088 with a noise floor of 1.104).
 */
import { describe, expect, it } from 'vitest'
import { bootstrapRatio, dropSlowest, mean, median, quantile, seededRandom, trimmedMean, verdict } from '../../bench/lib/stats.mjs'

/** `n` upload times around `ms` with seeded noise and a few stalls, like a loaded machine. */
function series(n: number, ms: number, seed: number, noise = 0.1): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => ms * (1 + noise * (random() - 0.5)) * (random() < 0.05 ? 3 : 1))
}

describe('mean, median, quantile', () => {
  it('mean and median of odd and even lengths', () => {
    expect(mean([1, 2, 3, 6])).toBe(3)
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('quantile interpolates between sorted values', () => {
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1)
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5)
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3)
    expect(quantile([0, 10], 0.25)).toBe(2.5)
  })
})

describe('dropSlowest / trimmedMean', () => {
  it('drops the slowest fraction (rounded down), whatever the order', () => {
    expect(dropSlowest([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(dropSlowest([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.25)).toHaveLength(8)
    expect(dropSlowest([3, 1, 2], 0.1)).toEqual([1, 2, 3]) // 0.3 values: none dropped
  })

  it('keeps at least one value', () => {
    expect(dropSlowest([5, 4], 1)).toEqual([4])
  })

  it('a stall no longer moves the mean', () => {
    const times = [10, 10, 10, 10, 10, 10, 10, 10, 10, 1000]
    expect(mean(times)).toBe(109)
    expect(trimmedMean(times, 0.1)).toBe(10)
  })

  it('leaves its input alone', () => {
    const times = [3, 1, 2]
    dropSlowest(times, 0.5)
    expect(times).toEqual([3, 1, 2])
  })
})

describe('seededRandom', () => {
  it('the same seed gives the same numbers, in [0, 1)', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    expect(seededRandom(8)()).not.toBe(seededRandom(7)())
  })
})

describe('bootstrapRatio', () => {
  it('a series against itself: ratio 1, interval [1, 1]', () => {
    const raw = series(30, 20, 1)
    expect(bootstrapRatio(raw, raw)).toEqual({ ratio: 1, low: 1, high: 1 })
  })

  it('a series that is exactly twice another: ratio 2 and a point interval', () => {
    const raw = series(30, 20, 2)
    const r = bootstrapRatio(raw.map((x) => 2 * x), raw)
    for (const value of [r.ratio, r.low, r.high]) expect(value).toBeCloseTo(2, 12)
  })

  it('the interval holds the estimate, and is reproducible from the same data and seed', () => {
    const raw = series(30, 20, 3)
    const lib = series(30, 21, 4)
    const r = bootstrapRatio(lib, raw)
    expect(r.low).toBeLessThanOrEqual(r.ratio)
    expect(r.high).toBeGreaterThanOrEqual(r.ratio)
    expect(bootstrapRatio(lib, raw)).toEqual(r)
  })

  it('more rounds give a narrower interval', () => {
    const width = (n: number) => {
      const r = bootstrapRatio(series(n, 21, 5), series(n, 20, 6))
      return r.high - r.low
    }
    expect(width(200)).toBeLessThan(width(20))
  })

  it('rounds are resampled in pairs: a drift shared by both sides does not widen the interval', () => {
    // every round slower than the last, lib always 5% over raw in its own round
    const raw = Array.from({ length: 40 }, (_, i) => 10 + i)
    const lib = raw.map((x) => x * 1.05)
    const r = bootstrapRatio(lib, raw)
    expect(r.high - r.low).toBeLessThan(1e-9)
    expect(r.ratio).toBeCloseTo(1.05, 12)
  })

  it('refuses series of different lengths or none', () => {
    expect(() => bootstrapRatio([1, 2], [1])).toThrow(/same/)
    expect(() => bootstrapRatio([], [])).toThrow(/same/)
  })
})

describe('verdict', () => {
  it('under or over only when the whole interval is on one side of the target', () => {
    expect(verdict({ low: 0.97, high: 1.04 }, 1.05)).toBe('under')
    expect(verdict({ low: 0.97, high: 1.05 }, 1.05)).toBe('under')
    expect(verdict({ low: 1.06, high: 1.2 }, 1.05)).toBe('over')
    expect(verdict({ low: 1.0, high: 1.12 }, 1.05)).toBe('inconclusive')
  })

  it("issue 12's run: 1.088 with noise of the same size is inconclusive, not ABOVE TARGET", () => {
    // 30 rounds whose true ratio is 1.0 but whose noise (±10%, stalls) is as large as the effect
    const raw = series(30, 20, 11, 0.2)
    const lib = series(30, 20, 12, 0.2)
    const r = bootstrapRatio(lib, raw)
    expect(r.low).toBeLessThan(1.05)
    expect(r.high).toBeGreaterThan(1.05)
    expect(verdict(r, 1.05)).toBe('inconclusive')
  })
})

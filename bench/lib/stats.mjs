// The statistics of the throughput bench, kept pure so they are unit-tested (tests/bench/): a
// trimmed mean that drops the slowest tail, a ratio with a bootstrap interval over paired rounds,
// and a verdict that is given only when the interval is clear of the target.

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * `xs` without its slowest `fraction` (the floor of fraction × length values, at least one kept):
 * a loaded machine adds stalls to some uploads, never speed, so the slow tail is noise.
 */
export function dropSlowest(xs, fraction) {
  const s = [...xs].sort((a, b) => a - b)
  return s.slice(0, Math.max(1, s.length - Math.floor(s.length * fraction)))
}

/** Mean of the values left once the slowest `fraction` is dropped. */
export const trimmedMean = (xs, fraction) => mean(dropSlowest(xs, fraction))

/** A small seeded PRNG (mulberry32), so a bench run's interval can be reproduced from its data. */
export function seededRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The value below which `p` (0–1) of the sorted `sorted` lie, interpolated linearly. */
export function quantile(sorted, p) {
  const at = (sorted.length - 1) * p
  const lo = Math.floor(at)
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo)
}

/**
 * trimmedMean(num) ÷ trimmedMean(den) with a percentile bootstrap interval. `num[i]` and `den[i]`
 * were measured in the same round, so rounds are resampled as pairs: a slow stretch of the machine
 * stays on both sides. Returns `{ ratio, low, high }`.
 */
export function bootstrapRatio(num, den, { fraction = 0.1, iterations = 2000, confidence = 0.95, seed = 1 } = {}) {
  if (num.length !== den.length || !num.length) throw new Error('bootstrapRatio needs two series of the same non-zero length')
  const ratioOf = (a, b) => trimmedMean(a, fraction) / trimmedMean(b, fraction)
  const random = seededRandom(seed)
  const n = num.length
  const ratios = []
  for (let k = 0; k < iterations; k++) {
    const a = []
    const b = []
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n)
      a.push(num[j])
      b.push(den[j])
    }
    ratios.push(ratioOf(a, b))
  }
  ratios.sort((x, y) => x - y)
  const tail = (1 - confidence) / 2
  return { ratio: ratioOf(num, den), low: quantile(ratios, tail), high: quantile(ratios, 1 - tail) }
}

/**
 * 'under' when the whole interval is at or under `target`, 'over' when it is all above, else
 * 'inconclusive': the data cannot tell.
 */
export const verdict = ({ low, high }, target) => (high <= target ? 'under' : low > target ? 'over' : 'inconclusive')

import { isCount } from './validate.js'

export interface ProgressTracker {
  /** Feeds a raw runtime event for request `index`; returns the normalised event. */
  update(index: number, raw: any): any
  /** Request `index` succeeded. */
  done(index: number): void
  /** The closing event of a successful call: progress 100. */
  final(): any
}

/**
 * Progress of a call made of `count` requests, whatever the runtime calls its fields (Alipay uses
 * the download names for uploads) and however broken its numbers. progress = bytes sent ÷ bytes
 * expected, where a request whose total is not known yet weighs the average known total (1/n each
 * while none is known); never less than the runtime's own progress. An integer 0–100 that never
 * goes down, and at most 99 until `final()`: bytes handed to the OS are not an answer, so a slow
 * server (or an abort) must not read 100. Byte counts sum the requests whose totals are known.
 */
export function createProgress(count: number, upload?: boolean): ProgressTracker {
  const total: number[] = []
  const sent: number[] = []
  // The runtime's own progress per request, 0–100, highest seen.
  const percent: number[] = []
  let last = 0

  const event = () => {
    let known = 0
    let knownCount = 0
    let bytes = 0
    // Σ percent × total over the requests of known size, and Σ percent over the others.
    let knownDone = 0
    let unknownPercent = 0
    for (let i = 0; i < count; i++) {
      if (total[i]) {
        const counted = Math.min(sent[i] || 0, total[i])
        known += total[i]
        knownCount++
        bytes += counted
        // percent ≤ 100, so this is never more than 100 × total
        knownDone += Math.max(100 * counted, (percent[i] || 0) * total[i])
      } else unknownPercent += percent[i] || 0
    }
    // A request of known size weighs its total × knownCount; one of unknown size the sum of known
    // totals (the average × knownCount), or 1 while none is known: the weights sum to
    // count × (known || 1). Multiplied before the one division, so integer inputs lose no point
    // (29 / 100 × 100 is 28.999… in floating point). `known || 1` written twice, not named: smaller.
    last = Math.max(last, Math.min(Math.floor((knownCount * knownDone + (known || 1) * unknownPercent) / (count * (known || 1))), 99))
    // The upload names only on uploads (spreading false adds nothing).
    return { progress: last, totalBytesWritten: bytes, totalBytesExpectedToWrite: known, ...(upload && { totalBytesSent: bytes, totalBytesExpectedToSend: known }) }
  }

  return {
    update(index, raw) {
      raw = raw || {}
      const bytes = raw.totalBytesSent || raw.totalBytesWritten
      const expected = raw.totalBytesExpectedToSend || raw.totalBytesExpectedToWrite
      if (isCount(expected) && expected > 0) total[index] = expected
      if (isCount(bytes)) sent[index] = Math.max(sent[index] || 0, bytes)
      if (isCount(raw.progress)) percent[index] = Math.max(percent[index] || 0, Math.min(100, raw.progress))
      return event()
    },
    done(index) {
      percent[index] = 100
      // Every byte counts as sent: the sum takes min(sent, total), so this reads as the total.
      sent[index] = Infinity
    },
    final() {
      // Never goes down, so the event keeps it.
      last = 100
      return event()
    },
  }
}

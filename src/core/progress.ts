import { isCount } from './validate.js'

export interface ProgressTracker {
  /** Feeds a raw runtime event for request `index`; returns the normalised event. */
  update(index: number, raw: any): any
  /** Request `index` succeeded. */
  done(index: number): void
  /** The last progress reported (0–100). */
  last(): number
  /** The closing event of a successful call: progress 100. */
  final(): any
}

/**
 * Progress of a call made of `count` requests, whatever the runtime calls its fields (Alipay uses
 * the download names for uploads) and however broken its numbers. progress = bytes sent ÷ bytes
 * expected, where a request whose total is not known yet weighs the average known total (1/n each
 * while none is known); an integer 0–100 that never goes down, and 100 for a multi-request call
 * only once its last request succeeded (`untilFinal`: for one request too, as a resumable upload
 * whose bytes are sent before the server confirms them). Byte counts sum the requests whose totals
 * are known.
 */
export function createProgress(count: number, upload?: boolean, untilFinal?: boolean): ProgressTracker {
  const total: number[] = []
  const sent: number[] = []
  const fraction: number[] = []
  let last = 0

  const event = (final?: boolean) => {
    let known = 0
    let knownCount = 0
    let bytes = 0
    let weighted = 0
    let weights = 0
    for (let i = 0; i < count; i++) {
      if (total[i]) {
        known += total[i]
        knownCount++
        bytes += Math.min(sent[i] || 0, total[i])
      }
    }
    const average = knownCount ? known / knownCount : 1
    for (let i = 0; i < count; i++) {
      const weight = total[i] || average
      weighted += weight * (fraction[i] || 0)
      weights += weight
    }
    last = Math.max(last, final ? 100 : Math.min(Math.floor((weighted / weights) * 100), count > 1 || untilFinal ? 99 : 100))
    const normalised: any = { progress: last, totalBytesWritten: bytes, totalBytesExpectedToWrite: known }
    if (upload) {
      normalised.totalBytesSent = bytes
      normalised.totalBytesExpectedToSend = known
    }
    return normalised
  }

  return {
    update(index, raw) {
      raw = raw || {}
      const bytes = raw.totalBytesSent || raw.totalBytesWritten
      const expected = raw.totalBytesExpectedToSend || raw.totalBytesExpectedToWrite
      if (isCount(expected) && expected > 0) total[index] = expected
      if (isCount(bytes)) sent[index] = Math.max(sent[index] || 0, bytes)
      const byBytes = total[index] ? (sent[index] || 0) / total[index] : 0
      const byPercent = isCount(raw.progress) ? raw.progress / 100 : 0
      fraction[index] = Math.min(1, Math.max(fraction[index] || 0, byBytes, byPercent))
      return event()
    },
    done(index) {
      fraction[index] = 1
      if (total[index]) sent[index] = total[index]
    },
    last: () => last,
    final: () => event(true),
  }
}

/**
 * Rule 8 (progress): events normalised before anyone sees them, whatever the platform calls the
 * fields and however broken its numbers: an integer 0–100, never NaN or Infinity, never down, and
 * a success always reports a final 100 (once).
 */
import { describe, expect, it } from 'vitest'
import { createProgress } from '../../src/core/progress'
import { APIS, PLATFORMS, outcome, setup, start, type Api } from '../helpers/harness'

const UPLOAD_KEYS = ['progress', 'totalBytesExpectedToSend', 'totalBytesExpectedToWrite', 'totalBytesSent', 'totalBytesWritten']
const DOWNLOAD_KEYS = ['progress', 'totalBytesExpectedToWrite', 'totalBytesWritten']

describe('createProgress (one request)', () => {
  it('progress from the byte counts, rounded down to an integer', () => {
    const p = createProgress(1, true)
    expect(p.update(0, { totalBytesSent: 1, totalBytesExpectedToSend: 3 })).toEqual({
      progress: 33,
      totalBytesSent: 1,
      totalBytesExpectedToSend: 3,
      totalBytesWritten: 1,
      totalBytesExpectedToWrite: 3,
    })
    expect(p.update(0, { totalBytesSent: 2, totalBytesExpectedToSend: 3 }).progress).toBe(66)
  })

  it('accepts the download names for an upload (Alipay) and the upload names for a download', () => {
    expect(createProgress(1, true).update(0, { totalBytesWritten: 5, totalBytesExpectedToWrite: 10 })).toMatchObject({ progress: 50, totalBytesSent: 5 })
    expect(createProgress(1).update(0, { totalBytesSent: 5, totalBytesExpectedToSend: 20 })).toEqual({ progress: 25, totalBytesWritten: 5, totalBytesExpectedToWrite: 20 })
  })

  it('a download event has no upload names', () => {
    expect(Object.keys(createProgress(1).update(0, { progress: 1 })).sort()).toEqual(DOWNLOAD_KEYS)
  })

  it.each([
    ['NaN totals', { progress: NaN, totalBytesSent: 0, totalBytesExpectedToSend: 0 }],
    ['Infinity progress', { progress: Infinity, totalBytesSent: 10, totalBytesExpectedToSend: 0 }],
    ['negative numbers', { progress: -5, totalBytesSent: -1, totalBytesExpectedToSend: -10 }],
    ['strings', { progress: '50', totalBytesSent: '5', totalBytesExpectedToSend: '10' }],
    ['nothing', undefined],
    ['an empty event', {}],
  ])('%s give 0, never NaN or Infinity', (_, raw) => {
    const event = createProgress(1, true).update(0, raw)
    expect(event).toEqual({ progress: 0, totalBytesSent: 0, totalBytesExpectedToSend: 0, totalBytesWritten: 0, totalBytesExpectedToWrite: 0 })
  })

  it('uses the runtime progress when no total is known, rounded down and capped at 99 until final()', () => {
    const p = createProgress(1)
    expect(p.update(0, { progress: 42.9 }).progress).toBe(42)
    expect(p.update(0, { progress: 250 }).progress).toBe(99)
    expect(p.final().progress).toBe(100)
  })

  it('loses no whole point: 29 of 100 bytes at runtime progress 29 is 29 (29 / 100 × 100 is 28.999… in floating point)', () => {
    expect(createProgress(1, true).update(0, { progress: 29, totalBytesSent: 29, totalBytesExpectedToSend: 100 }).progress).toBe(29)
    // every integer percentage of 100 bytes, by bytes alone and by the runtime's progress alone
    for (let n = 0; n < 100; n++) {
      expect(createProgress(1, true).update(0, { totalBytesSent: n, totalBytesExpectedToSend: 100 }).progress).toBe(n)
      expect(createProgress(1).update(0, { progress: n }).progress).toBe(n)
    }
  })

  it("never less than the runtime's own progress when it agrees with the bytes, for any total", () => {
    for (const total of [3, 7, 100, 1000, 12345, 3 * 1024 * 1024]) {
      for (let progress = 0; progress < 100; progress++) {
        const sent = Math.ceil((progress * total) / 100)
        expect(createProgress(1, true).update(0, { progress, totalBytesSent: sent, totalBytesExpectedToSend: total }).progress).toBeGreaterThanOrEqual(progress)
      }
    }
  })

  it('holds at 99 while every byte is sent but the server has not answered; final() gives 100', () => {
    const p = createProgress(1, true)
    expect(p.update(0, { progress: 100, totalBytesSent: 3000, totalBytesExpectedToSend: 3000 })).toMatchObject({
      progress: 99,
      totalBytesSent: 3000,
      totalBytesExpectedToSend: 3000,
    })
    expect(p.final().progress).toBe(100)
  })

  it('never goes down: a smaller progress or byte count later keeps the highest', () => {
    const p = createProgress(1, true)
    p.update(0, { totalBytesSent: 60, totalBytesExpectedToSend: 100 })
    expect(p.update(0, { totalBytesSent: 40, totalBytesExpectedToSend: 100 })).toMatchObject({ progress: 60, totalBytesSent: 60 })
    expect(p.update(0, { progress: 10 }).progress).toBe(60)
  })

  it('final(): 100 with every known byte counted', () => {
    const p = createProgress(1, true)
    p.update(0, { totalBytesSent: 10, totalBytesExpectedToSend: 80 })
    p.done(0)
    expect(p.final()).toMatchObject({ progress: 100, totalBytesSent: 80, totalBytesExpectedToSend: 80 })
  })

  it('final() with no event ever: 100 and zero bytes', () => {
    expect(createProgress(1).final()).toEqual({ progress: 100, totalBytesWritten: 0, totalBytesExpectedToWrite: 0 })
  })
})

describe('createProgress (several requests)', () => {
  it('caps at 99 until final(), even when every request reports 100', () => {
    const p = createProgress(2, true)
    p.update(0, { progress: 100 })
    p.done(0)
    expect(p.update(1, { progress: 100 }).progress).toBe(99)
    expect(p.final().progress).toBe(100)
  })

  it('a request without a total weighs the average known total; bytes sum the known ones', () => {
    const p = createProgress(3, true)
    expect(p.update(0, { totalBytesSent: 100, totalBytesExpectedToSend: 200 })).toMatchObject({ progress: 16, totalBytesSent: 100, totalBytesExpectedToSend: 200 })
    p.done(0)
    expect(p.update(1, { progress: 50 })).toMatchObject({ progress: 50, totalBytesSent: 200, totalBytesExpectedToSend: 200 })
  })

  it('loses no whole point across requests: 100 + 16 of 200 bytes is 58 (116 / 200 × 100 is 57.999… in floating point)', () => {
    const p = createProgress(2, true)
    p.update(0, { progress: 100, totalBytesSent: 100, totalBytesExpectedToSend: 100 })
    p.done(0)
    expect(p.update(1, { progress: 16, totalBytesSent: 16, totalBytesExpectedToSend: 100 })).toMatchObject({ progress: 58, totalBytesSent: 116, totalBytesExpectedToSend: 200 })
  })

  it('loses no whole point with a request of unknown size weighing the average (3 requests, 1 known)', () => {
    const p = createProgress(3, true)
    p.update(0, { totalBytesSent: 100, totalBytesExpectedToSend: 100 })
    p.done(0)
    // (100 + 100 × 0.74 + 0) / 300 = 58
    expect(p.update(1, { progress: 74 }).progress).toBe(58)
  })
})

describe.each(PLATFORMS)('%s: progress through the uploader (rule 8)', (platform) => {
  const run = (api: Api) => {
    const { fake, up } = setup(platform)
    const promise = start(up, api, api == 'upload' ? { url: 'https://a.test', filePath: '/a' } : { url: 'https://a.test' })
    const events: any[] = []
    promise.onProgressUpdate((e: any) => events.push(e))
    return { fake, promise, events }
  }

  it.each(APIS)('%s: events have the normalised names, whatever the runtime calls them', async (api) => {
    const { fake, promise, events } = run(api)
    fake.last().progress({ totalBytesSent: 25, totalBytesExpectedToSend: 100, totalBytesWritten: 25, totalBytesExpectedToWrite: 100 })
    fake.last().succeed()
    await promise
    for (const event of events) expect(Object.keys(event).sort()).toEqual(api == 'upload' ? UPLOAD_KEYS : DOWNLOAD_KEYS)
    expect(events[0]).toMatchObject({ progress: 25, totalBytesWritten: 25, totalBytesExpectedToWrite: 100 })
    if (api == 'upload') expect(events[0]).toMatchObject({ totalBytesSent: 25, totalBytesExpectedToSend: 100 })
  })

  it.each(APIS)('%s: totals of 0 (NaN/Infinity from the runtime) give an integer, never NaN or Infinity', async (api) => {
    const { fake, promise, events } = run(api)
    fake.last().progressRaw({ progress: NaN, totalBytesSent: 0, totalBytesExpectedToSend: 0, totalBytesWritten: 0, totalBytesExpectedToWrite: 0 })
    fake.last().progressRaw({ progress: Infinity, totalBytesSent: 10, totalBytesExpectedToSend: 0, totalBytesWritten: 10, totalBytesExpectedToWrite: 0 })
    fake.last().progress({ totalBytesSent: 0, totalBytesExpectedToSend: 0, totalBytesWritten: 0, totalBytesExpectedToWrite: 0 })
    fake.last().succeed()
    await promise
    for (const event of events) {
      expect(Number.isInteger(event.progress)).toBe(true)
      expect(event.progress).toBeGreaterThanOrEqual(0)
      expect(event.progress).toBeLessThanOrEqual(100)
      for (const value of Object.values(event)) expect(Number.isFinite(value)).toBe(true)
    }
  })

  it.each(APIS)('%s: never goes down, and a success ends with exactly one 100', async (api) => {
    const { fake, promise, events } = run(api)
    for (const sent of [10, 60, 40, 59, 70]) fake.last().progress({ totalBytesSent: sent, totalBytesExpectedToSend: 100, totalBytesWritten: sent, totalBytesExpectedToWrite: 100 })
    fake.last().succeed()
    await promise
    expect(events.map((e) => e.progress)).toEqual([10, 60, 60, 60, 70, 100])
  })

  it.each(APIS)('%s: a runtime that reports 100 before the answer shows 99 (bytes full), and the success gives one 100', async (api) => {
    const { fake, promise, events } = run(api)
    fake.last().progress({ totalBytesSent: 100, totalBytesExpectedToSend: 100, totalBytesWritten: 100, totalBytesExpectedToWrite: 100 })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ progress: 99, totalBytesWritten: 100, totalBytesExpectedToWrite: 100 })
    fake.last().succeed()
    await promise
    expect(events.map((e) => e.progress)).toEqual([99, 100])
  })

  it.each(APIS)('%s: an abort after every byte was sent ends at 99, never 100', async (api) => {
    const { fake, promise, events } = run(api)
    fake.last().progress({ progress: 100, totalBytesSent: 100, totalBytesExpectedToSend: 100, totalBytesWritten: 100, totalBytesExpectedToWrite: 100 })
    promise.abort()
    await outcome(promise)
    expect(events.map((e) => e.progress)).toEqual([99])
    fake.last().progress({ progress: 100, totalBytesSent: 100, totalBytesExpectedToSend: 100, totalBytesWritten: 100, totalBytesExpectedToWrite: 100 })
    expect(events.map((e) => e.progress)).toEqual([99])
  })

  it.each(APIS)('%s: a success without any progress event still reports a final 100', async (api) => {
    const { fake, promise, events } = run(api)
    fake.last().succeed()
    await promise
    expect(events.map((e) => e.progress)).toEqual([100])
  })

  it.each(APIS)('%s: a failure reports no final 100', async (api) => {
    const { fake, promise, events } = run(api)
    fake.last().progress({ totalBytesSent: 30, totalBytesExpectedToSend: 100, totalBytesWritten: 30, totalBytesExpectedToWrite: 100 })
    fake.last().fail('x')
    await outcome(promise)
    expect(events.map((e) => e.progress)).toEqual([30])
  })

  it.each(APIS)('%s: the final 100 reaches every listener before the caller hears of the success', async (api) => {
    const { fake, promise, events } = run(api)
    const seenAtResolve: number[] = []
    const done = promise.then(() => seenAtResolve.push(events.length))
    fake.last().succeed()
    await done
    expect(seenAtResolve).toEqual([1])
  })
})

/**
 * The upload queue engine (src/composables/useUploadQueue/queue.ts), driven through its public door
 * outside components, `createUploadQueue(options?, uploader?)`, against the fake runtime
 * (tests/helpers/fake-uni.ts). Each describe block follows a sentence of the queue's spec:
 *
 *   `add(files)` takes file paths / Files / files[]-style items; `concurrency` (default 3); per
 *   item a reactive `status`, `progress`, `error`, `result`, `abort()`, `retry()`; overall
 *   `progress` by bytes, counts per status, `abortAll()`, `retryFailed()` (only the failed ones),
 *   `pause()` (start no new ones) and `resume()`, `clear()` of finished items. 10,000 queued items
 *   must cost time linear in their number and not slow the UI (no per-item deep reactivity;
 *   shallow state, batched updates). `retry` option works through the queue too; never retries
 *   AbortError.
 *
 * Tests named `regression:` pin bugs found in the first version (7e4ca27) and fixed in 80d28a4.
 * The composable (`useUploadQueue`: scopes, components, instance resolution) is in index.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isReactive, isReadonly, watch, type WatchStopHandle } from 'vue'
import { AbortError, createUploader, createUploadQueue, NetworkError, OptionError, TimeoutError } from '../../../src/index'
import type { QueueItemStatus, UploadQueue, UploadQueueOptions, UploaderConfig } from '../../../src/types'
import { createFakeUni, installFakeUni, type FakePlatform, type FakeUni } from '../../helpers/fake-uni'

const URL_UP = 'https://api.test/upload'
const STATUSES: QueueItemStatus[] = ['queued', 'pending', 'transferring', 'paused', 'success', 'error', 'aborted']

/** A fake runtime, an independent instance on it, and a queue on that instance. */
function setup(options: UploadQueueOptions = {}, platform: FakePlatform = 'mp-weixin', config: UploaderConfig = {}) {
  const fake = createFakeUni({ platform })
  const up = createUploader({ uni: fake.uni, ...config })
  const q = createUploadQueue({ url: URL_UP, ...options }, up)
  return { fake, up, q }
}

/** Runs the waiting animation frame (and any timer due before it). */
const frame = () => vi.advanceTimersToNextFrame()

/** The file paths the runtime was asked to upload, in call order. */
const sent = (fake: FakeUni) => fake.requests.map((r) => r.options.filePath)

/** `counts` as it must be: recounted from the items' own statuses. */
function recount(q: UploadQueue): Record<QueueItemStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<QueueItemStatus, number>
  for (const item of q.items.value) counts[item.status.value]++
  return counts
}

const stops: WatchStopHandle[] = []
/** Every value a ref takes, recorded synchronously (each write that changes it). */
function writes<T>(source: { readonly value: T }): T[] {
  const seen: T[] = []
  stops.push(watch(() => source.value, (value) => void seen.push(value), { flush: 'sync' }))
  return seen
}
/** How many times a ref triggers (also when it is given an equal-looking new object). */
function triggers(source: { readonly value: unknown }): { count: number } {
  const counter = { count: 0 }
  stops.push(watch(source as any, () => void counter.count++, { flush: 'sync' }))
  return counter
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  stops.splice(0).forEach((stop) => stop())
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

// ---------------------------------------------------------------------------------------------

describe('add(files): paths, Files and files[]-style items, each mapped to runtime options', () => {
  it('a path becomes filePath, with the default field name and the queue-wide options', () => {
    const { fake, q } = setup({ header: { 'X-App': '1' }, formData: { album: '7' } })
    q.add('/tmp/a.png')
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().url).toBe(URL_UP)
    expect(fake.last().options).toMatchObject({ filePath: '/tmp/a.png', name: 'file', header: { 'X-App': '1' }, formData: { album: '7' } })
    expect(fake.last().options.file).toBeUndefined()
  })

  it('a File on the web becomes `file` plus an object URL as filePath, revoked when the item settles', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    const { fake, q } = setup({}, 'web')
    const file = new File(['hello'], 'a.txt', { type: 'text/plain' })
    const [item] = q.add(file)
    const options = fake.last().options
    expect(options.file).toBe(file)
    expect(options.filePath).toMatch(/^blob:/)
    expect(options.name).toBe('file')
    expect(revoke).not.toHaveBeenCalled()
    fake.last().succeed({ data: 'ok' })
    expect(item.status.value).toBe('success')
    expect(revoke).toHaveBeenCalledWith(options.filePath)
  })

  it('a bare Blob on the web is sent as `file` too', () => {
    const { fake, q } = setup({}, 'web')
    const blob = new Blob(['x'])
    q.add([blob])
    expect(fake.last().options.file).toBe(blob)
    expect(fake.last().options.filePath).toMatch(/^blob:/)
  })

  it('{ name, uri } becomes name + filePath; { uri } gets the default name; the item name beats the queue name', () => {
    const { fake, q } = setup({ name: 'photo', concurrency: 3 })
    q.add([{ name: 'doc', uri: '/tmp/doc.pdf' }, { uri: '/tmp/b.png' }, '/tmp/c.png'])
    expect(fake.requests.map((r) => [r.options.name, r.options.filePath])).toEqual([
      ['doc', '/tmp/doc.pdf'],
      ['photo', '/tmp/b.png'],
      ['photo', '/tmp/c.png'],
    ])
    const plain = setup()
    plain.q.add({ uri: '/tmp/x.png' })
    expect(plain.fake.last().options).toMatchObject({ name: 'file', filePath: '/tmp/x.png' })
  })

  it('{ name, file } on the web becomes name + file + an object URL', () => {
    const { fake, q } = setup({}, 'web')
    const file = new File(['x'], 'avatar.png')
    q.add({ name: 'avatar', file })
    expect(fake.last().options).toMatchObject({ name: 'avatar', file })
    expect(fake.last().options.filePath).toMatch(/^blob:/)
  })

  it('where there is no Blob (mini-programs) an object is still a files[]-style item', () => {
    vi.stubGlobal('Blob', undefined)
    const { fake, q } = setup()
    q.add({ name: 'n', uri: '/tmp/n.png' })
    expect(fake.last().options).toMatchObject({ name: 'n', filePath: '/tmp/n.png' })
  })

  it('returns the new items in order, with increasing ids and their sources, appended to items', () => {
    const { q } = setup({ concurrency: 1 })
    const source = { uri: '/tmp/b' }
    const first = q.add(['/tmp/a', source])
    const second = q.add('/tmp/c')
    expect(first.map((i) => i.source)).toEqual(['/tmp/a', source])
    expect(first[1].source).toBe(source)
    expect(second).toHaveLength(1)
    const ids = q.items.value.map((i) => i.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(3)
    expect(q.items.value).toEqual([...first, ...second])
  })

  it('an item whose options are invalid fails with OptionError and the next one starts', async () => {
    const { fake, q } = setup({ concurrency: 1 })
    const [bad, good] = q.add([{ name: 'x' } as any, '/tmp/ok'])
    expect(fake.requests).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(0)
    expect(bad.status.value).toBe('error')
    expect(bad.error.value).toBeInstanceOf(OptionError)
    expect(sent(fake)).toEqual(['/tmp/ok'])
    expect(good.status.value).toBe('pending')
  })
})

// ---------------------------------------------------------------------------------------------

describe('order and the concurrency cap', () => {
  it('the default concurrency is 3; items start in the order added', () => {
    const { fake, q } = setup()
    const items = q.add(['a', 'b', 'c', 'd', 'e'])
    expect(sent(fake)).toEqual(['a', 'b', 'c'])
    expect(items.map((i) => i.status.value)).toEqual(['pending', 'pending', 'pending', 'queued', 'queued'])
    fake.requests[1].succeed()
    expect(sent(fake)).toEqual(['a', 'b', 'c', 'd'])
    fake.requests[0].fail()
    expect(sent(fake)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it.each([1, 2, 3, 5])('never more than %i requests in flight, and always as many as there is work for', (n) => {
    const { fake, q } = setup({ concurrency: n })
    const names = Array.from({ length: 12 }, (_, i) => 'f' + i)
    q.add(names.slice(0, 7))
    let settled = 0
    let step = 0
    while (fake.pending().length) {
      const pending = fake.pending()
      expect(pending.length).toBeLessThanOrEqual(n)
      expect(pending.length).toBe(Math.min(n, q.items.value.length - settled))
      // Settle a different one each time (not always the oldest), alternating outcomes.
      const r = pending[step % pending.length]
      if (step++ % 2) r.succeed()
      else r.fail()
      settled++
      if (step == 3) q.add(names.slice(7)) // adding while running appends to the end
    }
    expect(sent(fake)).toEqual(names)
    expect(fake.requests).toHaveLength(12)
  })

  it('items added later go after the ones already waiting', () => {
    const { fake, q } = setup({ concurrency: 1 })
    q.add(['a', 'b'])
    q.add(['c'])
    fake.last().succeed()
    fake.last().succeed()
    fake.last().succeed()
    expect(sent(fake)).toEqual(['a', 'b', 'c'])
  })
})

describe('concurrency validation', () => {
  const bad: [string, unknown][] = [
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ["'x'", 'x'],
    ['NaN', NaN],
    ["'2' (a string)", '2'],
    ['Infinity', Infinity],
    ['null', null],
    ['true', true],
  ]

  it.each(bad)('concurrency %s: an OptionError naming `concurrency`, and nothing is sent', (_, concurrency) => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const up = createUploader({ uni: fake.uni })
    let error: unknown
    try {
      createUploadQueue({ url: URL_UP, concurrency: concurrency as number }, up).add(['a', 'b'])
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(OptionError)
    expect((error as Error).message).toMatch(/concurrency/)
    expect(fake.requests).toHaveLength(0)
  })

  // Regression: `concurrency` was checked only in pump(), i.e. on the first add(), which threw
  // *after* pushing the items: they sat in `items` as 'queued' forever.
  it.each(bad)('regression: concurrency %s is rejected when the queue is created, not on the first add', (_, concurrency) => {
    const { up } = setup()
    expect(() => createUploadQueue({ url: URL_UP, concurrency: concurrency as number }, up)).toThrow(OptionError)
    expect(() => createUploadQueue({ url: URL_UP, concurrency: concurrency as number }, up)).toThrow(/concurrency/)
  })

  it.each([1, 2, 10, undefined])('concurrency %s is accepted', (concurrency) => {
    const { fake, q } = setup({ concurrency })
    q.add(Array.from({ length: 12 }, (_, i) => 'f' + i))
    expect(fake.requests).toHaveLength(concurrency ?? 3)
  })
})

// ---------------------------------------------------------------------------------------------

describe('per-item status, error and result', () => {
  /** Items added while paused (so each is seen from 'queued'), with their status histories. */
  function queued(count: number, options: UploadQueueOptions = {}) {
    const ctx = setup({ concurrency: count, ...options })
    ctx.q.pause()
    const items = ctx.q.add(Array.from({ length: count }, (_, i) => '/tmp/' + i))
    const logs = items.map((item) => {
      const log: QueueItemStatus[] = [item.status.value]
      stops.push(watch(item.status, (s) => void log.push(s), { flush: 'sync' }))
      return log
    })
    ctx.q.resume()
    return { ...ctx, items, logs }
  }

  it('queued → pending → transferring → success, with the result and no error', () => {
    const { fake, items, logs } = queued(1)
    expect(items[0].status.value).toBe('pending')
    fake.last().progress({ totalBytesSent: 10, totalBytesExpectedToSend: 100 })
    expect(items[0].status.value).toBe('transferring')
    fake.last().succeed({ data: '{"id":1}', statusCode: 201 })
    expect(logs[0]).toEqual(['queued', 'pending', 'transferring', 'success'])
    expect(items[0].result.value).toMatchObject({ data: '{"id":1}', statusCode: 201 })
    expect(items[0].error.value).toBeUndefined()
  })

  it('queued → pending → error (failure before any progress), with the error and no result', () => {
    const { fake, items, logs } = queued(1)
    fake.last().fail('uploadFile:fail net down')
    expect(logs[0]).toEqual(['queued', 'pending', 'error'])
    expect(items[0].error.value).toBeInstanceOf(NetworkError)
    expect(items[0].error.value!.errMsg).toBe('uploadFile:fail net down')
    expect(items[0].result.value).toBeUndefined()
  })

  it('queued → pending → transferring → error', () => {
    const { fake, logs } = queued(1)
    fake.last().progress({ progress: 30 })
    fake.last().fail()
    expect(logs[0]).toEqual(['queued', 'pending', 'transferring', 'error'])
  })

  it('a timeout is an error too', () => {
    const { fake, items } = queued(1, { timeout: 1000 })
    vi.advanceTimersByTime(1000)
    expect(items[0].status.value).toBe('error')
    expect(items[0].error.value).toBeInstanceOf(TimeoutError)
    expect(fake.last().aborted).toBe(true)
  })

  it('queued → pending → transferring → aborted, and queued → aborted', () => {
    const { fake, items, logs } = queued(2)
    fake.requests[0].progress({ progress: 5 })
    items[0].abort()
    const waiting = setup({ concurrency: 1 })
    const [, second] = waiting.q.add(['a', 'b'])
    const log = writes(second.status)
    second.abort()
    expect(logs[0]).toEqual(['queued', 'pending', 'transferring', 'aborted'])
    expect(items[0].error.value).toBeInstanceOf(AbortError)
    expect(logs[1]).toEqual(['queued', 'pending'])
    expect(fake.requests).toHaveLength(2)
    expect(log).toEqual(['aborted'])
    expect(second.error.value).toBeUndefined()
  })

  it('a finished item never moves again: late events, abort() and a late failure are ignored', () => {
    const { fake, items, logs } = queued(2)
    fake.requests[0].succeed()
    fake.requests[0].progress({ progress: 10 })
    items[0].abort()
    fake.requests[1].fail()
    items[1].abort()
    expect(items.map((i) => i.status.value)).toEqual(['success', 'error'])
    expect(logs[0].at(-1)).toBe('success')
    expect(logs[1]).toEqual(['queued', 'pending', 'error'])
  })

  it('the per-item state is shallow and read-only; an item is a plain object', () => {
    const { fake, q } = setup()
    const [item] = q.add('a')
    fake.last().succeed({ data: 'x' })
    expect(isReactive(item)).toBe(false)
    expect(isReactive(q.items.value)).toBe(false)
    for (const ref of [item.status, item.progress, item.error, item.result, q.items, q.progress, q.counts, q.isPaused]) {
      expect(isReadonly(ref)).toBe(true)
    }
    expect(isReactive(item.result.value)).toBe(false)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    ;(item.status as any).value = 'queued'
    expect(item.status.value).toBe('success')
    expect(warn).toHaveBeenCalled()
  })
})

// ---------------------------------------------------------------------------------------------

describe('per-item progress: written at most once per animation frame', () => {
  it('many events make one write per frame, with the latest value; the status is not held back', () => {
    const { fake, q } = setup()
    const [item] = q.add('a')
    const log = writes(item.progress)
    for (const bytes of [10, 20, 35, 40]) fake.last().progress({ totalBytesSent: bytes, totalBytesExpectedToSend: 200 })
    expect(item.status.value).toBe('transferring')
    expect(log).toEqual([])
    frame()
    expect(log).toEqual([20])
    fake.last().progress({ totalBytesSent: 100, totalBytesExpectedToSend: 200 })
    fake.last().progress({ totalBytesSent: 150, totalBytesExpectedToSend: 200 })
    frame()
    expect(log).toEqual([20, 75])
    frame()
    expect(log).toEqual([20, 75])
  })

  it('one animation frame is requested for events of many items', () => {
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame')
    const { fake, q } = setup()
    const items = q.add(['a', 'b', 'c'])
    expect(raf).toHaveBeenCalledTimes(1) // for add's counts
    frame()
    fake.requests.forEach((r, i) => r.progress({ progress: 10 * (i + 1) }))
    fake.requests.forEach((r, i) => r.progress({ progress: 20 * (i + 1) }))
    expect(raf).toHaveBeenCalledTimes(2)
    expect(items.map((i) => i.progress.value)).toEqual([0, 0, 0])
    frame()
    expect(items.map((i) => i.progress.value)).toEqual([20, 40, 60])
  })

  it('success writes 100 at the next frame; a failure keeps the progress reached', () => {
    const { fake, q } = setup()
    const [a, b] = q.add(['a', 'b'])
    fake.requests[0].progress({ progress: 40 })
    fake.requests[1].progress({ progress: 60 })
    frame()
    fake.requests[0].succeed()
    fake.requests[1].fail()
    expect(a.status.value).toBe('success')
    expect(a.progress.value).toBe(40)
    frame()
    expect([a.progress.value, b.progress.value]).toEqual([100, 60])
  })

  it('without requestAnimationFrame (mini-programs) a 16 ms timer batches the same way', () => {
    vi.stubGlobal('requestAnimationFrame', undefined)
    vi.stubGlobal('cancelAnimationFrame', undefined)
    const { fake, q } = setup({ timeout: 0 })
    const [item] = q.add('a')
    vi.advanceTimersByTime(16)
    expect(vi.getTimerCount()).toBe(0)
    const log = writes(item.progress)
    fake.last().progress({ progress: 10 })
    fake.last().progress({ progress: 30 })
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(15)
    expect(log).toEqual([])
    vi.advanceTimersByTime(1)
    expect(log).toEqual([30])
    expect(vi.getTimerCount()).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------

describe('overall progress by bytes', () => {
  it('weighs known sizes by bytes, an unknown size as the average known size, leaves aborted items out', () => {
    const { fake, q } = setup()
    const [a, b, , , e] = q.add(['A', 'B', 'C', 'D', 'E'])
    const [rA, rB, rC] = fake.requests
    expect(q.progress.value).toBe(0)
    rA.progress({ totalBytesSent: 300, totalBytesExpectedToSend: 1000 })
    rB.progress({ totalBytesSent: 100, totalBytesExpectedToSend: 200 })
    frame()
    // known 1000 + 200 (400 done); C, D, E unknown: 600 each → 400 / 3000
    expect(q.progress.value).toBe(13)
    expect(a.progress.value).toBe(30)
    rC.progressRaw({ progress: 40 }) // no byte counts: C's size stays unknown
    frame()
    expect(q.progress.value).toBe(21) // (400 + 0.4 × 600) / 3000
    rC.succeed()
    frame()
    expect(q.progress.value).toBe(33) // (400 + 600) / 3000
    rB.fail() // a failed item keeps its share (and what it did)
    frame()
    expect(b.status.value).toBe('error')
    expect(q.progress.value).toBe(33)
    a.abort() // A leaves the sums: known B 200 (100 done); C (done), D, E weigh 200 each
    frame()
    expect(q.progress.value).toBe(37) // (100 + 200) / 800 = 37.5
    const [rD, rE] = fake.requests.slice(3)
    rD.progress({ totalBytesSent: 50, totalBytesExpectedToSend: 600 })
    frame()
    expect(q.progress.value).toBe(34) // known 200 + 600 (150 done), average 400: (150 + 400) / 1600
    rD.succeed()
    rE.succeed()
    frame()
    expect(q.progress.value).toBe(93) // (100 + 600 + 2 × 400) / 1600 = 93.75
    expect(e.progress.value).toBe(100)
    b.retry() // B starts again from nothing
    frame()
    expect(q.progress.value).toBe(87) // (600 + 800) / 1600
    fake.last().succeed()
    frame()
    expect(q.progress.value).toBe(100)
    q.clear()
    frame()
    expect(q.progress.value).toBe(0)
  })

  it('while no size is known, each item weighs 1', () => {
    const { fake, q } = setup({ concurrency: 4 })
    q.add(['a', 'b', 'c', 'd'])
    fake.requests[0].progressRaw({ progress: 50 })
    frame()
    expect(q.progress.value).toBe(12) // 0.5 / 4
    fake.requests[1].succeed()
    frame()
    expect(q.progress.value).toBe(37) // 1.5 / 4
  })

  it('is 0 for an empty queue and for a queue whose items are all aborted; 100 when the rest succeeded', () => {
    const { fake, q } = setup()
    frame()
    expect(q.progress.value).toBe(0)
    const [a, b] = q.add(['a', 'b'])
    fake.requests[0].progress({ totalBytesSent: 900, totalBytesExpectedToSend: 1000 })
    a.abort()
    b.abort()
    frame()
    expect(q.progress.value).toBe(0)
    q.add(['c'])
    fake.last().succeed()
    frame()
    expect(q.progress.value).toBe(100)
  })

  it('holds at 99 (item and overall) while every byte is sent but the server has not answered; the success gives 100', () => {
    const { fake, q } = setup()
    const [a] = q.add(['a'])
    fake.last().progress({ progress: 100, totalBytesSent: 1000, totalBytesExpectedToSend: 1000 })
    frame()
    expect(a.status.value).toBe('transferring')
    expect([a.progress.value, q.progress.value]).toEqual([99, 99])
    fake.last().succeed()
    frame()
    expect([a.progress.value, q.progress.value]).toEqual([100, 100])
  })

  it('an item that failed after sending every byte keeps the overall below 100', () => {
    const { fake, q } = setup()
    const [a, b] = q.add(['a', 'b'])
    fake.requests[0].progress({ progress: 100, totalBytesSent: 1000, totalBytesExpectedToSend: 1000 })
    fake.requests[0].fail()
    fake.requests[1].succeed()
    frame()
    expect([a.status.value, b.status.value]).toEqual(['error', 'success'])
    expect(a.progress.value).toBe(99)
    expect(q.progress.value).toBe(99)
  })
})

// ---------------------------------------------------------------------------------------------

describe('counts per status', () => {
  it('has every status, and after each frame matches the items', () => {
    const { fake, q } = setup()
    frame()
    expect(q.counts.value).toEqual({ queued: 0, pending: 0, transferring: 0, paused: 0, success: 0, error: 0, aborted: 0 })
    const items = q.add(['a', 'b', 'c', 'd', 'e', 'f'])
    frame()
    expect(q.counts.value).toEqual({ queued: 3, pending: 3, transferring: 0, paused: 0, success: 0, error: 0, aborted: 0 })
    fake.requests[0].progress({ progress: 1 })
    fake.requests[1].succeed()
    fake.requests[2].fail()
    items[5].abort()
    frame()
    expect(q.counts.value).toEqual({ queued: 0, pending: 2, transferring: 1, paused: 0, success: 1, error: 1, aborted: 1 })
    expect(q.counts.value).toEqual(recount(q))
    q.abortAll()
    frame()
    expect(q.counts.value).toEqual({ queued: 0, pending: 0, transferring: 0, paused: 0, success: 1, error: 1, aborted: 4 })
    expect(q.counts.value).toEqual(recount(q))
  })

  it('are batched: many changes in one frame make one write', () => {
    const { fake, q } = setup()
    const seen = triggers(q.counts)
    q.add(['a', 'b', 'c', 'd'])
    fake.requests[0].succeed()
    fake.requests[1].fail()
    expect(seen.count).toBe(0)
    frame()
    expect(seen.count).toBe(1)
  })
})

// ---------------------------------------------------------------------------------------------

describe('abort()', () => {
  it('a queued item is never sent, and its place goes to the next one', () => {
    const { fake, q } = setup({ concurrency: 1 })
    const [, b] = q.add(['a', 'b', 'c'])
    b.abort()
    expect(b.status.value).toBe('aborted')
    fake.last().succeed()
    fake.last().succeed()
    expect(sent(fake)).toEqual(['a', 'c'])
    expect(fake.pending()).toHaveLength(0)
  })

  it('a running item: the runtime task is aborted, the item is aborted at once, the next one starts', () => {
    const { fake, q } = setup({ concurrency: 2 })
    const [a] = q.add(['a', 'b', 'c'])
    fake.requests[0].progress({ progress: 50 })
    a.abort()
    expect(fake.requests[0].aborted).toBe(true)
    expect(a.status.value).toBe('aborted')
    expect(a.error.value).toBeInstanceOf(AbortError)
    expect(a.error.value!.errMsg).toBe('uploadFile:fail abort')
    expect(sent(fake)).toEqual(['a', 'b', 'c'])
    vi.advanceTimersByTime(10) // the runtime's own late `fail abort` changes nothing
    expect(a.status.value).toBe('aborted')
    a.abort()
    expect(fake.requests).toHaveLength(3)
  })
})

describe('abortAll()', () => {
  it('aborts the running ones and drops the queued ones without ever starting them', () => {
    const { fake, q } = setup()
    const items = q.add(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
    fake.requests[0].succeed() // d starts
    fake.requests[1].fail() // e starts
    expect(fake.requests).toHaveLength(5)
    const calls = vi.spyOn(fake.uni, 'uploadFile')
    q.abortAll()
    expect(calls).not.toHaveBeenCalled()
    expect(fake.requests).toHaveLength(5)
    expect(fake.requests.map((r) => r.aborted)).toEqual([false, false, true, true, true])
    expect(items.map((i) => i.status.value)).toEqual(['success', 'error', 'aborted', 'aborted', 'aborted', 'aborted', 'aborted', 'aborted'])
    vi.runAllTimers()
    expect(fake.requests).toHaveLength(5)
    q.add('i') // the queue still works afterwards
    expect(sent(fake).at(-1)).toBe('i')
  })
})

// ---------------------------------------------------------------------------------------------

describe('retryFailed() and item.retry()', () => {
  it('retryFailed retries the failed items only (not the aborted, not the successful), in order', () => {
    const { fake, q } = setup({ concurrency: 5 })
    const [a, b, c, d, e] = q.add(['a', 'b', 'c', 'd', 'e'])
    fake.requests[0].fail()
    fake.requests[0 + 1].succeed()
    c.abort()
    fake.requests[3].progress({ progress: 70 })
    fake.requests[3].fail()
    fake.requests[4].fail()
    frame()
    expect(d.progress.value).toBe(70)
    q.retryFailed()
    expect(sent(fake)).toEqual(['a', 'b', 'c', 'd', 'e', 'a', 'd', 'e'])
    expect([a, b, c, d, e].map((i) => i.status.value)).toEqual(['pending', 'success', 'aborted', 'pending', 'pending'])
    expect(d.error.value).toBeUndefined()
    frame()
    expect(d.progress.value).toBe(0)
    expect(b.progress.value).toBe(100)
  })

  it('retryFailed respects the concurrency: retried items queue up', () => {
    const { fake, q } = setup({ concurrency: 2 })
    q.add(['a', 'b', 'c'])
    fake.requests[0].fail()
    fake.requests[1].fail()
    fake.requests[2].fail()
    q.retryFailed()
    expect(fake.pending().map((r) => r.options.filePath)).toEqual(['a', 'b'])
    fake.pending()[0].succeed()
    expect(fake.pending().map((r) => r.options.filePath)).toEqual(['b', 'c'])
  })

  it('item.retry() queues an aborted or failed item again, at the end, with error and result cleared', () => {
    const { fake, q } = setup({ concurrency: 1 })
    const [a, b, c] = q.add(['a', 'b', 'c'])
    fake.last().progress({ progress: 20 })
    fake.last().fail() // a: error; b starts
    b.abort() // b: aborted; c starts
    a.retry()
    b.retry()
    expect(a.status.value).toBe('queued')
    expect(a.error.value).toBeUndefined()
    expect(b.error.value).toBeUndefined()
    fake.last().succeed() // c
    fake.last().succeed() // a
    fake.last().succeed() // b
    expect(sent(fake)).toEqual(['a', 'b', 'c', 'a', 'b'])
    expect([a, b, c].map((i) => i.status.value)).toEqual(['success', 'success', 'success'])
    expect(a.result.value).toMatchObject({ statusCode: 200 })
  })

  it('retry() does nothing to a queued, running or successful item', () => {
    const { fake, q } = setup({ concurrency: 2 })
    const [a, b, c] = q.add(['a', 'b', 'c'])
    fake.requests[0].progress({ totalBytesSent: 40, totalBytesExpectedToSend: 100 })
    frame()
    a.retry()
    c.retry()
    fake.requests[1].progress({ totalBytesSent: 10, totalBytesExpectedToSend: 100 }) // a frame is due
    frame()
    expect(sent(fake)).toEqual(['a', 'b'])
    expect(a.progress.value).toBe(40)
    expect(q.progress.value).toBe(16) // 50 of a's and b's 200 bytes; c weighs 100
    expect(q.counts.value).toEqual({ queued: 1, pending: 0, transferring: 2, paused: 0, success: 0, error: 0, aborted: 0 })
    fake.requests[0].succeed()
    fake.requests[1].succeed()
    a.retry()
    c.retry()
    expect(sent(fake)).toEqual(['a', 'b', 'c'])
    expect([a.status.value, b.status.value, c.status.value]).toEqual(['success', 'success', 'pending'])
    expect(a.result.value).toBeDefined()
  })

  it('a retried item waits while the queue is paused', () => {
    const { fake, q } = setup()
    const [a] = q.add('a')
    fake.last().fail()
    q.pause()
    a.retry()
    expect(a.status.value).toBe('queued')
    expect(fake.requests).toHaveLength(1)
    q.resume()
    expect(fake.requests).toHaveLength(2)
  })

  // Regression: an item aborted while queued stayed in the waiting list, so after retry() it
  // started at its old place, though retry() "Queues a failed or aborted item again (at the end)".
  it('regression: an item aborted while queued and then retried goes to the end of the queue', () => {
    const { fake, q } = setup({ concurrency: 1 })
    const [, b] = q.add(['a', 'b', 'c'])
    b.abort()
    b.retry()
    fake.last().succeed() // a
    fake.last().succeed()
    fake.last().succeed()
    expect(sent(fake)).toEqual(['a', 'c', 'b'])
  })
})

// ---------------------------------------------------------------------------------------------

describe('pause() and resume()', () => {
  it('pause starts no new uploads, running ones go on; resume fills the free slots', () => {
    const { fake, q } = setup({ concurrency: 2 })
    const items = q.add(['a', 'b', 'c', 'd', 'e'])
    q.pause()
    expect(q.isPaused.value).toBe(true)
    fake.requests[0].progress({ progress: 30 })
    fake.requests[0].succeed()
    fake.requests[1].fail()
    q.add('f')
    expect(fake.requests).toHaveLength(2)
    expect(items.slice(2).map((i) => i.status.value)).toEqual(['queued', 'queued', 'queued'])
    q.resume()
    expect(q.isPaused.value).toBe(false)
    expect(sent(fake)).toEqual(['a', 'b', 'c', 'd'])
    q.resume() // resuming a running queue changes nothing
    expect(fake.requests).toHaveLength(4)
  })

  it('a queue paused before anything was added starts nothing until resumed', () => {
    const { fake, q } = setup()
    q.pause()
    q.add(['a', 'b', 'c', 'd'])
    expect(fake.requests).toHaveLength(0)
    q.resume()
    expect(sent(fake)).toEqual(['a', 'b', 'c'])
  })

  it('a running item aborted while paused frees its slot but nothing starts', () => {
    const { fake, q } = setup({ concurrency: 1 })
    const [a] = q.add(['a', 'b'])
    q.pause()
    a.abort()
    expect(fake.requests).toHaveLength(1)
    q.resume()
    expect(sent(fake)).toEqual(['a', 'b'])
  })
})

// ---------------------------------------------------------------------------------------------

describe('clear()', () => {
  /** Items in every status: a success, b error, c transferring, d aborted (running), e pending, f aborted (queued), g pending, h queued. */
  function mixed() {
    const ctx = setup()
    const items = ctx.q.add(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
    const [rA, rB, rC] = ctx.fake.requests
    rA.succeed() // d starts
    rB.fail() // e starts
    rC.progress({ totalBytesSent: 50, totalBytesExpectedToSend: 100 })
    items[5].abort() // f: queued → aborted
    items[3].abort() // d: running → aborted; g starts
    return { ...ctx, items }
  }

  it('removes only success, error and aborted items, keeping the rest in order', () => {
    const { q, items } = mixed()
    frame()
    expect(q.counts.value).toEqual({ queued: 1, pending: 2, transferring: 1, paused: 0, success: 1, error: 1, aborted: 2 })
    // c: 100 bytes (50 done); a (done), b, e, g, h unknown → 100 each: (50 + 100) / 600
    expect(q.progress.value).toBe(25)
    const seen = triggers(q.items)
    q.clear()
    expect(seen.count).toBe(1)
    expect(q.items.value.map((i) => i.source)).toEqual(['c', 'e', 'g', 'h'])
    frame()
    expect(q.counts.value).toEqual({ queued: 1, pending: 2, transferring: 1, paused: 0, success: 0, error: 0, aborted: 0 })
    expect(q.counts.value).toEqual(recount(q))
    expect(q.progress.value).toBe(12) // c 50 / 100; e, g, h → 100 each: 50 / 400
    expect(items[0].status.value).toBe('success') // a cleared item keeps its own state
  })

  it('the queue goes on normally after a clear, and counts stay right', () => {
    const { fake, q } = mixed()
    q.clear()
    vi.advanceTimersByTime(0) // the runtime reports the abort of d
    fake.pending().forEach((r) => r.succeed()) // c, e, g; h starts
    fake.pending().forEach((r) => r.succeed())
    frame()
    expect(sent(fake)).toEqual(['a', 'b', 'c', 'd', 'e', 'g', 'h'])
    expect(q.counts.value).toEqual({ queued: 0, pending: 0, transferring: 0, paused: 0, success: 4, error: 0, aborted: 0 })
    expect(q.progress.value).toBe(100)
    q.clear()
    frame()
    expect(q.items.value).toEqual([])
    expect(q.counts.value).toEqual(recount(q))
    expect(q.progress.value).toBe(0)
  })

  // Regression: retry() of a cleared item uploaded it again out of sight (abortAll could not reach
  // it) and sent the counts negative (error: -1).
  it('regression: retry() of an item that clear() removed does nothing', () => {
    const { fake, q } = setup()
    const [a] = q.add('a')
    fake.last().fail()
    q.clear()
    a.retry()
    frame()
    expect(fake.requests).toHaveLength(1)
    expect(q.counts.value).toEqual(recount(q))
    expect(Object.values(q.counts.value).every((n) => n >= 0)).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------

describe('the `retry` option works through the queue', () => {
  it('retries a NetworkError after the delay, holding its slot; the item ends as a success', () => {
    const onRetry = vi.fn()
    const { fake, q } = setup({ concurrency: 1, retry: { limit: 2, delay: [100, 200] }, onRetry })
    const [a, b] = q.add(['a', 'b'])
    fake.last().fail('uploadFile:fail reset')
    expect(a.status.value).toBe('pending')
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, delay: 100 }))
    vi.advanceTimersByTime(99)
    expect(fake.requests).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent(fake)).toEqual(['a', 'a'])
    fake.last().fail()
    vi.advanceTimersByTime(200)
    expect(sent(fake)).toEqual(['a', 'a', 'a'])
    expect(b.status.value).toBe('queued')
    fake.last().succeed()
    expect(a.status.value).toBe('success')
    expect(a.error.value).toBeUndefined()
    expect(sent(fake)).toEqual(['a', 'a', 'a', 'b'])
  })

  it('a number is a retry count; when it runs out the item is an error', () => {
    const { fake, q } = setup({ retry: 1 })
    const [a] = q.add('a')
    fake.last().fail()
    vi.advanceTimersByTime(300) // the default first delay
    expect(fake.requests).toHaveLength(2)
    fake.last().fail('uploadFile:fail again')
    vi.advanceTimersByTime(10_000)
    expect(fake.requests).toHaveLength(2)
    expect(a.status.value).toBe('error')
    expect(a.error.value!.errMsg).toBe('uploadFile:fail again')
  })

  it('never retries an abort: neither of a running item nor during the wait before a retry', () => {
    const { fake, q } = setup({ concurrency: 1, retry: { limit: 5, delay: [50] } })
    const [a, b] = q.add(['a', 'b'])
    a.abort()
    expect(a.status.value).toBe('aborted')
    vi.advanceTimersByTime(1000)
    expect(sent(fake)).toEqual(['a', 'b'])
    fake.last().fail() // b waits 50 ms for its retry
    b.abort()
    vi.advanceTimersByTime(1000)
    expect(sent(fake)).toEqual(['a', 'b'])
    expect(b.status.value).toBe('aborted')
    expect(b.error.value).toBeInstanceOf(AbortError)
  })

  it('abortAll() during a retry wait sends nothing more', () => {
    const { fake, q } = setup({ retry: { limit: 3, delay: [50] } })
    q.add(['a', 'b', 'c', 'd'])
    fake.requests.forEach((r) => r.fail())
    q.abortAll()
    vi.advanceTimersByTime(1000)
    expect(fake.requests).toHaveLength(3)
    frame()
    expect(q.counts.value.aborted).toBe(4)
  })
})

// ---------------------------------------------------------------------------------------------

describe('a runtime that throws synchronously', () => {
  const throwing = () =>
    createUploader({
      platform: 'mp-weixin',
      uni: {
        uploadFile() {
          throw new Error('not supported')
        },
        downloadFile() {},
      },
    })

  it('every item fails with a NetworkError and the queue moves on', () => {
    const q = createUploadQueue({ url: URL_UP, concurrency: 2 }, throwing())
    const items = q.add(['a', 'b', 'c'])
    expect(items.map((i) => i.status.value)).toEqual(['error', 'error', 'error'])
    expect(items[2].error.value).toBeInstanceOf(NetworkError)
    expect(items[2].error.value!.errMsg).toBe('uploadFile:fail not supported')
    frame()
    expect(q.counts.value.error).toBe(3)
  })

  it('an item aborted while its upload() is still on the stack (onRetry after a sync throw) is aborted, not left running', () => {
    vi.useFakeTimers()
    let q!: UploadQueue
    // Called synchronously inside upload(), before the queue has the item's task.
    const onRetry = vi.fn(() => q.items.value[0].abort())
    q = createUploadQueue({ url: URL_UP, retry: { limit: 3, delay: [10] }, onRetry }, throwing())
    const [item] = q.add('a')
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(item.status.value).toBe('aborted')
    expect(item.error.value).toBeInstanceOf(AbortError)
    vi.advanceTimersByTime(1000)
    // No retry ran after the abort: the item stays aborted and the runtime was not called again.
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(item.status.value).toBe('aborted')
    frame()
    expect(q.counts.value).toMatchObject({ aborted: 1, pending: 0, transferring: 0 })
  })

  // Regression: fail → finished() → pump() → start() → fail → … recursed once per item; about 560
  // items overflowed the stack (RangeError out of add(), the rest stuck 'queued'). 3,000 items are
  // well past that and keep the test quick (each failure builds two Errors).
  it('regression: thousands of items on such a runtime do not overflow the stack', { timeout: 30_000 }, () => {
    const q = createUploadQueue({ url: URL_UP, concurrency: 1, timeout: 0 }, throwing())
    expect(() => q.add(Array.from({ length: 3000 }, (_, i) => 'f' + i))).not.toThrow()
    frame()
    expect(q.counts.value.error).toBe(3000)
  })
})

// ---------------------------------------------------------------------------------------------

describe('10,000 items: work linear in their number, batched updates', () => {
  const N = 10_000
  const slow = { timeout: 30_000 }
  const names = Array.from({ length: N }, (_, i) => 'f' + i)

  it('items triggers once per add() call, not once per item', slow, () => {
    const { q } = setup()
    const seen = triggers(q.items)
    q.add(names)
    expect(seen.count).toBe(1)
    q.add('x')
    q.add(['y', 'z'])
    expect(seen.count).toBe(3)
    expect(q.items.value).toHaveLength(N + 3)
  })

  it('adding 10,000 items requests one animation frame and starts only `concurrency` uploads', slow, () => {
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame')
    const { fake, q } = setup()
    q.pause()
    q.add(names)
    q.resume()
    expect(raf).toHaveBeenCalledTimes(1)
    expect(fake.requests).toHaveLength(3)
    frame()
    expect(q.counts.value.queued).toBe(N - 3)
  })

  // A generous timeout: this counts work, it does not time it (10,000 uploads through the fake
  // runtime take a few seconds on a loaded machine).
  it('runs exactly 10,000 runtime calls, in order, never more than `concurrency` in flight, with one state write per frame', { timeout: 30_000 }, () => {
    const { fake, q } = setup({ concurrency: 3, timeout: 0 })
    const itemsSeen = triggers(q.items)
    const countsSeen = triggers(q.counts)
    const progressSeen = triggers(q.progress)
    const items = q.add(names)
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let settled = 0
    let maxInFlight = 0
    let wrongInFlight = 0
    while (settled < fake.requests.length) {
      maxInFlight = Math.max(maxInFlight, fake.requests.length - settled)
      const r = fake.requests[settled]
      const total = 1 + Math.floor(random() * 5_000_000)
      r.progress({ totalBytesSent: Math.floor(total / 3), totalBytesExpectedToSend: total })
      r.progress({ totalBytesSent: Math.floor((total * 2) / 3), totalBytesExpectedToSend: total })
      r.succeed()
      settled++
      if (fake.requests.length - settled != Math.min(3, N - settled)) wrongInFlight++
    }
    expect(wrongInFlight).toBe(0)
    expect(fake.requests).toHaveLength(N)
    expect(maxInFlight).toBe(3)
    expect(fake.requests.every((r, i) => r.options.filePath == names[i])).toBe(true)
    // Everything above ran in one frame: no state was written per item.
    expect(countsSeen.count).toBe(0)
    expect(progressSeen.count).toBe(0)
    expect(items[N - 1].progress.value).toBe(0)
    frame()
    expect(countsSeen.count).toBe(1)
    expect(progressSeen.count).toBe(1)
    expect(itemsSeen.count).toBe(1)
    expect(q.counts.value.success).toBe(N)
    expect(q.progress.value).toBe(100) // the byte sums do not drift
    expect(items[N - 1].progress.value).toBe(100)
    expect(vi.getTimerCount()).toBe(0)
    expect(fake.activeListeners()).toBe(0)
  })

  it('abortAll() on 10,000 items calls the runtime for no queued one; clear() triggers items once', slow, () => {
    const { fake, q } = setup()
    q.add(names)
    q.abortAll()
    expect(fake.requests).toHaveLength(3)
    const seen = triggers(q.items)
    q.clear()
    expect(seen.count).toBe(1)
    frame()
    expect(q.items.value).toHaveLength(0)
    expect(q.counts.value).toEqual(recount(q))
  })
})

// ---------------------------------------------------------------------------------------------

describe('nothing is left behind once everything settled', () => {
  it.each(['mp-weixin', 'web', 'app'] as FakePlatform[])('%s: no runtime listeners, no timers', (platform) => {
    const { fake, q } = setup({ concurrency: 2, retry: { limit: 1, delay: [10] } }, platform)
    const items = q.add(['a', 'b', 'c', 'd', 'e'])
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    fake.requests[0].progress({ progress: 50 })
    fake.requests[0].succeed()
    fake.requests[1].fail() // retried after 10 ms
    items[2].abort()
    items[4].abort()
    vi.advanceTimersByTime(10)
    fake.pending().forEach((r) => r.fail())
    vi.advanceTimersByTime(10)
    fake.pending().forEach((r) => r.succeed())
    frame()
    expect(items.map((i) => i.status.value)).toEqual(['success', 'error', 'aborted', 'success', 'aborted'])
    expect(fake.pending()).toHaveLength(0)
    expect(fake.activeListeners()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------

describe('createUploadQueue(options?, uploader?)', () => {
  it("uses its instance's config: baseURI, header, timeout", () => {
    const { fake, q } = setup({ url: '/files', timeout: 500 }, 'mp-weixin', { baseURI: 'https://cdn.test/v1', header: { 'X-Key': 'k' } })
    const [a] = q.add('a')
    expect(fake.last().url).toBe('https://cdn.test/v1/files')
    expect(fake.last().options.header).toMatchObject({ 'X-Key': 'k' })
    vi.advanceTimersByTime(500)
    expect(a.error.value).toBeInstanceOf(TimeoutError)
  })

  it('two instances make independent queues', () => {
    const one = setup({ concurrency: 1 })
    const two = setup({ concurrency: 1 })
    one.q.add(['a', 'b'])
    two.q.add('c')
    expect(sent(one.fake)).toEqual(['a'])
    expect(sent(two.fake)).toEqual(['c'])
    one.q.pause()
    expect(two.q.isPaused.value).toBe(false)
  })

  it('the default instance calls the global `uni`', () => {
    const fake = createFakeUni({ platform: 'mp-alipay' })
    const restore = installFakeUni(fake)
    try {
      const q = createUploadQueue({ url: URL_UP, fileType: 'image' })
      const [item] = q.add('/tmp/a.png')
      expect(fake.requests).toHaveLength(1)
      fake.last().succeed({ statusCode: '201' })
      expect(item.result.value!.statusCode).toBe(201)
    } finally {
      restore()
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('array-likes and abortAll', () => {
  it('add() takes an array-like such as a FileList: one item per file, not one broken item', () => {
    const { fake, q } = setup({}, 'web')
    const a = new File(['aa'], 'a.txt')
    const b = new File(['bbb'], 'b.txt')
    const fileList = { 0: a, 1: b, length: 2, item: (i: number) => [a, b][i] }
    const items = q.add(fileList as unknown as ArrayLike<File>)
    expect(items.map((item) => item.source)).toEqual([a, b])
    expect(fake.requests.map((r) => r.options.file)).toEqual([a, b])
  })

  it('a single Blob is one item (a Blob has no length to mistake for a list)', () => {
    const { q } = setup({}, 'web')
    const blob = new Blob(['x'])
    expect(q.add(blob).map((item) => item.source)).toEqual([blob])
  })

  it('abortAll() writes counts at once and leaves no frame or timer due', () => {
    const { fake, q } = setup({ concurrency: 1 })
    q.add(['a', 'b', 'c'])
    frame()
    q.abortAll()
    expect(q.counts.value.aborted).toBe(3)
    expect(q.counts.value.queued).toBe(0)
    expect(fake.requests).toHaveLength(1)
    vi.advanceTimersByTime(0) // the fake runtime reports the abort on a 0 ms timer of its own
    expect(vi.getTimerCount()).toBe(0)
  })
})

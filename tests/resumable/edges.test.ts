import { afterEach, describe, expect, it, vi } from 'vitest'
import { HTTPError, NetworkError, TimeoutError, TransferError } from '../../src/index'
import { RECORDS_KEY } from '../../src/resumable/records'
import { outcome, tus } from './setup'

const stored = (fake: { storage: Map<string, unknown> }) => Object.values((fake.storage.get(RECORDS_KEY) || {}) as Record<string, any>)

afterEach(() => {
  vi.useRealTimers()
})

describe('retry', () => {
  it('a network failure at a PATCH: onRetry (attempt 1), then HEAD, then the rest', async () => {
    const { start, server, data } = tus()
    server.fail(undefined, undefined, 'network')
    const onRetry = vi.fn()
    await start({ onRetry })
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'HEAD', 'POST(PATCH)', 'POST(PATCH)'])
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(onRetry.mock.calls[0][0]).toMatchObject({ attempt: 1, delay: 0 })
    expect(onRetry.mock.calls[0][0].error).toBeInstanceOf(NetworkError)
    expect(onRetry.mock.calls[0][0].error.errMsg).toBe('uploadResumable:fail connection reset')
    expect(server.stored(1)).toEqual(data)
  })

  it('the attempt counter resets when the offset moves forward', async () => {
    const { start, server, data } = tus()
    // limit 1: two failures in a row would fail the call, but progress comes between them.
    server.fail(undefined, 'network', undefined, undefined, 'network', undefined, undefined)
    const onRetry = vi.fn()
    await start({ retry: { limit: 1, delay: [0] }, onRetry })
    expect(onRetry.mock.calls.map((c) => c[0].attempt)).toEqual([1, 1])
    expect(server.stored(1)).toEqual(data)
  })

  it('retries used up: the last error (NetworkError); the record is kept for the next call', async () => {
    const { start, server, fake } = tus()
    server.fail(undefined, undefined, 'network', 'network', 'network')
    const { error } = await outcome(start({ retry: { limit: 2, delay: [0] } }))
    expect(error).toBeInstanceOf(NetworkError)
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'HEAD', 'HEAD'])
    expect(stored(fake)).toHaveLength(1)
    // The same file picked again resumes from the server's offset and sends only the rest.
    await start()
    expect(server.methods().slice(5)).toEqual(['HEAD', 'POST(PATCH)', 'POST(PATCH)'])
    expect(server.seen.slice(6).map((r) => r.size)).toEqual([400, 200])
    expect(stored(fake)).toHaveLength(0)
  })

  it('5xx and 423 are retried; a 5xx that used up the retries is an HTTPError with its status', async () => {
    const { start, server } = tus()
    server.fail(undefined, { status: 500 }, { status: 423 })
    await start()
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'HEAD', 'HEAD', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
    const second = tus()
    second.server.fail({ status: 503 }, { status: 503 })
    const { error } = await outcome(second.start({ retry: 1 }))
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.statusCode).toBe(503)
    expect(error.errMsg).toBe('uploadResumable:fail status 503')
  })

  it('other 4xx are not retried: HTTPError', async () => {
    const { start, server } = tus()
    server.fail(undefined, { status: 400 })
    const onRetry = vi.fn()
    const { error } = await outcome(start({ onRetry }))
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.statusCode).toBe(400)
    expect(onRetry).not.toHaveBeenCalled()
  })

  it('retry 0 or false: none', async () => {
    for (const retry of [0, false] as const) {
      const { start, server } = tus()
      server.fail('network')
      expect((await outcome(start({ retry }))).error).toBeInstanceOf(NetworkError)
      expect(server.seen).toHaveLength(1)
    }
  })

  it('on by default: 5 retries with waits of 0, 1, 3, 5 and 10 s; a number n keeps these delays', async () => {
    vi.useFakeTimers()
    const { start, server } = tus()
    server.fail('network', 'network', 'network', 'network', 'network', 'network')
    const delays: number[] = []
    const p = start({ retry: undefined, onRetry: ({ delay }: any) => delays.push(delay) })
    const result = outcome(p)
    await vi.advanceTimersByTimeAsync(20000)
    expect(delays).toEqual([0, 1000, 3000, 5000, 10000])
    expect((await result).error).toBeInstanceOf(NetworkError)
    expect(server.seen).toHaveLength(6)

    const second = tus()
    second.server.fail('network', 'network', 'network')
    const delays2: number[] = []
    const q = outcome(second.start({ retry: 2, onRetry: ({ delay }: any) => delays2.push(delay) }))
    await vi.advanceTimersByTimeAsync(5000)
    expect(delays2).toEqual([0, 1000])
    expect((await q).error).toBeInstanceOf(NetworkError)
  })

  it('retry.when and a function delay work as for upload; a throwing onRetry fails the call with it', async () => {
    const { start, server } = tus()
    server.fail({ status: 400 })
    const when = vi.fn(() => true)
    const delay = vi.fn(() => 0)
    await start({ retry: { limit: 1, when, delay } })
    expect(when).toHaveBeenCalled()
    expect(delay).toHaveBeenCalledWith(1, expect.any(HTTPError))
    const second = tus()
    second.server.fail('network')
    const { error } = await outcome(
      second.start({
        onRetry: () => {
          throw new Error('boom')
        },
      }),
    )
    expect(error).toBeInstanceOf(TransferError)
    expect(error.errMsg).toBe('uploadResumable:fail boom')
  })

  it('a request that does not answer in time: TimeoutError, retried', async () => {
    vi.useFakeTimers()
    const { start, server, fake } = tus()
    server.fail(undefined, 'hang')
    const onRetry = vi.fn()
    const p = start({ timeout: 5000, onRetry })
    await vi.advanceTimersByTimeAsync(6000)
    await p
    expect(onRetry.mock.calls[0][0].error).toBeInstanceOf(TimeoutError)
    expect(onRetry.mock.calls[0][0].error.errMsg).toBe('uploadResumable:fail timeout')
    expect(fake.requests[0].timeout).toBe(5000)
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'HEAD', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
  })
})

describe('409, a gone upload, answers that are not tus', () => {
  it('409: HEAD and go on from the server offset, no onRetry', async () => {
    const { start, server, data } = tus()
    server.fail(undefined, undefined, { status: 409 })
    const onRetry = vi.fn()
    await start({ onRetry, retry: 0 })
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'HEAD', 'POST(PATCH)', 'POST(PATCH)'])
    expect(onRetry).not.toHaveBeenCalled()
    expect(server.stored(1)).toEqual(data)
  })

  it('five 409s in a row without the offset moving: HTTPError 409', async () => {
    const { start, server } = tus()
    const c = { status: 409 }
    server.fail(undefined, c, undefined, c, undefined, c, undefined, c, undefined, c)
    const { error } = await outcome(start())
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.statusCode).toBe(409)
    expect(server.seen).toHaveLength(10)
  })

  for (const status of [404, 410, 403]) {
    it(`${status} at HEAD: forget the record and create a new upload, once`, async () => {
      const { start, server, fake, data } = tus()
      server.fail(undefined, undefined, 'network')
      await outcome(start({ retry: 0 }))
      server.fail({ status })
      await start()
      expect(server.methods().slice(3)).toEqual(['HEAD', 'POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
      expect(server.stored(2)).toEqual(data)
      expect(stored(fake)).toHaveLength(0)
    })
  }

  it('gone at a PATCH: a new upload; gone a second time: HTTPError', async () => {
    const { start, server, data } = tus()
    server.fail(undefined, { status: 410 })
    await start()
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
    expect(server.stored(2)).toEqual(data)
    const second = tus()
    second.server.fail(undefined, { status: 404 }, undefined, { status: 404 })
    const { error } = await outcome(second.start())
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.statusCode).toBe(404)
  })

  it('a HEAD whose Upload-Length is not the file size: a new upload', async () => {
    const { start, server } = tus()
    server.fail(undefined, undefined, 'network')
    await outcome(start({ retry: 0 }))
    server.fail({ status: 200, headers: { 'Upload-Offset': '0', 'Upload-Length': '5' } })
    await start()
    expect(server.methods().slice(3, 5)).toEqual(['HEAD', 'POST'])
    const second = tus()
    const mismatch = { status: 200, headers: { 'Upload-Offset': '0', 'Upload-Length': '5' } }
    second.server.fail(undefined, 'network', mismatch, undefined, 'network', mismatch)
    const { error } = await outcome(second.start())
    expect(error.errMsg).toMatch(/not a tus 1.0 answer: Upload-Length 5/)
  })

  it('a HEAD that finds the upload complete succeeds with its status', async () => {
    const { start, server } = tus()
    server.fail(undefined, undefined, undefined, 'network')
    await outcome(start({ retry: 0 }))
    server.uploads.get('1')!.offset = 1000
    const result = await start()
    expect(result.statusCode).toBe(200)
    expect(server.methods().at(-1)).toBe('HEAD')
  })

  const notTus: [string, any, RegExp][] = [
    ['201 without Location', { status: 201 }, /201 without Location/],
    ['204 without Upload-Offset', [undefined, { status: 204 }], /Upload-Offset missing/],
    ['an offset above the size', [undefined, { status: 204, headers: { 'Upload-Offset': '5000' } }], /Upload-Offset 5000/],
    ['an offset that did not move', [undefined, { status: 204, headers: { 'Upload-Offset': '0' } }], /Upload-Offset 0 after a chunk sent at 0/],
    ['a HEAD without a valid Upload-Offset', [undefined, 'network', { status: 200, headers: { 'Upload-Offset': 'x' } }], /Upload-Offset x/],
  ]
  for (const [name, faults, message] of notTus) {
    it(`${name}: TransferError "not a tus 1.0 answer", not retried`, async () => {
      const { start, server } = tus()
      server.fail(...(Array.isArray(faults) ? faults : [faults]))
      const onRetry = vi.fn()
      const { error } = await outcome(start({ onRetry }))
      expect(error.constructor).toBe(TransferError)
      expect(error.errMsg).toMatch(/^uploadResumable:fail not a tus 1.0 answer/)
      expect(error.errMsg).toMatch(message)
      expect(onRetry.mock.calls.length).toBeLessThanOrEqual(1)
    })
  }

  it('a server that ignores the override and creates: TransferError naming X-HTTP-Method-Override, once, no loop', async () => {
    const { start, server } = tus({ server: { honourOverride: false } })
    server.fail(undefined, { status: 201, headers: { Location: '/files/9' } })
    const onRetry = vi.fn()
    const { error } = await outcome(start({ onRetry }))
    expect(error.constructor).toBe(TransferError)
    expect(error.errMsg).toMatch(/X-HTTP-Method-Override/)
    expect(server.seen).toHaveLength(2)
    expect(onRetry).not.toHaveBeenCalled()
  })

  it('a server that ignores the override and wants Upload-Length (@tus/server 2.x): HTTPError 400 asking about it', async () => {
    const { start, server } = tus({ server: { honourOverride: false } })
    const { error } = await outcome(start())
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.statusCode).toBe(400)
    expect(error.errMsg).toMatch(/^uploadResumable:fail status 400 \(PATCH went as POST with X-HTTP-Method-Override: does the server honour it\?\)$/)
    expect(server.seen).toHaveLength(2)
  })
})

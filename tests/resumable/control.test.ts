import { afterEach, describe, expect, it, vi } from 'vitest'
import { AbortError, TransferError } from '../../src/index'
import { MAX_RECORDS, RECORDS_KEY } from '../../src/resumable/records'
import { hangAt, outcome, tus } from './setup'

const stored = (fake: { storage: Map<string, unknown> }) => Object.values((fake.storage.get(RECORDS_KEY) || {}) as Record<string, any>)
const tick = () => new Promise((r) => setTimeout(r, 5))

afterEach(() => {
  vi.useRealTimers()
})

describe('pause and resume', () => {
  it('pause ends the request in flight; resume sends HEAD at once, then goes on', async () => {
    const { up: p, server, data, xhr } = await hangAt(tus({ platform: 'web' }), 3)
    p.pause()
    expect(xhr!.made[2].aborted).toBe(true)
    await tick()
    expect(server.seen).toHaveLength(3)
    p.resume()
    await p
    expect(server.methods()).toEqual(['POST', 'PATCH', 'PATCH', 'HEAD', 'PATCH', 'PATCH'])
    expect(server.stored(1)).toEqual(data)
  })

  it('pause before the creation holds everything until resume; resume without a pause, or twice, does nothing', async () => {
    const { start, server } = tus()
    const p = start()
    p.resume()
    p.pause()
    p.pause()
    await tick()
    expect(server.seen).toEqual([])
    p.resume()
    p.resume()
    await p
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
  })

  it('pause during the creation ends it; resume creates again', async () => {
    const { start, server } = tus()
    server.fail('hang')
    const p = start()
    await vi.waitFor(() => expect(server.seen).toHaveLength(1))
    p.pause()
    p.resume()
    await p
    expect(server.methods()).toEqual(['POST', 'POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
  })

  it('a retry wait that pause interrupted is dropped, not owed; no timer runs while paused', async () => {
    vi.useFakeTimers()
    const { start, server } = tus()
    server.fail(undefined, 'network')
    const p = start({ retry: { limit: 5, delay: [60000] } })
    await vi.advanceTimersByTimeAsync(10)
    expect(server.seen).toHaveLength(2)
    p.pause()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(120000)
    expect(server.seen).toHaveLength(2)
    p.resume()
    await vi.advanceTimersByTimeAsync(10)
    await p
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'HEAD', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
  })

  it('pause while an async header function runs: nothing is sent until resume', async () => {
    const { start, server } = tus()
    let release!: () => void
    const header = vi.fn(() => new Promise<Record<string, string>>((r) => (release = () => r({ a: '1' }))))
    const p = start({ header })
    await vi.waitFor(() => expect(header).toHaveBeenCalled())
    p.pause()
    release()
    await tick()
    expect(server.seen).toEqual([])
    header.mockImplementation(async () => ({ a: '2' }))
    p.resume()
    await p
    expect(server.seen[0].headers.a).toBe('2')
  })

  it('pause in onRetry: the wait does not start', async () => {
    const { start, server } = tus()
    server.fail(undefined, 'network')
    let task: any
    const p = (task = start({ onRetry: () => task.pause(), retry: { limit: 1, delay: [0] } }))
    await vi.waitFor(() => expect(server.seen).toHaveLength(2))
    await tick()
    expect(server.seen).toHaveLength(2)
    p.resume()
    await p
  })
})

describe('abort', () => {
  it('AbortError at once; the server upload and the record are kept', async () => {
    const { up: p, server, fake, xhr } = await hangAt(tus({ platform: 'web' }), 3)
    p.abort()
    const { error } = await outcome(p)
    expect(error).toBeInstanceOf(AbortError)
    expect(error.errMsg).toBe('uploadResumable:fail abort')
    expect(xhr!.made[2].aborted).toBe(true)
    expect(server.uploads.size).toBe(1)
    expect(stored(fake)).toHaveLength(1)
    p.abort()
    p.pause()
    p.resume()
  })

  it('abort while paused or waiting to retry: AbortError, never retried', async () => {
    const { start, server } = tus()
    const p = start()
    p.pause()
    p.abort()
    expect((await outcome(p)).error).toBeInstanceOf(AbortError)
    const second = tus()
    second.server.fail('network')
    const q = second.start({ retry: { limit: 5, delay: [60000] } })
    await vi.waitFor(() => expect(second.server.seen).toHaveLength(1))
    await tick()
    q.abort()
    expect((await outcome(q)).error).toBeInstanceOf(AbortError)
    await tick()
    expect(second.server.seen).toHaveLength(1)
    expect(server.seen).toEqual([])
  })

  it('abort({ terminate: true }): DELETE on the server and forget the record', async () => {
    const { up: p, server, fake } = await hangAt(tus(), 3)
    p.abort({ terminate: true })
    expect((await outcome(p)).error).toBeInstanceOf(AbortError)
    await vi.waitFor(() => expect(server.methods().at(-1)).toBe('DELETE'))
    expect(server.seen.at(-1)!.headers['Tus-Resumable']).toBe('1.0.0')
    expect(server.uploads.size).toBe(0)
    expect(stored(fake)).toHaveLength(0)
  })

  it('terminate while the creation is in flight: settles at once; the Location that arrives is deleted', async () => {
    const { start, server, fake } = tus()
    server.fail('slow')
    const p = start()
    await vi.waitFor(() => expect(server.seen).toHaveLength(1), { interval: 1 })
    p.abort({ terminate: true })
    expect((await outcome(p)).error).toBeInstanceOf(AbortError)
    await vi.waitFor(() => expect(server.methods()).toEqual(['POST', 'DELETE']))
    expect(server.seen[1].url).toBe('https://tus.test/files/1')
    expect(server.uploads.size).toBe(0)
    expect(stored(fake)).toHaveLength(0)
  })

  it('terminate while a creation that fails is in flight: nothing to delete', async () => {
    const { start, server } = tus()
    server.fail({ status: 500 })
    const p = start({ retry: 0 })
    p.abort({ terminate: true })
    await outcome(p)
    await tick()
    expect(server.methods().filter((m) => m == 'DELETE')).toEqual([])
  })

  it('a DELETE that fails changes nothing', async () => {
    const { start, server, fake } = tus()
    server.fail(undefined, 'hang', 'network')
    const p = start()
    await vi.waitFor(() => expect(server.seen).toHaveLength(2))
    p.abort({ terminate: true })
    expect((await outcome(p)).error).toBeInstanceOf(AbortError)
    await vi.waitFor(() => expect(server.seen).toHaveLength(3))
    expect(stored(fake)).toHaveLength(0)
  })

  it('terminate before the file is known deletes nothing', async () => {
    const { start, server } = tus()
    const p = start()
    p.abort({ terminate: true })
    expect((await outcome(p)).error).toBeInstanceOf(AbortError)
    await tick()
    expect(server.seen).toEqual([])
  })
})

describe('headers, hooks, progress', () => {
  it('headers: config, then the call, then the protocol; Referer dropped; Tus-Resumable on every request', async () => {
    const { start, server } = tus({ config: { header: { 'X-App': '1', 'X-Token': 'old' } } })
    await start({ header: { 'x-token': 'new', Referer: 'x', 'Tus-Resumable': '0.2', opt: undefined } })
    for (const r of server.seen) {
      expect(r.headers).toMatchObject({ 'X-App': '1', 'x-token': 'new', 'Tus-Resumable': '1.0.0' })
      expect(Object.keys(r.headers).map((k) => k.toLowerCase())).not.toContain('referer')
      expect(Object.keys(r.headers)).not.toContain('X-Token')
    }
    expect(server.seen[1].headers['Content-Type']).toBe('application/offset+octet-stream')
  })

  it('a header function (sync or async) is called before every request', async () => {
    const { start, server } = tus()
    let n = 0
    await start({ header: () => ({ Authorization: 'Bearer ' + ++n }) })
    expect(server.seen.map((r) => r.headers.Authorization)).toEqual(['Bearer 1', 'Bearer 2', 'Bearer 3', 'Bearer 4'])
    const second = tus()
    await second.start({ header: async () => ({ a: 'b' }) })
    expect(second.server.seen.every((r) => r.headers.a == 'b')).toBe(true)
    const third = tus()
    const { error } = await outcome(
      third.start({
        header: () => {
          throw new Error('no token')
        },
      }),
    )
    expect(error.errMsg).toBe('uploadResumable:fail no token')
    expect(third.server.seen).toEqual([])
  })

  it('beforeTransfer runs once, before the fingerprint and the first request; afterTransfer once, an AbortError included', async () => {
    const order: string[] = []
    const after = vi.fn()
    const { start, server } = tus({
      config: {
        hooks: {
          beforeTransfer: [(o: any) => (order.push('before'), { ...o, header: { t: 'hook' } })],
          afterTransfer: [after],
        },
      },
    })
    await start({ fingerprint: () => (order.push('fingerprint'), 'fp') })
    expect(order).toEqual(['before', 'fingerprint'])
    expect(server.seen.every((r) => r.headers.t == 'hook')).toBe(true)
    expect(after).toHaveBeenCalledTimes(1)
    expect(after.mock.calls[0][0].errMsg).toBe('uploadResumable:ok')
    server.fail(undefined, 'hang')
    const p = start()
    await vi.waitFor(() => expect(server.seen).toHaveLength(6))
    p.abort()
    await outcome(p)
    expect(after).toHaveBeenCalledTimes(2)
    expect(after.mock.calls[1][0]).toBeInstanceOf(AbortError)
  })

  it('a beforeTransfer hook that throws fails the call; abort during the hooks ends it', async () => {
    const { start, server } = tus({ config: { hooks: { beforeTransfer: [() => Promise.reject(new Error('nope'))] } } })
    expect((await outcome(start())).error.errMsg).toBe('uploadResumable:fail nope')
    const second = tus({ config: { hooks: { beforeTransfer: [() => new Promise((r) => setTimeout(r, 5))] } } })
    const p = second.start()
    p.abort()
    expect((await outcome(p)).error).toBeInstanceOf(AbortError)
    await tick()
    expect(second.server.seen).toEqual([])
    expect(server.seen).toEqual([])
  })

  it('progress: an event at every confirmed chunk and at the offset found on resume; never backwards; 100 only when confirmed', async () => {
    const { start, server } = tus({ platform: 'web' })
    // Reset after 300 of the second chunk: the server keeps 300, the page had seen 400 + 200 (then 400).
    server.fail(undefined, undefined, { reset: 300 })
    const events: any[] = []
    const p = start()
    p.onProgressUpdate((e: any) => events.push(e))
    await p
    const sent = events.map((e) => e.totalBytesSent)
    for (let i = 1; i < events.length; i++) {
      expect(events[i].progress).toBeGreaterThanOrEqual(events[i - 1].progress)
      expect(sent[i]).toBeGreaterThanOrEqual(sent[i - 1])
    }
    expect(events.filter((e) => e.progress == 100)).toHaveLength(1)
    expect(events.at(-1).progress).toBe(100)
    expect(events.slice(0, -1).every((e) => e.progress < 100)).toBe(true)
    expect(server.methods()).toEqual(['POST', 'PATCH', 'PATCH', 'HEAD', 'PATCH'])
    expect(server.seen[4].headers['Upload-Offset']).toBe('700')
    // The figure held at 600 (400 + half the lost chunk) until the offset passed it again.
    expect(sent).toContain(600)
    expect(sent.filter((n) => n < 600 && sent.indexOf(n) > sent.indexOf(600))).toEqual([])

    const mp = tus()
    mp.server.fail(undefined, undefined, 'network')
    await outcome(mp.start({ retry: 0 }))
    const resumed: number[] = []
    const q = mp.start()
    q.onProgressUpdate((e: any) => resumed.push(e.totalBytesSent))
    q.offProgressUpdate(() => {})
    await q
    expect(resumed).toEqual([400, 800, 1000, 1000])
  })

  it('offProgressUpdate removes a listener, or all; a listener that throws is logged and the call goes on', async () => {
    const { start } = tus()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const a = vi.fn()
    const b = vi.fn()
    const p = start()
    p.onProgressUpdate(a)
    p.onProgressUpdate(b)
    p.onProgressUpdate(() => {
      throw new Error('listener')
    })
    p.offProgressUpdate(a)
    await p
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalled()
    expect(error).toHaveBeenCalled()
    const q = start()
    q.onProgressUpdate(a)
    q.offProgressUpdate()
    await q
    expect(a).not.toHaveBeenCalled()
  })
})

describe('internal onConfirm (for the composable)', () => {
  it('is told of every confirmed offset with the upload URL, the one found on resume included', async () => {
    const { resumableUpload } = await import('../../src/resumable/upload')
    const { up, server, start } = tus()
    server.fail(undefined, undefined, 'network')
    await outcome(start({ retry: 0 }))
    const seen: [number, string][] = []
    await resumableUpload(up.config, { endpoint: 'https://tus.test/files/', filePath: '/tmp/a.mp4', chunkSize: 400 }, undefined, (offset, url) => seen.push([offset, url]))
    const url = 'https://tus.test/files/1'
    expect(seen).toEqual([
      [400, url],
      [800, url],
      [1000, url],
    ])
  })
})

describe('storage', () => {
  it('a record per fingerprint and endpoint: { uploadUrl, endpoint, size, createdAt, expiresAt }; removed on success', async () => {
    const { start, server, fake } = tus({ server: { expiresIn: 3600000 } })
    server.fail(undefined, undefined, 'network')
    await outcome(start({ retry: 0 }))
    const [record] = stored(fake)
    expect(record).toEqual({ uploadUrl: 'https://tus.test/files/1', endpoint: 'https://tus.test/files/', size: 1000, createdAt: expect.any(Number), expiresAt: expect.any(Number) })
    expect(record.expiresAt).toBeGreaterThan(Date.now())
    // Another endpoint: its own record, not this one.
    server.fail(undefined, 'network')
    await outcome(start({ retry: 0, endpoint: 'https://tus.test/files/?b' }))
    expect(stored(fake)).toHaveLength(2)
    await start()
    expect(stored(fake)).toHaveLength(1)
  })

  it('an expired record is not used, and is removed', async () => {
    const { start, server, fake } = tus({ server: { expiresIn: -1000 } })
    server.fail(undefined, 'network')
    await outcome(start({ retry: 0 }))
    // Stored expired: pruned at once.
    expect(stored(fake)).toHaveLength(0)
    const records = { k: { uploadUrl: 'https://tus.test/files/1', endpoint: 'https://tus.test/files/', size: 1000, createdAt: 1, expiresAt: Date.now() - 1 } }
    fake.storage.set(RECORDS_KEY, records)
    await start({ fingerprint: () => 'k'.slice(0, 0) + 'fp' })
    expect(server.methods()[2]).toBe('POST')
  })

  it('resume: false does not look; a record whose size differs is not used', async () => {
    const { start, server } = tus()
    server.fail(undefined, 'network')
    await outcome(start({ retry: 0, fingerprint: () => 'fp' }))
    await start({ resume: false, fingerprint: () => 'fp' })
    expect(server.methods()[2]).toBe('POST')
    const other = tus({ uni: { files: { '/tmp/a.mp4': new Uint8Array(10) } } })
    other.fake.storage.set(RECORDS_KEY, { 'fp https://tus.test/files/': { uploadUrl: 'https://tus.test/files/1', endpoint: 'https://tus.test/files/', size: 1000, createdAt: 1 } })
    await other.start({ fingerprint: () => 'fp' })
    expect(other.server.methods()[0]).toBe('POST')
  })

  it('at most 50 records: the oldest pruned when one is written', async () => {
    const { start, server, fake } = tus()
    const old: Record<string, any> = {}
    for (let i = 0; i < MAX_RECORDS; i++) old['f' + i + ' e'] = { uploadUrl: 'u' + i, endpoint: 'e', size: 1, createdAt: 1000 + i }
    fake.storage.set(RECORDS_KEY, old)
    server.fail(undefined, 'network')
    await outcome(start({ retry: 0 }))
    const keys = Object.keys(fake.storage.get(RECORDS_KEY) as object)
    expect(keys).toHaveLength(MAX_RECORDS)
    expect(keys).not.toContain('f0 e')
    expect(keys).toContain('f1 e')
  })

  it('a setStorageSync that throws (quota) is ignored: the upload goes on, not resumable', async () => {
    const { start, server, data, fake } = tus({ uni: { storageFull: true } })
    await start()
    expect(server.stored(1)).toEqual(data)
    expect(fake.storage.size).toBe(0)
  })

  it('the default fingerprint on mini-programs: the same content at another path resumes', async () => {
    const { start, server, fake, data } = tus()
    fake.files['/tmp/other.mp4'] = data
    server.fail(undefined, undefined, 'network')
    await outcome(start({ retry: 0 }))
    await start({ filePath: '/tmp/other.mp4' })
    expect(server.methods().slice(3)).toEqual(['HEAD', 'POST(PATCH)', 'POST(PATCH)'])
  })

  it('a fingerprint function gets { file, filePath, name, size } and may return a Promise; a non-string fails', async () => {
    const { start } = tus()
    const fingerprint = vi.fn(async () => 'x')
    await start({ fingerprint })
    expect(fingerprint).toHaveBeenCalledWith({ file: undefined, filePath: '/tmp/a.mp4', name: 'a.mp4', size: 1000 })
    const { error } = await outcome(start({ fingerprint: () => 5 as any }))
    expect(error).toBeInstanceOf(TransferError)
    expect(error.errMsg).toBe('uploadResumable:fail fingerprint must return a string')
  })
})

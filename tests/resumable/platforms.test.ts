import { describe, expect, it, vi } from 'vitest'
import { base64Utf8 } from '../../src/resumable/metadata'
import { bytes } from '../helpers/fake-tus'
import { PATH, tus } from './setup'

describe('web: the page XMLHttpRequest, Blob slices, progress within a chunk', () => {
  it('creates, then PATCHes Blob slices with the real method, and the server has the file', async () => {
    const { start, server, data, xhr } = tus({ platform: 'web' })
    const events: any[] = []
    const p = start()
    p.onProgressUpdate((e: any) => events.push(e))
    await p
    expect(server.methods()).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH'])
    expect(server.stored(1)).toEqual(data)
    const bodies = xhr!.made.map((x) => x.body)
    expect(bodies[0]).toBeNull()
    for (const body of bodies.slice(1)) expect(body).toBeInstanceOf(Blob)
    expect(server.seen.map((r) => r.headers['Upload-Offset'])).toEqual([undefined, '0', '400', '800'])
    // Within a chunk: half of the first chunk (200 of 1000) before the server confirmed it.
    expect(events.map((e) => e.progress)).toContain(20)
    expect(events.at(-1)).toEqual({ progress: 100, totalBytesSent: 1000, totalBytesExpectedToSend: 1000, totalBytesWritten: 1000, totalBytesExpectedToWrite: 1000 })
  })

  it('default metadata: the File name and type; given metadata merged over it; an empty value as the key alone', async () => {
    const { start, server } = tus({ platform: 'web' })
    await start({ metadata: { filetype: 'x/y', note: 'é,ü', empty: '' } })
    expect(server.seen[0].headers['Upload-Metadata']).toBe(`filename ${base64Utf8('a.mp4')},filetype ${base64Utf8('x/y')},note ${base64Utf8('é,ü')},empty`)
    expect(server.seen[0].headers['Upload-Length']).toBe('1000')
  })

  it('a blob: filePath is read into a Blob first', async () => {
    const { start, server, data } = tus({ platform: 'web' })
    const fetch = vi.fn(async () => ({ blob: async () => new Blob([data]) }))
    vi.stubGlobal('fetch', fetch)
    try {
      await start({ file: undefined, filePath: 'blob:http://localhost/x' })
    } finally {
      vi.unstubAllGlobals()
    }
    expect(fetch).toHaveBeenCalledWith('blob:http://localhost/x')
    expect(server.stored(1)).toEqual(data)
    expect(server.seen[0].headers['Upload-Metadata']).toBeUndefined()
  })

  it('a relative endpoint and a relative Location are resolved', async () => {
    const { start, server } = tus({ platform: 'web', config: { baseURI: 'https://tus.test/api/' } })
    await start({ endpoint: '/files/' })
    expect(server.seen.map((r) => r.url)).toEqual(['https://tus.test/api/files/', 'https://tus.test/api/files/1', 'https://tus.test/api/files/1', 'https://tus.test/api/files/1'])
  })

  it('an absolute Location is used as it is', async () => {
    const { start, server } = tus({ server: { absoluteLocation: true } })
    expect((await start({ endpoint: 'https://other.test/files/' })).uploadUrl).toBe('https://tus.test/files/1')
    expect(server.seen[1].url).toBe('https://tus.test/files/1')
  })
})

describe('mini-programs and App: uni.request, POST + X-HTTP-Method-Override where the platform lacks the method', () => {
  it('mp-weixin: PATCH as POST with the override, an ArrayBuffer of one chunk, read by position and length', async () => {
    const { start, server, data, fake } = tus()
    await start()
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
    expect(server.stored(1)).toEqual(data)
    const patches = fake.requests.slice(1)
    for (const r of patches) expect(r.data).toBeInstanceOf(ArrayBuffer)
    // At most one chunk in memory: every read is one chunk (the fingerprint reads 64 KiB ends only).
    expect(fake.reads.slice(1)).toEqual([
      { filePath: PATH, position: 0, length: 400 },
      { filePath: PATH, position: 400, length: 400 },
      { filePath: PATH, position: 800, length: 200 },
    ])
    expect(server.seen[0].headers['Upload-Metadata']).toBe('filename ' + base64Utf8('a.mp4'))
  })

  it('App: HEAD and PATCH overridden, DELETE native; slices read through plus.io', async () => {
    const { start, server, data, plus, fake } = tus({ platform: 'app' })
    const first = start({ retry: 0 })
    server.fail(undefined, undefined, 'network')
    await expect(first).rejects.toThrow()
    const second = start()
    await second
    // The second call resumes: HEAD finds 400 bytes, then only the rest is sent.
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(HEAD)', 'POST(PATCH)', 'POST(PATCH)'])
    expect(server.seen.slice(4).map((r) => r.size)).toEqual([400, 200])
    expect(server.stored(1)).toEqual(data)
    expect(plus!.slices.every((s) => s.end - s.start <= 400 || s.start == 0)).toBe(true)
    server.fail(undefined, 'hang')
    const third = start()
    await vi.waitFor(() => expect(server.seen.length).toBe(8))
    third.abort({ terminate: true })
    await expect(third).rejects.toThrow()
    await vi.waitFor(() => expect(server.methods().at(-1)).toBe('DELETE'))
    expect(fake.requests.at(-1).method).toBe('DELETE')
  })

  it('mp-toutiao: HEAD and DELETE overridden too', async () => {
    const { start, server } = tus({ platform: 'mp-toutiao' })
    server.fail(undefined, 'network', undefined, 'hang')
    const p = start()
    await vi.waitFor(() => expect(server.methods()).toContain('POST(HEAD)'))
    await vi.waitFor(() => expect(server.seen.length).toBe(4))
    p.abort({ terminate: true })
    await expect(p).rejects.toThrow('uploadResumable:fail abort')
    await vi.waitFor(() => expect(server.methods()).toContain('POST(DELETE)'))
  })

  it('a plain path with no file:// is resolved by plus.io as a file URL; a missing file fails the call', async () => {
    const { start } = tus({ platform: 'app' })
    const { TransferError } = await import('../../src/index')
    const error = await start({ filePath: '/nope' }).catch((e: any) => e)
    expect(error).toBeInstanceOf(TransferError)
    expect(error.errMsg).toMatch(/^uploadResumable:fail /)
  })

  it('a mini-program file that cannot be read fails the call', async () => {
    const { start } = tus()
    const error = await start({ filePath: '/nope' }).catch((e: any) => e)
    expect(error.errMsg).toBe('uploadResumable:fail getFileInfo:fail no such file')
  })

  it('an empty file is done at creation: no PATCH, progress 100', async () => {
    const { start, server, fake } = tus({ uni: { files: { [PATH]: bytes(0) } } })
    const events: number[] = []
    const p = start()
    p.onProgressUpdate((e: any) => events.push(e.progress))
    const result = await p
    expect(server.methods()).toEqual(['POST'])
    expect(server.seen[0].headers['Upload-Length']).toBe('0')
    expect(result.statusCode).toBe(201)
    expect(events.at(-1)).toBe(100)
    expect(fake.storage.size).toBe(0)
  })
})

/**
 * Uploads (src/core/upload.ts): rule 5 (files) on every platform, the upload side of rule 3
 * (Content-Type), the field name default, and the `parse` extension option.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AbortError, HTTPError, NetworkError, ParseError, TimeoutError } from '../../src/errors'
import { upload } from '../../src/core/upload'
import { MINI_PROGRAMS, NATIVE_FILES, PLATFORMS, VIAS, microtasks, outcome, recorder, setup, track } from '../helpers/harness'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const URL_ = 'https://api.test/up'
const lastOf = <T>(list: T[]): T => list[list.length - 1]!
const THREE = [{ uri: '/1.png' }, { name: 'second', uri: '/2.png' }, { name: 'third', uri: '/3.png' }]

describe('upload(config, options)', () => {
  it('is the engine with the upload spec: usable with a bare config object', async () => {
    const { fake } = setup('mp-weixin')
    const promise = upload({ uni: fake.uni }, { url: URL_, filePath: '/a' })
    fake.last().succeed({ data: 'ok' })
    expect((await promise).data).toBe('ok')
    expect(fake.last().api).toBe('uploadFile')
  })
})

describe.each(PLATFORMS)('%s: a single file', (platform) => {
  describe.each(VIAS)('via %s', (via) => {
    it('filePath and name go to the runtime; name defaults to "file"; formData and fileType are passed on', async () => {
      const { fake, up } = setup(platform, {}, via)
      const formData = { user: '7', n: 1 }
      up.upload({ url: URL_, filePath: '/a.png', formData, fileType: 'video', success() {} })
      expect(fake.last().options).toMatchObject({ url: URL_, filePath: '/a.png', name: 'file', formData: { user: '7', n: 1 }, fileType: 'video' })
      up.upload({ url: URL_, filePath: '/a.png', name: 'avatar', success() {} })
      expect(fake.last().options.name).toBe('avatar')
    })

    it('the result has no `results` (only files sent one by one have it)', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.upload({ url: URL_, filePath: '/a.png' })
      fake.last().succeed({ data: 'x' })
      const result = await promise
      expect(result).not.toHaveProperty('results')
      expect(result.data).toBe('x')
    })

    it('the library callbacks and options of its own never reach the runtime', () => {
      const { fake, up } = setup(platform, {}, via)
      up.upload({ url: 'up', domain: 'https://api.test', filePath: '/a', timeout: 5, validateStatus: () => true, retry: 1, onRetry() {}, parse: 'text', success() {} } as any)
      const sent = fake.last().options
      for (const key of ['domain', 'validateStatus', 'retry', 'onRetry', 'parse']) expect(sent).not.toHaveProperty(key)
      expect(sent.timeout).toBe(5)
    })
  })
})

describe.each(NATIVE_FILES)('%s: files[] natively, in one request (rule 5)', (platform) => {
  describe.each(VIAS)('via %s', (via) => {
    it('one request with every item, names defaulting to "file"; top-level filePath and name are ignored', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.upload({ url: URL_, filePath: '/ignored', name: 'ignored', files: THREE, formData: { a: '1' } })
      expect(fake.requests).toHaveLength(1)
      const sent = fake.last().options
      expect(sent.files).toEqual([
        { name: 'file', uri: '/1.png' },
        { name: 'second', uri: '/2.png' },
        { name: 'third', uri: '/3.png' },
      ])
      expect(sent).not.toHaveProperty('filePath')
      expect(sent).not.toHaveProperty('name')
      expect(sent.formData).toEqual({ a: '1' })
      fake.last().succeed({ data: 'all three' })
      const result = await promise
      expect(result.data).toBe('all three')
      expect(result).not.toHaveProperty('results')
    })

    it('the caller items are not modified', () => {
      const { up } = setup(platform, {}, via)
      const files = [Object.freeze({ uri: '/1' })]
      expect(() => up.upload({ url: URL_, files, success() {} })).not.toThrow()
      expect(files[0]).toEqual({ uri: '/1' })
    })
  })
})

describe.each(MINI_PROGRAMS)('%s: files[] one request per file, in order (rule 5)', (platform) => {
  describe.each(VIAS)('via %s', (via) => {
    it('sends the next file only after the previous one succeeded, each with its filePath, name, header and formData', async () => {
      const { fake, up } = setup(platform, { header: { 'X-App': '1' } }, via)
      const promise = up.upload({ url: URL_, files: THREE, formData: { k: 'v' }, header: { 'Content-Type': 'x' } })
      for (let i = 0; i < 3; i++) {
        expect(fake.requests).toHaveLength(i + 1)
        await microtasks()
        expect(fake.requests).toHaveLength(i + 1) // not before this one succeeded
        fake.last().succeed({ data: `r${i}` })
      }
      const result = await promise
      expect(fake.requests.map((r) => [r.options.filePath, r.options.name])).toEqual([
        ['/1.png', 'file'],
        ['/2.png', 'second'],
        ['/3.png', 'third'],
      ])
      for (const request of fake.requests) {
        expect(request.options).not.toHaveProperty('files')
        expect(request.options.formData).toEqual({ k: 'v' })
        expect(request.options.header).toEqual({ 'X-App': '1' })
        expect(request.url).toBe(URL_)
      }
      expect(result.data).toBe('r2') // the response to the last file
      expect(result.results!.map((r) => r.data)).toEqual(['r0', 'r1', 'r2'])
      expect(result.results!.every((r) => r.statusCode === 200)).toBe(true)
    })

    it('if one file fails the rest are not sent; the call fails with that error', async () => {
      const { fake, up } = setup(platform, {}, via)
      const rec = recorder()
      up.upload({ url: URL_, files: THREE, ...rec.callbacks })
      fake.last().succeed()
      fake.last().fail('reset')
      await vi.runAllTimersAsync()
      expect(fake.requests).toHaveLength(2)
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(NetworkError)
    })

    it('validateStatus failing on one file stops the rest with HTTPError', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.upload({ url: URL_, files: THREE, validateStatus: (c) => c < 400 })
      fake.last().succeed()
      fake.last().succeed({ statusCode: 413, data: 'too big' })
      const { error } = await outcome(promise)
      expect(error).toBeInstanceOf(HTTPError)
      expect(error.statusCode).toBe(413)
      expect(error.data).toBe('too big')
      expect(fake.requests).toHaveLength(2)
    })

    it('abort() between files ends the call and sends nothing more', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.upload({ url: URL_, files: THREE })
      fake.last().succeed()
      promise.abort()
      expect((await outcome(promise)).error).toBeInstanceOf(AbortError)
      await vi.runAllTimersAsync()
      expect(fake.requests).toHaveLength(2)
      expect(fake.requests[1]!.aborted).toBe(true)
      expect(fake.activeListeners()).toBe(0)
    })

    it('abort() from validateStatus on one file ends the call and sends nothing more', async () => {
      const { fake, up } = setup(platform, {}, via)
      let promise: any
      promise = up.upload({ url: URL_, files: THREE, validateStatus: () => (promise.abort(), true) })
      fake.last().succeed()
      expect((await outcome(promise)).error).toBeInstanceOf(AbortError)
      await vi.runAllTimersAsync()
      expect(fake.requests).toHaveLength(1)
      expect(fake.activeListeners()).toBe(0)
    })

    it('a file that times out stops the rest with TimeoutError', async () => {
      const { fake, up } = setup(platform, { timeout: 100 }, via)
      const state = track(up.upload({ url: URL_, files: THREE }))
      fake.last().succeed()
      await vi.advanceTimersByTimeAsync(100)
      expect(state.error).toBeInstanceOf(TimeoutError)
      await vi.runAllTimersAsync()
      expect(fake.requests).toHaveLength(2)
    })

    it('one file in files[] is still sent one by one and has `results`', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.upload({ url: URL_, files: [{ uri: '/only' }] })
      fake.last().succeed({ data: 'one' })
      const result = await promise
      expect(result.results).toHaveLength(1)
      expect(result.results![0]!.data).toBe('one')
    })
  })
})

describe('progress over files sent one by one (rule 5)', () => {
  const upTo = (platform: (typeof MINI_PROGRAMS)[number], files = THREE) => {
    const { fake, up } = setup(platform)
    const events: any[] = []
    const promise = up.upload({ url: URL_, files })
    promise.onProgressUpdate((e) => events.push(e))
    return { fake, promise, events }
  }

  it.each(MINI_PROGRAMS)('%s: bytes sent ÷ bytes expected, a file without a total weighing the average known size; 100 only after the last success', async (platform) => {
    const { fake, promise, events } = upTo(platform)
    fake.last().progress({ totalBytesSent: 50, totalBytesExpectedToSend: 100, totalBytesWritten: 50, totalBytesExpectedToWrite: 100 })
    // known [100]; the other two weigh 100 each: 50 / 300
    expect(lastOf(events)).toEqual({ progress: 16, totalBytesSent: 50, totalBytesExpectedToSend: 100, totalBytesWritten: 50, totalBytesExpectedToWrite: 100 })
    fake.last().succeed()
    fake.last().progress({ totalBytesSent: 100, totalBytesExpectedToSend: 300, totalBytesWritten: 100, totalBytesExpectedToWrite: 300 })
    // known [100, 300], average 200 for the third: (100 + 100) / 600
    expect(lastOf(events)).toEqual({ progress: 33, totalBytesSent: 200, totalBytesExpectedToSend: 400, totalBytesWritten: 200, totalBytesExpectedToWrite: 400 })
    fake.last().succeed()
    fake.last().progressRaw({ progress: 50, totalBytesSent: NaN, totalBytesExpectedToSend: 0 })
    // the third never reports a total: (100 + 300 + 200 × 0.5) / 600; bytes count known totals only
    expect(lastOf(events)).toEqual({ progress: 83, totalBytesSent: 400, totalBytesExpectedToSend: 400, totalBytesWritten: 400, totalBytesExpectedToWrite: 400 })
    fake.last().progressRaw({ progress: 100 })
    expect(lastOf(events).progress).toBe(99) // not 100 before the last file succeeded
    fake.last().succeed()
    await promise
    expect(events.map((e) => e.progress)).toEqual([16, 33, 83, 99, 100])
    expect(events.filter((e) => e.progress == 100)).toHaveLength(1)
  })

  it('while no file has a total, each weighs 1/n', async () => {
    const { fake, promise, events } = upTo('mp-weixin', [{ uri: '/1' }, { uri: '/2' }, { uri: '/3' }, { uri: '/4' }])
    fake.last().progressRaw({ progress: 50 })
    expect(lastOf(events)).toMatchObject({ progress: 12, totalBytesSent: 0, totalBytesExpectedToSend: 0 })
    fake.last().succeed()
    fake.last().progressRaw({ progress: 100 })
    expect(lastOf(events).progress).toBe(50)
    fake.last().succeed()
    fake.last().succeed()
    fake.last().succeed()
    await promise
    expect(events.map((e) => e.progress)).toEqual([12, 50, 100])
  })

  it('a later file reporting a big total never makes progress go down', async () => {
    const { fake, promise, events } = upTo('mp-weixin')
    fake.last().progress({ totalBytesSent: 100, totalBytesExpectedToSend: 100 })
    fake.last().succeed()
    fake.last().progress({ totalBytesSent: 0, totalBytesExpectedToSend: 100000 })
    fake.last().progress({ totalBytesSent: 50000, totalBytesExpectedToSend: 100000 })
    fake.last().succeed()
    fake.last().succeed()
    await promise
    const values = events.map((e) => e.progress)
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(values[0]).toBe(33)
    expect(lastOf(values)).toBe(100)
  })

  it('mp-alipay: the runtime uses the download names for upload progress; the events carry both', async () => {
    const { fake, events } = upTo('mp-alipay', [{ uri: '/1' }])
    fake.last().progress({ totalBytesWritten: 30, totalBytesExpectedToWrite: 120 })
    expect(events).toEqual([{ progress: 25, totalBytesSent: 30, totalBytesExpectedToSend: 120, totalBytesWritten: 30, totalBytesExpectedToWrite: 120 }])
  })

  it('a failure gives no final 100', async () => {
    const { fake, promise, events } = upTo('mp-baidu')
    fake.last().progress({ totalBytesSent: 50, totalBytesExpectedToSend: 100 })
    fake.last().succeed()
    fake.last().fail('x')
    await outcome(promise)
    expect(events.map((e) => e.progress)).toEqual([16])
  })
})

describe('Content-Type on upload (rule 3)', () => {
  it.each(PLATFORMS)('%s: removed from every request of a files[] upload', (platform) => {
    const { fake, up } = setup(platform, { header: { 'content-type': 'application/json' } })
    up.upload({ url: URL_, files: THREE, header: { 'Content-Type': 'multipart/form-data; boundary=x' }, success() {} })
    expect(fake.last().options.header).toEqual({})
  })
})

describe('parse (extension option)', () => {
  it.each(PLATFORMS)("%s: parse 'json' turns the response text into data", async (platform) => {
    const { fake, up } = setup(platform)
    const promise = up.upload<{ id: number }>({ url: URL_, filePath: '/a', parse: 'json' })
    fake.last().succeed({ data: '{"id":7}' })
    expect((await promise).data).toEqual({ id: 7 })
  })

  it.each(PLATFORMS)('%s: text that is not JSON fails with ParseError, keeping the raw text in data', async (platform) => {
    const { fake, up } = setup(platform)
    const rec = recorder()
    up.upload({ url: URL_, filePath: '/a', parse: 'json', ...rec.callbacks })
    fake.last().succeed({ data: '<html>502</html>', statusCode: 200 })
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(ParseError)
    expect(error.errMsg).toMatch(/^uploadFile:fail parse \S/)
    expect(error.data).toBe('<html>502</html>')
    expect(error.statusCode).toBe(200)
    expect(error.cause).toMatchObject({ data: '<html>502</html>', statusCode: 200 })
  })

  it('a parse function gets the text and its return is data; its throw is a ParseError', async () => {
    const { fake, up } = setup('web')
    const parse = vi.fn((text: string) => text.split(','))
    const promise = up.upload({ url: URL_, filePath: '/a', parse })
    fake.last().succeed({ data: 'a,b' })
    expect((await promise).data).toEqual(['a', 'b'])
    expect(parse).toHaveBeenCalledWith('a,b')
    const failing = up.upload({
      url: URL_,
      filePath: '/a',
      parse: () => {
        throw new Error('bad csv')
      },
    })
    fake.last().succeed({ data: 'x' })
    const { error } = await outcome(failing)
    expect(error).toBeInstanceOf(ParseError)
    expect(error.errMsg).toBe('uploadFile:fail parse bad csv')
    expect(error.data).toBe('x')
  })

  it("parse 'text' (and no parse) leaves the text as it is", async () => {
    const { fake, up } = setup('mp-weixin')
    const a = up.upload({ url: URL_, filePath: '/a', parse: 'text' })
    fake.last().succeed({ data: '{"id":7}' })
    const b = up.upload({ url: URL_, filePath: '/a' })
    fake.last().succeed({ data: '{"id":8}' })
    expect([(await a).data, (await b).data]).toEqual(['{"id":7}', '{"id":8}'])
  })

  it("parse 'json' leaves data that is not a string as it is", async () => {
    const { fake, up } = setup('mp-weixin')
    const promise = up.upload({ url: URL_, filePath: '/a', parse: 'json' })
    fake.last().succeedRaw({ statusCode: 200, data: { already: 'parsed' } })
    expect((await promise).data).toEqual({ already: 'parsed' })
  })

  it('every file sent one by one is parsed, and a bad one stops the rest', async () => {
    const { fake, up } = setup('mp-weixin')
    const promise = up.upload({ url: URL_, files: THREE, parse: 'json' })
    fake.last().succeed({ data: '{"n":1}' })
    fake.last().succeed({ data: '{"n":2}' })
    fake.last().succeed({ data: '{"n":3}' })
    const result = await promise
    expect(result.data).toEqual({ n: 3 })
    expect(result.results!.map((r: any) => r.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    const bad = up.upload({ url: URL_, files: THREE, parse: 'json' })
    fake.last().succeed({ data: 'oops' })
    expect((await outcome(bad)).error).toBeInstanceOf(ParseError)
    expect(fake.requests).toHaveLength(4)
  })
})

describe('H5 File/Blob input', () => {
  it('web: a `file` that is not a Blob fails through fail/complete (it does not throw out of upload())', async () => {
    const { fake, up } = setup('web')
    const rec = recorder()
    expect(() => up.upload({ url: URL_, file: { name: 'not a blob' } as any, ...rec.callbacks })).not.toThrow()
    await microtasks()
    expect(rec.names()).toEqual(['fail', 'complete'])
    expect(rec.fail.mock.calls[0]![0].errMsg).toMatch(/file/)
    expect(fake.requests).toHaveLength(0)
  })

  it('web: the same holds for a file a beforeTransfer hook puts in (its options are checked again)', async () => {
    const { fake, up } = setup('web', { hooks: { beforeTransfer: [(o: any) => ({ ...o, filePath: undefined, file: { not: 'a blob' } })] } })
    const unhandled: unknown[] = []
    const onRejection = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      const state = track(up.upload({ url: URL_, filePath: '/a' }))
      await microtasks()
      expect(state.error!.errMsg).toMatch(/file/)
      expect(fake.requests).toHaveLength(0)
    } finally {
      process.off('unhandledRejection', onRejection)
    }
    expect(unhandled).toEqual([])
  })
})

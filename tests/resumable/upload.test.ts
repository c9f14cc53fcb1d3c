import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { OptionError } from '../../src/index'
import { ENDPOINT, outcome, PATH, tus } from './setup'

describe('uploadResumable: the contract of upload', () => {
  it('without callbacks: a Promise carrying abort, pause, resume and the progress methods; the result from the last response', async () => {
    const { start, server, data } = tus()
    const p = start()
    for (const m of ['abort', 'pause', 'resume', 'onProgressUpdate', 'offProgressUpdate']) expect(typeof p[m]).toBe('function')
    const result = await p
    expect(result).toEqual({ uploadUrl: ENDPOINT + '1', statusCode: 204, header: expect.objectContaining({ 'upload-offset': '1000' }), errMsg: 'uploadResumable:ok' })
    expect(server.stored(1)).toEqual(data)
  })

  it('with callbacks: returns the task, calls success then complete, once each', async () => {
    const { start } = tus()
    const calls: string[] = []
    let done!: () => void
    const finished = new Promise<void>((r) => (done = r))
    const task = start({ success: () => calls.push('success'), fail: () => calls.push('fail'), complete: () => (calls.push('complete'), done()) })
    expect(task).not.toBeInstanceOf(Promise)
    await finished
    task.abort()
    await new Promise((r) => setTimeout(r, 10))
    expect(calls).toEqual(['success', 'complete'])
  })

  it('a failure through fail and complete, never a rejected promise', async () => {
    const { start } = tus()
    const fail = vi.fn()
    const complete = vi.fn()
    const task = start({ endpoint: '', fail, complete })
    await vi.waitFor(() => expect(complete).toHaveBeenCalled())
    expect(fail.mock.calls[0][0]).toBeInstanceOf(OptionError)
    expect(task.then).toBeUndefined()
  })

  it('uses the default instance (and its config) without an uploader', async () => {
    const { fake, server } = tus()
    const { default: uploader, uploadResumable } = await import('../../src/index')
    const saved = { ...uploader.config }
    Object.assign(uploader.config, { uni: fake.uni, baseURI: 'https://tus.test/' })
    try {
      await uploadResumable({ endpoint: 'files/', filePath: PATH })
    } finally {
      for (const k of Object.keys(uploader.config)) delete (uploader.config as any)[k]
      Object.assign(uploader.config, saved)
    }
    expect(server.seen[0].url).toBe(ENDPOINT)
  })
})

describe('bad input: OptionError naming the option, nothing sent', () => {
  const cases: [string, Record<string, any>, RegExp, string?][] = [
    ['no endpoint', { endpoint: undefined }, /endpoint is required/],
    ['an empty endpoint', { endpoint: '' }, /endpoint is required/],
    ['an endpoint that is not a string', { endpoint: 5 }, /endpoint must be a string/],
    ['no source (mini-program)', { filePath: undefined }, /filePath is required/],
    ['a filePath that is not a string', { filePath: 5 }, /filePath must be a string/],
    ['chunkSize 0', { chunkSize: 0 }, /chunkSize must be a positive integer/],
    ['chunkSize 1.5', { chunkSize: 1.5 }, /chunkSize must be a positive integer/],
    ['chunkSize a string', { chunkSize: '400' }, /chunkSize must be a positive integer/],
    ['chunkSize negative', { chunkSize: -1 }, /chunkSize must be a positive integer/],
    ['metadata not an object', { metadata: 'x' }, /metadata must be an object/],
    ['a metadata value not a string', { metadata: { n: 5 } }, /metadata "n" must be a string/],
    ['a metadata key with a space', { metadata: { 'a b': 'x' } }, /metadata key "a b"/],
    ['a metadata key with a comma', { metadata: { 'a,b': 'x' } }, /metadata key "a,b"/],
    ['fingerprint not a function', { fingerprint: 'x' }, /fingerprint must be a function/],
    ['a timeout that is not a number', { timeout: '5' }, /timeout must be a finite number/],
    ['a header value with CR/LF', { header: { a: 'x\r\ny' } }, /header "a" must be a string without CR or LF/],
    ['a header that is not an object', { header: 5 }, /header must be an object/],
    ['a domain that is not absolute', { domain: 'tus.test' }, /domain must be an http\(s\):\/\/ URL/],
    ['options not an object', null as any, /options must be an object/],
  ]
  for (const [name, options, message] of cases) {
    it(name, async () => {
      const { start, server } = tus()
      const { uploadResumable } = await import('../../src/index')
      const run = options === null ? uploadResumable(null as any) : start(options)
      const { error } = await outcome(run)
      expect(error).toBeInstanceOf(OptionError)
      expect(error.errMsg).toMatch(/^uploadResumable:fail /)
      expect(error.errMsg).toMatch(message)
      expect(server.seen).toEqual([])
    })
  }

  it('no source on web', async () => {
    const { start, server } = tus({ platform: 'web' })
    const { error } = await outcome(start({ file: undefined }))
    expect(error.errMsg).toBe('uploadResumable:fail file or filePath is required')
    expect((await outcome(start({ file: 'x' as any }))).error.errMsg).toMatch(/file must be a File or Blob/)
    expect((await outcome(start({ file: undefined, filePath: 5 as any }))).error.errMsg).toMatch(/filePath must be a string/)
    expect(server.seen).toEqual([])
  })

  for (const [platform, name] of [
    ['mp-alipay', 'Alipay'],
    ['mp-baidu', 'Baidu'],
    ['mp-kuaishou', 'mp-kuaishou'],
  ]) {
    it(`${platform}: an OptionError naming the platform`, async () => {
      const { start, server } = tus({ platform })
      const { error } = await outcome(start())
      expect(error).toBeInstanceOf(OptionError)
      expect(error.errMsg).toContain(name)
      expect(error.errMsg).toContain(platform)
      expect(server.seen).toEqual([])
    })
  }

  it('WeChat below base library 2.10.0: an OptionError naming WeChat and the version', async () => {
    const { start, server, fake } = tus({ uni: { sdkVersion: '2.9.4' } })
    const { error } = await outcome(start())
    expect(error).toBeInstanceOf(OptionError)
    expect(error.errMsg).toMatch(/WeChat base library 2\.10\.0.*2\.9\.4/)
    expect(server.seen).toEqual([])
    expect(fake.reads).toEqual([])
    expect((await outcome(tus({ uni: { sdkVersion: '2.10.0' } }).start())).value).toBeDefined()
  })

  it('a header function whose result is bad: OptionError, that request not sent', async () => {
    const { start, server } = tus()
    const { error } = await outcome(start({ header: () => ({ a: 'x\ny' }) }))
    expect(error).toBeInstanceOf(OptionError)
    expect(error.errMsg).toMatch(/header "a"/)
    expect(server.seen).toEqual([])
  })

  it('a config header or baseURI that is bad fails too', async () => {
    const { start, server } = tus({ config: { baseURI: 'nope' } })
    expect((await outcome(start())).error.errMsg).toMatch(/baseURI must be/)
    expect(server.seen).toEqual([])
  })

  it('a beforeTransfer hook that breaks the options is caught after it', async () => {
    const { start, server } = tus({ config: { hooks: { beforeTransfer: [(o: any) => ({ ...o, chunkSize: 0 })] } } })
    expect((await outcome(start())).error).toBeInstanceOf(OptionError)
    expect(server.seen).toEqual([])
  })
})

describe('types', () => {
  it('with a callback uploadResumable returns the task type, without one the promise type', async () => {
    const { uploadResumable } = await import('../../src/index')
    type Task = import('../../src/index').ResumableTask
    type Promised = import('../../src/index').ResumablePromise
    const { up } = tus()
    const task = uploadResumable({ endpoint: 'https://tus.test/files/', filePath: '/tmp/a.mp4', uploader: up, complete: () => {} })
    expectTypeOf(task).toEqualTypeOf<Task>()
    const promised = uploadResumable({ endpoint: 'https://tus.test/files/', filePath: '/tmp/a.mp4', uploader: up })
    expectTypeOf(promised).toEqualTypeOf<Promised>()
    expectTypeOf(promised.abort).parameters.toEqualTypeOf<[{ terminate?: boolean }?]>()
    await promised
  })
})

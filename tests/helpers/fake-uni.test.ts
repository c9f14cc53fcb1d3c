/**
 * Proves that the fake uni runtime behaves as /work/shared/RUNTIME.md says each platform does.
 * Grouped by the RUNTIME.md fact being modelled.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeUni, installFakeUni, type FakePlatform, type FakeApi } from './fake-uni'

const ALL: FakePlatform[] = ['web', 'app', 'mp-weixin', 'mp-alipay', 'mp-baidu']
const MP: FakePlatform[] = ['mp-weixin', 'mp-alipay', 'mp-baidu']
const APIS: FakeApi[] = ['uploadFile', 'downloadFile']

/** Options every platform accepts without a parameter error. */
const okOptions = (extra: Record<string, unknown> = {}): Record<string, any> => ({ url: 'https://x.test/up', filePath: '/tmp/a.png', name: 'file', ...extra })

/** Lets promise callbacks and 0 ms timers run (real timers). */
const flush = () => new Promise((r) => setTimeout(r, 0))

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('promisify rule', () => {
  it.each(APIS)('%s with a callback returns the task synchronously', (api) => {
    const fake = createFakeUni()
    const task = fake.uni[api](okOptions({ success: () => {} }))
    expect(task).toBe(fake.last().task)
    for (const m of ['abort', 'onProgressUpdate', 'offProgressUpdate', 'onHeadersReceived', 'offHeadersReceived']) {
      expect(typeof task[m]).toBe('function')
    }
    expect(task).not.toBeInstanceOf(Promise)
  })

  it.each(['success', 'fail', 'complete'])('any one callback (%s) selects callback mode', (cb) => {
    const fake = createFakeUni()
    const ret = fake.uni.uploadFile(okOptions({ [cb]: () => {} }))
    expect(ret).toBe(fake.last().task)
  })

  it.each(APIS)('%s without callbacks returns a Promise resolving res; the task is only in requests', async (api) => {
    const fake = createFakeUni()
    const ret = fake.uni[api](okOptions())
    expect(ret).toBeInstanceOf(Promise)
    expect(fake.requests).toHaveLength(1)
    expect(ret).not.toBe(fake.last().task)
    fake.last().succeed({ statusCode: 201 })
    const res = await ret
    expect(res).toBe(fake.last().result)
    expect(res.statusCode).toBe(201)
    expect(res.errMsg).toBe(`${api}:ok`)
  })

  it('the Promise rejects a plain { errMsg } object, not an Error', async () => {
    const fake = createFakeUni()
    const ret = fake.uni.uploadFile(okOptions())
    fake.last().fail('boom', { code: 7 })
    const err = await ret.then(() => 'resolved', (e: unknown) => e)
    expect(err).not.toBeInstanceOf(Error)
    expect(err).toEqual({ errMsg: 'uploadFile:fail boom', code: 7 })
  })

  it('a promise-mode call can be aborted through the recorded task and rejects { errMsg }', async () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const ret = fake.uni.uploadFile(okOptions())
    fake.last().task.abort()
    await expect(ret).rejects.toEqual({ errMsg: 'uploadFile:fail abort' })
  })

  it('the runtime gets a shallow copy of the caller options (callbacks included)', () => {
    const fake = createFakeUni()
    const success = () => {}
    const mine = okOptions({ success, header: { a: '1' } })
    fake.uni.uploadFile(mine)
    const seen = fake.last().options
    expect(seen).not.toBe(mine)
    expect(seen).toEqual(mine)
    expect(seen.header).toBe(mine.header)
    expect(seen.success).toBe(success)
  })

  it('promise mode hands the runtime success/fail functions of its own', () => {
    const fake = createFakeUni()
    void fake.uni.uploadFile(okOptions())
    expect(typeof fake.last().options.success).toBe('function')
    expect(typeof fake.last().options.fail).toBe('function')
  })

  it('no argument at all is a promise-mode call with no url', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const fake = createFakeUni({ platform: 'app' })
    const ret = fake.uni.downloadFile()
    expect(ret).toBeInstanceOf(Promise)
    expect(fake.last().url).toBe('./undefined')
    expect(warn).toHaveBeenCalled()
  })
})

describe('callbacks: asynchronous relative to the call, success/fail then complete, once', () => {
  it.each(ALL)('%s: nothing runs inside uploadFile; succeed() calls success then complete with the same res', (platform) => {
    const fake = createFakeUni({ platform })
    const calls: string[] = []
    const seen: unknown[] = []
    fake.uni.uploadFile(
      okOptions({
        success: (r: unknown) => (calls.push('success'), seen.push(r)),
        fail: () => calls.push('fail'),
        complete: (r: unknown) => (calls.push('complete'), seen.push(r)),
      }),
    )
    expect(calls).toEqual([])
    const req = fake.last()
    expect(req.settled).toBe(false)
    req.succeed()
    expect(calls).toEqual(['success', 'complete'])
    expect(seen[0]).toBe(seen[1])
    expect(req.settled).toBe(true)
    expect(req.outcome).toBe('success')
  })

  it.each(ALL)('%s: fail() calls fail then complete', (platform) => {
    const fake = createFakeUni({ platform })
    const calls: string[] = []
    fake.uni.downloadFile({
      url: 'https://x.test/f',
      success: () => calls.push('success'),
      fail: (r: any) => calls.push('fail:' + r.errMsg),
      complete: () => calls.push('complete'),
    })
    fake.last().fail()
    expect(calls).toEqual(['fail:downloadFile:fail', 'complete'])
    expect(fake.last().outcome).toBe('fail')
  })

  it.each(['parameter error (mp)', 'file error (web)', 'abort'])('runtime-decided failures (%s) are not delivered synchronously', async (which) => {
    const platform: FakePlatform = which.includes('mp') ? 'mp-weixin' : 'web'
    const fake = createFakeUni({ platform })
    const fail = vi.fn()
    const opts =
      which === 'abort' ? okOptions({ fail }) : { url: 'https://x.test', files: [{ uri: 'a' }], file: {}, fail }
    if (which.includes('web')) delete (opts as any).files
    const task = fake.uni.uploadFile(opts)
    if (which === 'abort') task.abort()
    expect(fail).not.toHaveBeenCalled()
    await flush()
    expect(fail).toHaveBeenCalledTimes(1)
  })

  it('succeed/fail twice, or after a runtime outcome is on its way, throws (a runtime settles once)', () => {
    const fake = createFakeUni()
    fake.uni.uploadFile(okOptions({ success: () => {} }))
    fake.last().succeed()
    expect(() => fake.last().succeed()).toThrow(/already settled/)
    expect(() => fake.last().fail()).toThrow(/already settled/)

    fake.uni.uploadFile(okOptions({ success: () => {} }))
    fake.last().task.abort()
    expect(fake.last().settled).toBe(false)
    expect(() => fake.last().succeed()).toThrow(/settling/)
  })

  it('an error thrown by a callback is logged, not thrown into the test (uni wraps callbacks)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const complete = vi.fn()
    const fake = createFakeUni()
    fake.uni.uploadFile(okOptions({ success: () => { throw new Error('lib bug') }, complete }))
    expect(() => fake.last().succeed()).not.toThrow()
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ message: 'lib bug' }))
    expect(complete).toHaveBeenCalledTimes(1)
  })

  it('fail(): default <api>:fail, bare reasons are prefixed, full errMsgs kept, extra merged', () => {
    const fake = createFakeUni()
    const results: any[] = []
    const start = () => fake.uni.uploadFile(okOptions({ fail: (r: unknown) => results.push(r) }))
    start(); fake.last().fail()
    start(); fake.last().fail('timeout')
    start(); fake.last().fail('uploadFile:fail file error')
    start(); fake.last().fail(undefined, { errno: 5, errMsg: 'ignored' })
    expect(results).toEqual([
      { errMsg: 'uploadFile:fail' },
      { errMsg: 'uploadFile:fail timeout' },
      { errMsg: 'uploadFile:fail file error' },
      { errno: 5, errMsg: 'uploadFile:fail' },
    ])
  })
})

describe('abort', () => {
  beforeEach(() => vi.useFakeTimers())

  it.each(MP.concat('web').flatMap((p) => APIS.map((a) => [p, a] as const)))(
    '%s %s: abort() fails with <api>:fail abort on a 0 ms timer',
    (platform, api) => {
      const fake = createFakeUni({ platform })
      const fail = vi.fn()
      const complete = vi.fn()
      const task = fake.uni[api](okOptions({ fail, complete }))
      task.abort()
      const req = fake.last()
      expect(req.aborted).toBe(true)
      expect(fail).not.toHaveBeenCalled()
      vi.advanceTimersByTime(0)
      expect(fail).toHaveBeenCalledWith({ errMsg: `${api}:fail abort` })
      expect(complete).toHaveBeenCalledTimes(1)
      expect(req.settled).toBe(true)
      expect(req.outcome).toBe('fail')
    },
  )

  it.each(APIS)('app %s: the abort failure says statusCode, not abort (RUNTIME.md: App)', (api) => {
    const fake = createFakeUni({ platform: 'app' })
    const fail = vi.fn()
    fake.uni[api](okOptions({ fail })).abort()
    vi.advanceTimersByTime(0)
    expect(fail).toHaveBeenCalledWith({ errMsg: `${api}:fail statusCode: 0` })
    expect(fail.mock.calls[0]?.[0].errMsg).not.toMatch(/abort|timeout/)
  })

  it('a second abort() does nothing more', () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const fail = vi.fn()
    const task = fake.uni.uploadFile(okOptions({ fail }))
    task.abort()
    task.abort()
    vi.runAllTimers()
    expect(fail).toHaveBeenCalledTimes(1)
  })

  it.each(['succeed', 'fail'] as const)('abort() after %s does nothing', (how) => {
    const fake = createFakeUni()
    const fail = vi.fn()
    const success = vi.fn()
    const task = fake.uni.uploadFile(okOptions({ fail, success }))
    fake.last()[how]()
    task.abort()
    vi.runAllTimers()
    expect(fail.mock.calls.length + success.mock.calls.length).toBe(1)
    expect(fake.last().aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('syncFailures.abort: fail runs inside abort() (what an H5 XHR really does)', () => {
    const fake = createFakeUni({ syncFailures: { abort: true } })
    const fail = vi.fn()
    const task = fake.uni.uploadFile(okOptions({ fail }))
    task.abort()
    expect(fail).toHaveBeenCalledWith({ errMsg: 'uploadFile:fail abort' })
  })
})

describe('timeout', () => {
  beforeEach(() => vi.useFakeTimers())

  it.each(APIS)('web %s honours options.timeout with <api>:fail timeout', (api) => {
    const fake = createFakeUni({ platform: 'web' })
    const fail = vi.fn()
    fake.uni[api](okOptions({ timeout: 1000, fail }))
    vi.advanceTimersByTime(999)
    expect(fail).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fail).toHaveBeenCalledWith({ errMsg: `${api}:fail timeout` })
    expect(fake.last().timedOut).toBe(true)
    expect(fake.last().aborted).toBe(false)
  })

  it('web: timeout 0 times out at once (a 0 ms timer)', () => {
    const fake = createFakeUni()
    const fail = vi.fn()
    fake.uni.uploadFile(okOptions({ timeout: 0, fail }))
    expect(fail).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(fail).toHaveBeenCalledWith({ errMsg: 'uploadFile:fail timeout' })
  })

  it.each([null, NaN, Infinity, -5, 2 ** 31, 3e9])('web: timeout %s is a browser setTimeout delay of 0', (t) => {
    const fake = createFakeUni()
    const fail = vi.fn()
    fake.uni.uploadFile(okOptions({ timeout: t, fail }))
    vi.advanceTimersByTime(0)
    expect(fail).toHaveBeenCalledWith({ errMsg: 'uploadFile:fail timeout' })
  })

  it('web: no timeout means 60000 ms', () => {
    const fake = createFakeUni()
    const fail = vi.fn()
    fake.uni.downloadFile({ url: 'https://x.test/f', fail })
    vi.advanceTimersByTime(59999)
    expect(fail).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fail).toHaveBeenCalledWith({ errMsg: 'downloadFile:fail timeout' })
  })

  it.each(['succeed', 'fail', 'abort'] as const)('web: the timer is cleared when the request ends by %s', (how) => {
    const fake = createFakeUni()
    const fail = vi.fn()
    const success = vi.fn()
    const task = fake.uni.uploadFile(okOptions({ timeout: 1000, fail, success }))
    expect(vi.getTimerCount()).toBe(1)
    if (how === 'abort') task.abort()
    else fake.last()[how]()
    vi.runAllTimers()
    expect(vi.getTimerCount()).toBe(0)
    expect(fail.mock.calls.length + success.mock.calls.length).toBe(1)
    expect(fake.last().timedOut).toBe(false)
  })

  it.each(['app', ...MP] as FakePlatform[])('%s ignores options.timeout (the library timer must do it)', (platform) => {
    const fake = createFakeUni({ platform })
    const fail = vi.fn()
    fake.uni.uploadFile(okOptions({ timeout: 10, fail }))
    fake.uni.downloadFile({ url: 'https://x.test/f', timeout: 0, fail })
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10 * 60 * 1000)
    expect(fail).not.toHaveBeenCalled()
    expect(fake.pending()).toHaveLength(2)
  })
})

describe('onHeadersReceived / offHeadersReceived', () => {
  it.each(APIS)('web %s: both throw "Method not implemented."', (api) => {
    const fake = createFakeUni({ platform: 'web' })
    const task = fake.uni[api](okOptions({ success: () => {} }))
    expect(() => task.onHeadersReceived(() => {})).toThrow(new Error('Method not implemented.'))
    expect(() => task.offHeadersReceived(() => {})).toThrow('Method not implemented.')
  })

  it('app upload: a no-op that never fires and holds no listener', () => {
    const fake = createFakeUni({ platform: 'app' })
    const task = fake.uni.uploadFile(okOptions({ success: () => {} }))
    const fn = vi.fn()
    expect(() => task.onHeadersReceived(fn)).not.toThrow()
    expect(fake.activeListeners()).toBe(0)
    fake.last().headers({ 'X-A': '1' })
    fake.last().succeed({ header: { 'X-A': '1' } })
    expect(fn).not.toHaveBeenCalled()
    expect(() => task.offHeadersReceived(fn)).not.toThrow()
  })

  it('app download: throws', () => {
    const fake = createFakeUni({ platform: 'app' })
    const task = fake.uni.downloadFile({ url: 'https://x.test/f', success: () => {} })
    expect(() => task.onHeadersReceived(() => {})).toThrow('Method not implemented.')
    expect(() => task.offHeadersReceived(() => {})).toThrow('Method not implemented.')
  })

  it.each(MP.flatMap((p) => APIS.map((a) => [p, a] as const)))('%s %s: listeners get { header }; off(fn) and off() work', (platform, api) => {
    const fake = createFakeUni({ platform })
    const task = fake.uni[api](okOptions({ success: () => {} }))
    const a = vi.fn()
    const b = vi.fn()
    task.onHeadersReceived(a)
    task.onHeadersReceived(b)
    expect(fake.activeListeners()).toBe(2)
    fake.last().headers({ 'Content-Type': 'text/plain' })
    expect(a).toHaveBeenCalledWith({ header: { 'Content-Type': 'text/plain' } })
    task.offHeadersReceived(a)
    fake.last().headers()
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(2)
    expect(b).toHaveBeenLastCalledWith({ header: {} })
    task.offHeadersReceived()
    expect(fake.activeListeners()).toBe(0)
  })
})

describe('onProgressUpdate / offProgressUpdate', () => {
  it.each(['web', 'app'] as FakePlatform[])('%s: off() with no argument removes nothing; off(fn) removes that one', (platform) => {
    const fake = createFakeUni({ platform })
    const task = fake.uni.uploadFile(okOptions({ success: () => {} }))
    const a = vi.fn()
    const b = vi.fn()
    task.onProgressUpdate(a)
    task.onProgressUpdate(b)
    task.offProgressUpdate()
    expect(fake.activeListeners()).toBe(2)
    task.offProgressUpdate(a)
    expect(fake.activeListeners()).toBe(1)
    fake.last().progress({ totalBytesSent: 10, totalBytesExpectedToSend: 20 })
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledTimes(1)
  })

  it.each(MP)('%s: off() with no argument removes all', (platform) => {
    const fake = createFakeUni({ platform })
    const task = fake.uni.downloadFile({ url: 'https://x.test/f', success: () => {} })
    const a = vi.fn()
    task.onProgressUpdate(a)
    task.onProgressUpdate(vi.fn())
    task.offProgressUpdate()
    expect(fake.activeListeners()).toBe(0)
    fake.last().progress()
    expect(a).not.toHaveBeenCalled()
  })

  it('non-functions are ignored; a listener removing itself does not make the next one miss the event', () => {
    const fake = createFakeUni()
    const task = fake.uni.uploadFile(okOptions({ success: () => {} }))
    task.onProgressUpdate(undefined as any)
    const a = vi.fn(() => task.offProgressUpdate(a))
    const b = vi.fn()
    task.onProgressUpdate(a)
    task.onProgressUpdate(b)
    fake.last().progress()
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(1)
    expect(fake.activeListeners()).toBe(1)
  })

  it('progress() fires the listeners still attached after the request settled (uni-app#5200)', () => {
    const fake = createFakeUni()
    const task = fake.uni.uploadFile(okOptions({ success: () => {} }))
    const fn = vi.fn()
    task.onProgressUpdate(fn)
    fake.last().succeed()
    fake.last().progress({ progress: 100 })
    expect(fn).toHaveBeenCalledTimes(1)
    expect(fake.pending()).toHaveLength(0)
    expect(fake.activeListeners()).toBe(1)
  })
})

describe('progress event shapes', () => {
  const capture = (platform: FakePlatform, api: FakeApi) => {
    const fake = createFakeUni({ platform })
    const events: any[] = []
    fake.uni[api](okOptions({ success: () => {} })).onProgressUpdate((e: unknown) => events.push(e))
    return { req: fake.last(), events }
  }

  it.each(['web', 'mp-weixin', 'mp-baidu', 'app'] as FakePlatform[])('%s upload: progress, totalBytesSent, totalBytesExpectedToSend', (platform) => {
    const { req, events } = capture(platform, 'uploadFile')
    req.progress({ totalBytesSent: 25, totalBytesExpectedToSend: 200 })
    expect(events).toEqual([{ progress: platform === 'app' ? 12 : 13, totalBytesSent: 25, totalBytesExpectedToSend: 200 }])
  })

  it('mp-alipay upload uses totalBytesWritten / totalBytesExpectedToWrite (either input naming)', () => {
    const { req, events } = capture('mp-alipay', 'uploadFile')
    req.progress({ totalBytesSent: 50, totalBytesExpectedToSend: 100 })
    req.progress({ totalBytesWritten: 75, totalBytesExpectedToWrite: 100 })
    expect(events).toEqual([
      { progress: 50, totalBytesWritten: 50, totalBytesExpectedToWrite: 100 },
      { progress: 75, totalBytesWritten: 75, totalBytesExpectedToWrite: 100 },
    ])
    expect(events[0]).not.toHaveProperty('totalBytesSent')
  })

  it.each(ALL)('%s download: progress, totalBytesWritten, totalBytesExpectedToWrite', (platform) => {
    const { req, events } = capture(platform, 'downloadFile')
    req.progress({ totalBytesWritten: 1, totalBytesExpectedToWrite: 3 })
    expect(events).toEqual([{ progress: 33, totalBytesWritten: 1, totalBytesExpectedToWrite: 3 }])
  })

  it('defaults: no argument is 50 of 100 bytes; progress alone derives the bytes; explicit progress is kept', () => {
    const { req, events } = capture('web', 'uploadFile')
    req.progress()
    req.progress({ progress: 30 })
    req.progress({ progress: 99, totalBytesSent: 1, totalBytesExpectedToSend: 2 })
    expect(events).toEqual([
      { progress: 50, totalBytesSent: 50, totalBytesExpectedToSend: 100 },
      { progress: 30, totalBytesSent: 30, totalBytesExpectedToSend: 100 },
      { progress: 99, totalBytesSent: 1, totalBytesExpectedToSend: 2 },
    ])
  })

  it.each(['web', ...MP] as FakePlatform[])('%s: totals of 0 give NaN or Infinity, unsanitised', (platform) => {
    const { req, events } = capture(platform, 'uploadFile')
    req.progress({ totalBytesSent: 0, totalBytesExpectedToSend: 0 })
    req.progress({ totalBytesSent: 10, totalBytesExpectedToSend: 0 })
    expect(events[0].progress).toBeNaN()
    expect(events[1].progress).toBe(Infinity)
  })

  it('app emits only when both byte counts are non-zero (so never NaN)', () => {
    const { req, events } = capture('app', 'downloadFile')
    req.progress({ totalBytesWritten: 0, totalBytesExpectedToWrite: 0 })
    req.progress({ totalBytesWritten: 10, totalBytesExpectedToWrite: 0 })
    req.progress({ totalBytesWritten: 0, totalBytesExpectedToWrite: 10 })
    expect(events).toEqual([])
  })

  it('progressRaw() passes the event as given', () => {
    const { req, events } = capture('app', 'uploadFile')
    req.progressRaw({ progress: NaN, weird: true })
    expect(events).toEqual([{ progress: NaN, weird: true }])
  })
})

describe('files[] and filePath', () => {
  it.each(MP)('%s: files without filePath fails with the parameter error (async), still recorded', async (platform) => {
    const fake = createFakeUni({ platform })
    const fail = vi.fn()
    fake.uni.uploadFile({ url: 'https://x.test/up', files: [{ name: 'a', uri: '/a' }], fail })
    expect(fake.requests).toHaveLength(1)
    await flush()
    expect(fail).toHaveBeenCalledWith({
      errMsg: 'uploadFile:fail parameter error: parameter.filePath should be String instead of Undefined;',
    })
  })

  it.each(MP)('%s: with a filePath, files is ignored and the call goes on', async (platform) => {
    const fake = createFakeUni({ platform })
    const ret = fake.uni.uploadFile(okOptions({ files: [{ uri: '/b' }] }))
    await flush()
    expect(fake.last().settled).toBe(false)
    fake.last().succeed()
    await expect(ret).resolves.toMatchObject({ errMsg: 'uploadFile:ok' })
  })

  it.each(['web', 'app'] as FakePlatform[])('%s accepts files[] ({ name, uri, file }) without filePath', async (platform) => {
    const fake = createFakeUni({ platform })
    const files = [{ name: 'a', uri: 'blob:x/1' }, { name: 'b', uri: 'blob:x/2', file: new Blob(['x']) }]
    const ret = fake.uni.uploadFile({ url: 'https://x.test/up', files })
    await flush()
    expect(fake.last().settled).toBe(false)
    expect(fake.last().options.files).toBe(files)
    fake.last().succeed({ data: 'ok' })
    await expect(ret).resolves.toMatchObject({ data: 'ok' })
  })

  it('web: file without filePath fails with uploadFile:fail file error (async), still recorded as sent', async () => {
    const fake = createFakeUni({ platform: 'web' })
    const ret = fake.uni.uploadFile({ url: 'https://x.test/up', file: new Blob(['x']) })
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().settled).toBe(false)
    await expect(ret).rejects.toEqual({ errMsg: 'uploadFile:fail file error' })
  })

  it('web + syncFailures.fileError: fail runs inside uploadFile, before the task is returned', () => {
    const fake = createFakeUni({ syncFailures: { fileError: true } })
    let returned = false
    const fail = vi.fn(() => expect(returned).toBe(false))
    fake.uni.uploadFile({ url: 'https://x.test/up', file: new Blob(['x']), fail })
    returned = true
    expect(fail).toHaveBeenCalledTimes(1)
  })
})

describe('missing url', () => {
  it.each(ALL)('%s: console.warn and the request goes to ./undefined', (platform) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const fake = createFakeUni({ platform })
    fake.uni.downloadFile({ success: () => {} })
    expect(warn).toHaveBeenCalledWith('downloadFile: Missing required args: "url"')
    expect(fake.last().url).toBe('./undefined')
    expect(fake.pending()).toHaveLength(1)
  })

  it('a given url is recorded as is, without a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const fake = createFakeUni()
    fake.uni.uploadFile(okOptions({ success: () => {} }))
    expect(fake.last().url).toBe('https://x.test/up')
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('success result shapes', () => {
  const succeed = async (platform: FakePlatform, api: FakeApi, options: object, res: object = {}) => {
    const fake = createFakeUni({ platform })
    const ret = fake.uni[api]({ url: 'https://x.test/f', ...options })
    fake.last().succeed(res)
    return ret
  }
  const header = { 'Content-Type': 'application/json', 'X-Trace': 'a' }

  it('web upload: { data, statusCode, header with lower-cased names, errMsg }', async () => {
    expect(await succeed('web', 'uploadFile', { filePath: 'blob:1' }, { data: '{"ok":1}', statusCode: 500, header })).toEqual({
      data: '{"ok":1}',
      statusCode: 500,
      header: { 'content-type': 'application/json', 'x-trace': 'a' },
      errMsg: 'uploadFile:ok',
    })
    expect(await succeed('web', 'uploadFile', { filePath: 'blob:1' })).toEqual({ data: '', statusCode: 200, header: {}, errMsg: 'uploadFile:ok' })
  })

  it('app upload: { data, statusCode, errMsg } (+ header only when given)', async () => {
    expect(await succeed('app', 'uploadFile', { filePath: '_doc/a' })).toEqual({ data: '', statusCode: 200, errMsg: 'uploadFile:ok' })
    expect(await succeed('app', 'uploadFile', { filePath: '_doc/a' }, { header })).toMatchObject({ header })
  })

  it.each(['web', 'app'] as FakePlatform[])('%s download: { statusCode, tempFilePath, errMsg } only, never header', async (platform) => {
    const res = await succeed(platform, 'downloadFile', {}, { statusCode: 404, tempFilePath: 'blob:t', header })
    expect(res).toEqual({ statusCode: 404, tempFilePath: 'blob:t', errMsg: 'downloadFile:ok' })
    const dflt = await succeed(platform, 'downloadFile', {})
    expect(Object.keys(dflt).sort()).toEqual(['errMsg', 'statusCode', 'tempFilePath'])
    expect(typeof dflt.tempFilePath).toBe('string')
  })

  it('mp-alipay upload: statusCode is a string', async () => {
    const res = await succeed('mp-alipay', 'uploadFile', { filePath: '/a', fileName: 'file', fileType: 'image' }, { statusCode: 201, data: 'x' })
    expect(res).toEqual({ data: 'x', statusCode: '201', errMsg: 'uploadFile:ok' })
  })

  it('mp-alipay download: { apFilePath, errMsg }, no statusCode', async () => {
    const res = await succeed('mp-alipay', 'downloadFile', {}, { statusCode: 200, tempFilePath: 'https://resource/1.png', header })
    expect(res).toEqual({ apFilePath: 'https://resource/1.png', errMsg: 'downloadFile:ok' })
  })

  it.each(['mp-weixin', 'mp-baidu'] as FakePlatform[])('%s download: tempFilePath, or filePath when options.filePath was given', async (platform) => {
    expect(await succeed(platform, 'downloadFile', {}, { tempFilePath: 't1' })).toEqual({ tempFilePath: 't1', statusCode: 200, errMsg: 'downloadFile:ok' })
    const saved = await succeed(platform, 'downloadFile', { filePath: 'wxfile://usr/a.pdf' }, { header })
    expect(saved).toEqual({ filePath: 'wxfile://usr/a.pdf', statusCode: 200, header, errMsg: 'downloadFile:ok' })
    expect(saved).not.toHaveProperty('tempFilePath')
  })

  it.each(['mp-weixin', 'mp-baidu'] as FakePlatform[])('%s upload: { data, statusCode (number), errMsg }', async (platform) => {
    expect(await succeed(platform, 'uploadFile', { filePath: '/a', name: 'f' }, { statusCode: '200' })).toEqual({
      data: '',
      statusCode: 200,
      errMsg: 'uploadFile:ok',
    })
  })

  it('succeedRaw() delivers exactly what it is given (errMsg added if missing)', async () => {
    const fake = createFakeUni({ platform: 'mp-alipay' })
    const ret = fake.uni.uploadFile(okOptions())
    fake.last().succeedRaw({ statusCode: 200, data: 1 })
    expect(await ret).toEqual({ statusCode: 200, data: 1, errMsg: 'uploadFile:ok' })
  })
})

describe('mp-baidu: failures may say :ok', () => {
  it('failWithOk() and fail("uploadFile:ok") call fail with errMsg uploadFile:ok', () => {
    const fake = createFakeUni({ platform: 'mp-baidu' })
    const fail = vi.fn()
    const success = vi.fn()
    fake.uni.uploadFile(okOptions({ fail, success }))
    fake.last().failWithOk({ errCode: 1001 })
    fake.uni.uploadFile(okOptions({ fail, success }))
    fake.last().fail('uploadFile:ok')
    expect(success).not.toHaveBeenCalled()
    expect(fail.mock.calls).toEqual([[{ errCode: 1001, errMsg: 'uploadFile:ok' }], [{ errMsg: 'uploadFile:ok' }]])
  })

  it.each(['web', 'app', 'mp-weixin', 'mp-alipay'] as FakePlatform[])('%s: a :ok failure is impossible, so the fake refuses it', (platform) => {
    const fake = createFakeUni({ platform })
    fake.uni.uploadFile(okOptions({ fail: () => {} }))
    expect(() => fake.last().failWithOk()).toThrow(/only happens on mp-baidu/)
    expect(fake.last().settled).toBe(false)
  })
})

describe('mp-alipay options', () => {
  it('records options exactly as received (fileName, fileType)', () => {
    const fake = createFakeUni({ platform: 'mp-alipay' })
    fake.uni.uploadFile(okOptions({ fileName: 'file', fileType: 'image', success: () => {} }))
    expect(fake.last().options).toMatchObject({ name: 'file', fileName: 'file', fileType: 'image', filePath: '/tmp/a.png' })
  })
})

describe('interceptors', () => {
  it('invoke returning false: the call returns undefined, never reaches the runtime, never settles', async () => {
    const fake = createFakeUni()
    fake.uni.addInterceptor('uploadFile', { invoke: () => false })
    const complete = vi.fn()
    const ret = fake.uni.uploadFile(okOptions({ complete }))
    expect(ret).toBeUndefined()
    expect(fake.requests).toHaveLength(0)
    expect(fake.cancelled).toEqual([expect.objectContaining({ api: 'uploadFile', reason: 'invoke-false' })])
    expect(() => fake.last()).toThrow(/no request/)
    await flush()
    expect(complete).not.toHaveBeenCalled()
  })

  it('invoke returning false in promise mode: a Promise that never settles', async () => {
    const fake = createFakeUni()
    fake.uni.addInterceptor('downloadFile', { invoke: () => false })
    const ret = fake.uni.downloadFile({ url: 'https://x.test/f' })
    expect(ret).toBeInstanceOf(Promise)
    const state = await Promise.race([ret.then(() => 'settled', () => 'settled'), flush().then(() => 'pending')])
    expect(state).toBe('pending')
    expect(fake.requests).toHaveLength(0)
  })

  it('a sync invoke mutates the options in place; its return value is ignored', () => {
    const fake = createFakeUni()
    fake.uni.addInterceptor('uploadFile', {
      invoke(o: any) {
        o.header = { X: '1' }
        return { url: 'https://ignored.test' }
      },
    })
    const task = fake.uni.uploadFile(okOptions({ success: () => {} }))
    expect(task).toBe(fake.last().task)
    expect(fake.last().url).toBe('https://x.test/up')
    expect(fake.last().options.header).toEqual({ X: '1' })
  })

  it('invoke returning a Promise: callback mode returns a Promise of the task, made once the call is made', async () => {
    const fake = createFakeUni()
    let release!: (o: any) => void
    fake.uni.addInterceptor('uploadFile', { invoke: (o: any) => new Promise((r) => (release = () => r({ ...o, url: 'https://b.test/u' }))) })
    const success = vi.fn()
    const ret = fake.uni.uploadFile(okOptions({ success }))
    expect(ret).toBeInstanceOf(Promise)
    await flush()
    expect(fake.requests).toHaveLength(0)
    release(undefined)
    const task = await ret
    expect(task).toBe(fake.last().task)
    expect(fake.last().url).toBe('https://b.test/u')
    fake.last().succeed()
    expect(success).toHaveBeenCalledTimes(1)
  })

  it('invoke resolving to something other than the options: the call goes out without callbacks (or url)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const fake = createFakeUni({ platform: 'app' })
    fake.uni.addInterceptor('uploadFile', { invoke: async () => true })
    const success = vi.fn()
    const task = await fake.uni.uploadFile(okOptions({ success }))
    expect(task).toBe(fake.last().task)
    expect(fake.last().options).toEqual({})
    expect(fake.last().url).toBe('./undefined')
    expect(warn).toHaveBeenCalled()
    fake.last().succeed()
    expect(success).not.toHaveBeenCalled()
  })

  it('web: such a call (no filePath either) fails file error, and nobody hears it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const fake = createFakeUni()
    fake.uni.addInterceptor('uploadFile', { invoke: async () => undefined })
    const fail = vi.fn()
    const complete = vi.fn()
    await fake.uni.uploadFile(okOptions({ fail, complete }))
    await flush()
    expect(fake.last().result).toEqual({ errMsg: 'uploadFile:fail file error' })
    expect(fail).not.toHaveBeenCalled()
    expect(complete).not.toHaveBeenCalled()
  })

  it('invoke rejecting: the runtime is never called and the returned Promise rejects', async () => {
    const fake = createFakeUni()
    const reason = new Error('no token')
    fake.uni.addInterceptor('uploadFile', { invoke: () => Promise.reject(reason) })
    const fail = vi.fn()
    const ret = fake.uni.uploadFile(okOptions({ fail }))
    await expect(ret).rejects.toBe(reason)
    expect(fake.requests).toHaveLength(0)
    expect(fail).not.toHaveBeenCalled()
    expect(fake.cancelled).toEqual([expect.objectContaining({ reason: 'invoke-rejected', error: reason })])
  })

  it('invoke rejecting in promise mode: the caller Promise never settles (and nothing is left unhandled)', async () => {
    const fake = createFakeUni()
    fake.uni.addInterceptor('uploadFile', { invoke: () => Promise.reject(new Error('x')) })
    const ret = fake.uni.uploadFile(okOptions())
    const state = await Promise.race([ret.then(() => 'settled', () => 'settled'), flush().then(() => 'pending')])
    expect(state).toBe('pending')
    expect(fake.cancelled).toHaveLength(1)
  })

  it('returnValue sees the task and can replace it', () => {
    const fake = createFakeUni()
    const seen: unknown[] = []
    const replacement = { replaced: true }
    fake.uni.addInterceptor('uploadFile', { returnValue: (v: unknown) => (seen.push(v), replacement) })
    const ret = fake.uni.uploadFile(okOptions({ success: () => {} }))
    expect(seen).toEqual([fake.last().task])
    expect(ret).toBe(replacement)
  })

  it('returnValue returning nothing keeps the value; in promise mode it sees the Promise', () => {
    const fake = createFakeUni()
    const seen: unknown[] = []
    fake.uni.addInterceptor('downloadFile', { returnValue: (v: unknown) => void seen.push(v) })
    const ret = fake.uni.downloadFile({ url: 'https://x.test/f' })
    expect(ret).toBeInstanceOf(Promise)
    expect(seen).toEqual([ret])
  })

  it('success/fail/complete hooks see the result before the callback; false swallows it', () => {
    const fake = createFakeUni()
    const order: string[] = []
    fake.uni.addInterceptor('uploadFile', {
      success: (r: any) => void order.push('hook:success:' + r.statusCode),
      fail: () => false,
      complete: () => void order.push('hook:complete'),
    })
    const opts = () => okOptions({
      success: () => order.push('success'),
      fail: () => order.push('fail'),
      complete: () => order.push('complete'),
    })
    fake.uni.uploadFile(opts())
    fake.last().succeed({ statusCode: 204 })
    fake.uni.uploadFile(opts())
    fake.last().fail()
    expect(order).toEqual(['hook:success:204', 'success', 'hook:complete', 'complete', 'hook:complete', 'complete'])
  })

  it('global interceptors apply to every API; removeInterceptor removes them', () => {
    const fake = createFakeUni()
    const invoke = vi.fn()
    fake.uni.addInterceptor({ invoke })
    fake.uni.uploadFile(okOptions({ success: () => {} }))
    fake.uni.downloadFile({ url: 'https://x.test/f', success: () => {} })
    expect(invoke).toHaveBeenCalledTimes(2)
    fake.uni.removeInterceptor({ invoke })
    fake.uni.uploadFile(okOptions({ success: () => {} }))
    expect(invoke).toHaveBeenCalledTimes(2)
  })

  it('removeInterceptor(api) removes all of that API hooks; other APIs are not affected', () => {
    const fake = createFakeUni()
    fake.uni.addInterceptor('uploadFile', { invoke: () => false })
    fake.uni.downloadFile({ url: 'https://x.test/f', success: () => {} })
    expect(fake.requests).toHaveLength(1)
    fake.uni.removeInterceptor('uploadFile')
    expect(fake.uni.uploadFile(okOptions({ success: () => {} }))).toBe(fake.last().task)
  })

  it('interceptors are per fake', () => {
    const a = createFakeUni()
    const b = createFakeUni()
    a.uni.addInterceptor('uploadFile', { invoke: () => false })
    b.uni.uploadFile(okOptions({ success: () => {} }))
    expect(b.requests).toHaveLength(1)
  })
})

describe('getSystemInfoSync', () => {
  it.each(ALL)('%s: uniPlatform, platform, SDKVersion', (platform) => {
    const info = createFakeUni({ platform, sdkVersion: '3.4.5' }).uni.getSystemInfoSync()
    expect(info.uniPlatform).toBe(platform)
    expect(info.SDKVersion).toBe('3.4.5')
    expect(info.platform).toBe(platform.startsWith('mp-') ? 'devtools' : platform === 'app' ? 'android' : 'windows')
  })

  it('defaults to web', () => {
    expect(createFakeUni().uni.getSystemInfoSync().uniPlatform).toBe('web')
    expect(createFakeUni().platform).toBe('web')
  })
})

describe('bookkeeping', () => {
  it('requests in order, last(), pending(), activeListeners()', () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const t1 = fake.uni.uploadFile(okOptions({ success: () => {} }))
    const t2 = fake.uni.downloadFile({ url: 'https://x.test/f', success: () => {} })
    expect(fake.requests.map((r) => [r.id, r.api])).toEqual([[1, 'uploadFile'], [2, 'downloadFile']])
    expect(fake.last().task).toBe(t2)
    const p = vi.fn()
    t1.onProgressUpdate(p)
    t2.onProgressUpdate(p)
    t2.onHeadersReceived(p)
    expect(fake.activeListeners()).toBe(3)
    expect(fake.requests[1]!.listenerCount()).toEqual({ progress: 1, headers: 1 })
    fake.requests[0]!.succeed()
    expect(fake.pending()).toEqual([fake.requests[1]])
    t1.offProgressUpdate(p)
    t2.offProgressUpdate(p)
    t2.offHeadersReceived(p)
    expect(fake.activeListeners()).toBe(0)
  })
})

describe('installFakeUni', () => {
  it('sets globalThis.uni so literal uni.uploadFile(...) calls reach the fake, and restores it', () => {
    const g = globalThis as any
    const before = g.uni
    const fake = createFakeUni()
    const restore = installFakeUni(fake)
    expect(g.uni).toBe(fake.uni)
    // the literal global, as library code calls it (declared by @dcloudio/types)
    const task = uni.uploadFile({ url: 'https://x.test/up', filePath: 'blob:1', success: () => {} })
    expect(task).toBe(fake.last().task)
    restore()
    expect(g.uni).toBe(before)
    expect('uni' in g).toBe(before !== undefined)
  })

  it('accepts the runtime object and restores a previous value', () => {
    const g = globalThis as any
    const placeholder = {}
    g.uni = placeholder
    try {
      const fake = createFakeUni({ platform: 'app' })
      const restore = installFakeUni(fake.uni)
      expect(g.uni.getSystemInfoSync().uniPlatform).toBe('app')
      restore()
      expect(g.uni).toBe(placeholder)
    } finally {
      delete g.uni
    }
  })
})

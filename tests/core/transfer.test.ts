/**
 * The transfer engine (src/core/transfer.ts), through `upload` and `download` on every platform:
 * rule 1 (promise vs task), 4 (timeout), 6 (outcome), 7 (exactly once), 9 (headers), the runtime's
 * interceptors, and the extension options retry and config hooks; then a load test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AbortError, HTTPError, NetworkError, OptionError, ParseError, TimeoutError, TransferError } from '../../src/errors'
import { createUploader } from '../../src/index'
import type { FakePlatform } from '../helpers/fake-uni'
import {
  APIS,
  MINI_PROGRAMS,
  PLATFORMS,
  VIAS,
  microtasks,
  okOptions,
  outcome,
  recorder,
  runtimeApi,
  settleUnhandled,
  setup,
  start,
  stubRuntime,
  track,
  watchUnhandled,
  type Api,
} from '../helpers/harness'

const TASK_METHODS = ['abort', 'onProgressUpdate', 'offProgressUpdate', 'onHeadersReceived', 'offHeadersReceived']

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/**
 * Lets the fake runtime deliver what it scheduled (abort, parameter errors: 0 ms timers; a 0 ms
 * timer set from inside another timer's callback runs 1 ms later under fake timers).
 */
const runtimeCatchesUp = () => vi.advanceTimersByTime(1)

// ---------------------------------------------------------------------------------------------
describe('rule 1: promise vs task', () => {
  describe.each(PLATFORMS)('%s', (platform) => {
    describe.each(VIAS)('via %s', (via) => {
      it.each(APIS)('%s with callbacks: returns the task synchronously, then success and complete once each', async (api) => {
        const { fake, up } = setup(platform, {}, via)
        const rec = recorder()
        const task = start(up, api, okOptions(api, rec.callbacks))
        expect(typeof task.then).toBe('undefined')
        for (const m of TASK_METHODS) expect(typeof task[m]).toBe('function')
        expect(rec.calls).toEqual([])
        fake.last().succeed()
        expect(rec.names()).toEqual(['success', 'complete'])
        expect(rec.complete.mock.calls[0]![0]).toBe(rec.success.mock.calls[0]![0])
        task.abort()
        await vi.runAllTimersAsync()
        expect(rec.names()).toEqual(['success', 'complete'])
      })

      it.each(APIS)('%s with callbacks: a failure calls fail and complete once each, with the same error', async (api) => {
        const { fake, up } = setup(platform, {}, via)
        const rec = recorder()
        start(up, api, okOptions(api, rec.callbacks))
        fake.last().fail('net down')
        await vi.runAllTimersAsync()
        expect(rec.names()).toEqual(['fail', 'complete'])
        expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(NetworkError)
        expect(rec.complete.mock.calls[0]![0]).toBe(rec.fail.mock.calls[0]![0])
      })

      it.each(['success', 'fail', 'complete'])('any one callback (%s) selects callback mode', (name) => {
        const { fake, up } = setup(platform, {}, via)
        const returned: any = up.upload({ url: 'https://a.test', filePath: '/a', [name]: () => {} } as any)
        expect(returned).not.toBeInstanceOf(Promise)
        expect(typeof returned.then).toBe('undefined')
        expect(fake.requests).toHaveLength(1)
      })

      it.each(APIS)('%s without callbacks: a Promise that carries the task methods synchronously, and resolves the result', async (api) => {
        const { fake, up } = setup(platform, {}, via)
        const promise = start(up, api, okOptions(api))
        expect(promise).toBeInstanceOf(Promise)
        for (const m of TASK_METHODS) expect(typeof promise[m]).toBe('function')
        const events: any[] = []
        promise.onProgressUpdate((e: any) => events.push(e))
        fake.last().progress({ totalBytesSent: 30, totalBytesExpectedToSend: 100, totalBytesWritten: 30, totalBytesExpectedToWrite: 100 })
        expect(events[0].progress).toBe(30)
        fake.last().succeed()
        const result = await promise
        expect(result.errMsg).toBe(`${runtimeApi(api)}:ok`)
      })

      it.each(APIS)('%s without callbacks: the promise can be aborted (rejects AbortError)', async (api) => {
        const { fake, up } = setup(platform, {}, via)
        const promise = start(up, api, okOptions(api))
        promise.abort()
        const { error } = await outcome(promise)
        expect(error).toBeInstanceOf(AbortError)
        expect(fake.last().aborted).toBe(true)
      })
    })
  })

  it.each(PLATFORMS)('%s: callback mode never creates a rejected promise, whatever the failure', async (platform) => {
    const unhandled = watchUnhandled()
    const { fake, up } = setup(platform, { timeout: 100 })
    const failures: (() => void)[] = [
      () => (up.upload({ url: 'https://a.test', filePath: '/a', success() {} }), fake.last().fail('x')),
      () => up.upload({ url: 'https://a.test', filePath: '/a', complete() {} }).abort(),
      () => up.download({ url: 'https://a.test', success() {} }),
      () => up.upload({ url: '', filePath: '/a', success() {} }),
      () => up.upload({ url: 'https://a.test', filePath: '/a', success() {}, validateStatus: () => false } as any) && fake.last().succeed(),
      () => up.upload({ url: 'https://a.test', filePath: '/a', parse: 'json', success() {} }) && fake.last().succeed({ data: '{' }),
    ]
    for (const fail of failures) fail()
    const stub = stubRuntime(() => Promise.reject(new Error('interceptor said no')))
    createUploader({ uni: stub.uni }).upload({ url: 'https://a.test', filePath: '/a', success() {} })
    createUploader({ uni: fake.uni, hooks: { beforeTransfer: [() => Promise.reject(new Error('no token'))] } }).download({ url: 'https://a.test', success() {} })
    createUploader({ uni: fake.uni, hooks: { afterTransfer: [() => { throw new Error('audit failed') }] } }).download({ url: 'https://a.test', fail() {} })
    fake.last().succeed()
    await vi.runAllTimersAsync()
    await settleUnhandled()
    expect(unhandled).toEqual([])
  })

  it('a success/fail/complete callback that throws does not become an unhandled rejection (bad input, afterTransfer hooks)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const unhandled = watchUnhandled()
    const { fake, up } = setup('mp-weixin')
    const complete = vi.fn()
    const boom = () => {
      throw new Error('bug in the caller callback')
    }
    // bad input: delivered on a microtask
    up.upload({ url: '', filePath: '/a', fail: boom, complete })
    // afterTransfer hooks: delivered after the hooks' promise
    const hooked = createUploader({ uni: fake.uni, hooks: { afterTransfer: [() => {}] } })
    hooked.download({ url: 'https://a.test', success: boom, complete })
    fake.last().succeed()
    await microtasks()
    expect(complete).toHaveBeenCalledTimes(2) // complete still runs after a throwing success/fail
    await settleUnhandled()
    expect(unhandled).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
describe('rule 4: timeout', () => {
  describe.each(PLATFORMS)('%s', (platform) => {
    it.each(APIS)('%s: call timeout, then config timeout, then 60000 ms, passed to the runtime', (api) => {
      const { fake, up } = setup(platform, { timeout: 5000 })
      start(up, api, okOptions(api, { timeout: 1234, success() {} }))
      expect(fake.last().options.timeout).toBe(1234)
      start(up, api, okOptions(api, { success() {} }))
      expect(fake.last().options.timeout).toBe(5000)
      const plain = setup(platform)
      start(plain.up, api, okOptions(api, { success() {} }))
      expect(plain.fake.last().options.timeout).toBe(60000)
    })

    it.each(APIS)('%s: at expiry the call fails with TimeoutError "<api>:fail timeout" (never AbortError) and the runtime task is aborted', async (api) => {
      const { fake, up } = setup(platform, { timeout: 1000 })
      const rec = recorder()
      start(up, api, okOptions(api, rec.callbacks))
      vi.advanceTimersByTime(999)
      expect(rec.calls).toEqual([])
      vi.advanceTimersByTime(1)
      expect(rec.names()).toEqual(['fail', 'complete'])
      const error = rec.fail.mock.calls[0]![0]
      expect(error).toBeInstanceOf(TimeoutError)
      expect(error).not.toBeInstanceOf(AbortError)
      expect(error.errMsg).toBe(`${runtimeApi(api)}:fail timeout`)
      expect(fake.last().aborted || fake.last().timedOut).toBe(true)
      await vi.runAllTimersAsync()
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(vi.getTimerCount()).toBe(0)
    })

    it.each(APIS)('%s: the default 60000 ms is enforced by the wrapper too', (api) => {
      const { up } = setup(platform)
      const rec = recorder()
      start(up, api, okOptions(api, rec.callbacks))
      vi.advanceTimersByTime(59999)
      expect(rec.calls).toEqual([])
      vi.advanceTimersByTime(1)
      expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(TimeoutError)
    })

    it.each(APIS)('%s: timeout 0 (call or config) is not passed to the runtime and starts no wrapper timer', async (api) => {
      for (const [config, call] of [[{ timeout: 0 }, {}], [{ timeout: 5000 }, { timeout: 0 }]] as const) {
        const { fake, up } = setup(platform, config)
        const timersBefore = vi.getTimerCount()
        const promise = start(up, api, okOptions(api, call))
        expect('timeout' in fake.last().options).toBe(false)
        // the fake web runtime applies its own networkTimeout default; the others ignore timeouts
        expect(vi.getTimerCount() - timersBefore).toBe(platform == 'web' ? 1 : 0)
        const state = track(promise)
        if (platform != 'web') {
          await vi.advanceTimersByTimeAsync(10 * 60 * 1000)
          expect(state.settled).toBe(false)
        }
        promise.abort()
        await microtasks()
        expect(state.error).toBeInstanceOf(AbortError)
        await vi.runAllTimersAsync()
      }
    })
  })

  it.each(APIS)('web %s, timeout 0: the runtime default (60000 ms) then ends the call with its own timeout', async (api) => {
    const { up } = setup('web', { timeout: 0 })
    const state = track(start(up, api, okOptions(api)))
    await vi.advanceTimersByTimeAsync(59999)
    expect(state.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(state.error).toBeInstanceOf(TimeoutError)
    expect(state.error!.errMsg).toBe(`${runtimeApi(api)}:fail timeout`)
  })

  it.each(APIS)('%s: the wrapper settles at expiry without waiting for the runtime to report the abort', (api) => {
    const stub = stubRuntime()
    const up = createUploader({ uni: stub.uni, timeout: 300 })
    const rec = recorder()
    start(up, api, okOptions(api, rec.callbacks))
    vi.advanceTimersByTime(300)
    expect(stub.last().aborts).toBe(1)
    expect(rec.names()).toEqual(['fail', 'complete'])
    expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(TimeoutError)
    // the runtime reports the abort much later: ignored
    stub.last().options.fail({ errMsg: `${runtimeApi(api)}:fail abort` })
    expect(rec.names()).toEqual(['fail', 'complete'])
  })

  it.each(APIS)('web %s: where aborting makes the runtime fail synchronously (uni-h5 XHR), the wrapper timeout is still a TimeoutError', (api) => {
    const { fake, up } = setup('web', { timeout: 1000 }, 'config.uni', { syncFailures: { abort: true } })
    const rec = recorder()
    start(up, api, okOptions(api, rec.callbacks))
    vi.advanceTimersByTime(1000)
    expect(fake.last().aborted).toBe(true)
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.errMsg).toBe(`${runtimeApi(api)}:fail timeout`)
  })

  it.each(MINI_PROGRAMS)('%s: one request per file, so the timeout applies to each request', async (platform) => {
    const { fake, up } = setup(platform, { timeout: 100 })
    const state = track(up.upload({ url: 'https://a.test', files: [{ uri: '/1' }, { uri: '/2' }, { uri: '/3' }] }))
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(80)
      fake.last().succeed()
    }
    await microtasks()
    expect(state.value!.results).toHaveLength(3) // 240 ms in all, no request over 100 ms
    const second = setup(platform, { timeout: 100 })
    const failing = track(second.up.upload({ url: 'https://a.test', files: [{ uri: '/1' }, { uri: '/2' }] }))
    await vi.advanceTimersByTimeAsync(80)
    second.fake.last().succeed()
    await vi.advanceTimersByTimeAsync(99)
    expect(failing.settled).toBe(false) // 179 ms since the start, 99 ms into the second request
    await vi.advanceTimersByTimeAsync(1)
    expect(failing.error).toBeInstanceOf(TimeoutError)
    expect(second.fake.last().aborted).toBe(true)
  })

  it.each(PLATFORMS)('%s: a call that succeeds in time leaves no timer behind', (platform) => {
    const { fake, up } = setup(platform, { timeout: 1000 })
    up.upload({ url: 'https://a.test', filePath: '/a', success() {} })
    fake.last().succeed()
    expect(vi.getTimerCount()).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
describe('rule 6: outcome', () => {
  describe.each(PLATFORMS)('%s', (platform) => {
    it.each(APIS)('%s: any HTTP status is a success without validateStatus', async (api) => {
      const { fake, up } = setup(platform)
      for (const statusCode of [404, 500]) {
        const promise = start(up, api, okOptions(api))
        fake.last().succeed({ statusCode })
        const result = await promise
        expect(result.statusCode).toBe(platform == 'mp-alipay' && api == 'download' ? 200 : statusCode)
      }
    })

    it.each(APIS)('%s: validateStatus saying no gives HTTPError with statusCode, data, header and the response as cause', async (api) => {
      const { fake, up } = setup(platform)
      const validateStatus = vi.fn((code: number) => code < 400)
      const promise = start(up, api, okOptions(api, { validateStatus }))
      fake.last().succeed({ statusCode: 404, data: 'missing', header: { 'X-Why': 'gone' } })
      const { error } = await outcome(promise)
      const code = platform == 'mp-alipay' && api == 'download' ? 200 : 404
      if (code == 200) return expect(error).toBeUndefined() // Alipay downloads carry no status: 200
      expect(validateStatus).toHaveBeenCalledWith(404)
      expect(error).toBeInstanceOf(HTTPError)
      expect(error.errMsg).toBe(`${runtimeApi(api)}:fail status 404`)
      expect(error.statusCode).toBe(404)
      expect(error.cause).toMatchObject({ statusCode: 404 })
      expect(error.data).toBe(error.cause.data)
      expect(error.header).toBe(error.cause.header)
      if (api == 'upload') expect(error.data).toBe('missing')
    })

    it.each(APIS)('%s: validateStatus saying yes is a success', async (api) => {
      const { fake, up } = setup(platform)
      const promise = start(up, api, okOptions(api, { validateStatus: () => true }))
      fake.last().succeed({ statusCode: 503 })
      await expect(promise).resolves.toBeTruthy()
    })

    it.each(APIS)('%s: abort() fails with AbortError "<api>:fail abort" at once, without waiting for the runtime', (api) => {
      const { fake, up } = setup(platform)
      const rec = recorder()
      const task = start(up, api, okOptions(api, rec.callbacks))
      task.abort()
      expect(rec.names()).toEqual(['fail', 'complete'])
      const error = rec.fail.mock.calls[0]![0]
      expect(error).toBeInstanceOf(AbortError)
      expect(error.errMsg).toBe(`${runtimeApi(api)}:fail abort`)
      expect(error.cause).toBeUndefined()
      expect(fake.last().aborted).toBe(true)
      expect(fake.last().settled).toBe(false) // the runtime has not reported yet
      runtimeCatchesUp()
      expect(rec.names()).toEqual(['fail', 'complete'])
    })

    it.each(APIS)('%s: a runtime abort nobody asked for (e.g. page unload) is a NetworkError with the runtime errMsg', async (api) => {
      const { fake, up } = setup(platform)
      const promise = start(up, api, okOptions(api))
      fake.last().task.abort() // the runtime's own task, not ours
      runtimeCatchesUp()
      const { error } = await outcome(promise)
      expect(error).toBeInstanceOf(NetworkError)
      expect(error).not.toBeInstanceOf(AbortError)
      expect(error.errMsg).toBe(platform == 'app' ? `${runtimeApi(api)}:fail statusCode: 0` : `${runtimeApi(api)}:fail abort`)
      expect(error.cause).toBe(fake.last().result)
    })

    it.each(APIS)('%s: a runtime timeout is a TimeoutError with the runtime errMsg and result', async (api) => {
      const { fake, up } = setup(platform)
      for (const message of ['timeout', 'request:fail timed out', 'Timeout exceeded']) {
        const promise = start(up, api, okOptions(api))
        fake.last().fail(message)
        const { error } = await outcome(promise)
        expect(error).toBeInstanceOf(TimeoutError)
        expect(error.errMsg).toBe(fake.last().result.errMsg)
        expect(error.cause).toBe(fake.last().result)
      }
    })

    it.each(APIS)('%s: any other runtime failure is a NetworkError with the runtime errMsg, the result as cause', async (api) => {
      const { fake, up } = setup(platform)
      for (const message of [undefined, 'ERR_CONNECTION_RESET', `${runtimeApi(api)}:fail statusCode: 502`, 'file error', `${runtimeApi(api)}:fail ssl hand shake error`]) {
        const promise = start(up, api, okOptions(api))
        fake.last().fail(message, { errno: 5 })
        const { error } = await outcome(promise)
        expect(error).toBeInstanceOf(NetworkError)
        expect(error).toBeInstanceOf(TransferError)
        expect(error).toBeInstanceOf(Error)
        expect(error.errMsg).toBe(fake.last().result.errMsg)
        expect(error.cause).toBe(fake.last().result)
        expect(error.cause.errno).toBe(5)
      }
    })
  })

  it.each(APIS)('mp-baidu %s: a fail callback whose errMsg says :ok is a failure', async (api) => {
    const { fake, up } = setup('mp-baidu')
    const rec = recorder()
    start(up, api, okOptions(api, rec.callbacks))
    fake.last().failWithOk({ errCode: 1001 })
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.errMsg).toBe(`${runtimeApi(api)}:fail errCode 1001`)
    expect(error.cause).toEqual({ errCode: 1001, errMsg: `${runtimeApi(api)}:ok` })
  })

  it.each(APIS)('mp-baidu %s: any errCode is the reason of an :ok failure; with none, the bare :fail', async (api) => {
    const { fake, up } = setup('mp-baidu')
    const withCode = start(up, api, okOptions(api))
    fake.last().failWithOk({ errCode: 'E42' })
    expect((await outcome(withCode)).error.errMsg).toBe(`${runtimeApi(api)}:fail errCode E42`)
    const bare = start(up, api, okOptions(api))
    fake.last().failWithOk()
    expect((await outcome(bare)).error.errMsg).toBe(`${runtimeApi(api)}:fail`)
  })

  it.each(APIS)('%s: a runtime API that throws gives NetworkError "<api>:fail <message>" (no cause: the runtime gave no result)', async (api) => {
    const uni = {
      uploadFile() {
        throw new Error('boom')
      },
      downloadFile() {
        throw new Error('boom')
      },
    }
    const up = createUploader({ uni })
    const rec = recorder()
    expect(() => start(up, api, okOptions(api, rec.callbacks))).not.toThrow()
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.errMsg).toBe(`${runtimeApi(api)}:fail boom`)
    expect(error.cause).toBeUndefined()
    const thrownString = createUploader({ uni: { uploadFile: () => { throw 'plain string' }, downloadFile: () => { throw { errMsg: 'x:fail y' } } } })
    const { error: second } = await outcome(start(thrownString, api, okOptions(api)))
    expect(second.errMsg).toBe(api == 'upload' ? 'uploadFile:fail plain string' : 'downloadFile:fail x:fail y')
  })

  it.each(APIS)('%s: a runtime failure without an errMsg becomes "<api>:fail"', async (api) => {
    const stub = stubRuntime()
    const promise = start(createUploader({ uni: stub.uni }), api, okOptions(api))
    stub.last().options.fail({ code: 7 })
    const { error } = await outcome(promise)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.errMsg).toBe(`${runtimeApi(api)}:fail`)
    expect(error.cause).toEqual({ code: 7 })
    const empty = start(createUploader({ uni: stub.uni }), api, okOptions(api))
    stub.last().options.fail(undefined)
    expect((await outcome(empty)).error.errMsg).toBe(`${runtimeApi(api)}:fail`)
  })
})

// ---------------------------------------------------------------------------------------------
describe('rule 7: exactly once', () => {
  describe.each(PLATFORMS)('%s', (platform) => {
    it.each(APIS)('%s: a second abort() and an abort() after settling are ignored (and do not reach the runtime)', async (api) => {
      const { fake, up } = setup(platform)
      const rec = recorder()
      const task = start(up, api, okOptions(api, rec.callbacks))
      task.abort()
      task.abort()
      runtimeCatchesUp()
      expect(rec.names()).toEqual(['fail', 'complete'])
      const done = recorder()
      const finished = start(up, api, okOptions(api, done.callbacks))
      fake.last().succeed()
      finished.abort()
      runtimeCatchesUp()
      expect(done.names()).toEqual(['success', 'complete'])
      expect(fake.last().aborted).toBe(false)
    })

    it.each(APIS)('%s: listeners are removed from the runtime task when the call settles, however it ends', async (api) => {
      const endings: ((s: ReturnType<typeof setup>, task: any) => void)[] = [
        (s) => s.fake.last().succeed(),
        (s) => s.fake.last().fail('x'),
        (_, task) => task.abort(),
        () => vi.advanceTimersByTime(1000),
      ]
      for (const end of endings) {
        const s = setup(platform, { timeout: 1000 })
        const task = start(s.up, api, okOptions(api, { success() {}, fail() {} }))
        task.onProgressUpdate(() => {})
        task.onHeadersReceived(() => {})
        expect(s.fake.activeListeners()).toBeGreaterThan(0)
        end(s, task)
        runtimeCatchesUp()
        expect(s.fake.activeListeners()).toBe(0)
        expect(vi.getTimerCount()).toBe(0)
      }
    })

    it.each(APIS)('%s: listeners added after settling are ignored', async (api) => {
      const { fake, up } = setup(platform)
      const task = start(up, api, okOptions(api, { success() {} }))
      fake.last().succeed()
      const late = vi.fn()
      task.onProgressUpdate(late)
      task.onHeadersReceived(late)
      expect(late).not.toHaveBeenCalled()
      expect(fake.activeListeners()).toBe(0)
    })
  })

  it.each(APIS)('%s: progress and header events after settling are ignored, even from a runtime that keeps calling them', async (api) => {
    const stub = stubRuntime()
    const rec = recorder()
    const task = start(createUploader({ uni: stub.uni }), api, okOptions(api, rec.callbacks))
    const progress = vi.fn()
    const headers = vi.fn()
    task.onProgressUpdate(progress)
    task.onHeadersReceived(headers)
    const call = stub.last()
    call.headers[0]!({ header: { a: '1' } })
    call.options.success({ statusCode: 200, data: '' })
    const progressBefore = progress.mock.calls.length
    call.progress[0]!({ progress: 50, totalBytesSent: 1, totalBytesExpectedToSend: 2 })
    call.headers[0]!({ header: { late: '1' } })
    call.options.success({ statusCode: 200 })
    call.options.fail({ errMsg: 'x:fail' })
    expect(progress).toHaveBeenCalledTimes(progressBefore)
    expect(headers).toHaveBeenCalledTimes(1)
    expect(rec.names()).toEqual(['success', 'complete'])
  })

  it.each(['upload', 'download'] as Api[])('%s: validateStatus that throws fails the call with TransferError (cause: what it threw), once', async (api) => {
    const { fake, up } = setup('app')
    const reason = new Error('validator broke')
    const rec = recorder()
    start(up, api, okOptions(api, { validateStatus: () => { throw reason }, retry: 2, ...rec.callbacks }))
    fake.last().succeed()
    await vi.runAllTimersAsync()
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error.constructor).toBe(TransferError)
    expect(error.errMsg).toBe(`${runtimeApi(api)}:fail validator broke`)
    expect(error.cause).toBe(reason)
    expect(fake.requests).toHaveLength(1) // not retried
  })

  it.each(PLATFORMS)('%s: a progress or header listener that throws does not stop the call from settling', async (platform) => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { fake, up } = setup(platform)
    const promise = up.upload({ url: 'https://a.test', filePath: '/a' })
    const after = vi.fn()
    promise.onProgressUpdate(() => {
      throw new Error('ui bug in a progress listener')
    })
    promise.onHeadersReceived(() => {
      throw new Error('ui bug in a header listener')
    })
    promise.onProgressUpdate(after)
    try {
      fake.last().progress({ totalBytesSent: 5, totalBytesExpectedToSend: 10 })
    } catch {
      // how the runtime sees a listener error is the runtime's business; the call must go on
    }
    fake.last().succeed({ header: { a: '1' } })
    const state = track(promise)
    await microtasks()
    expect(state.count).toBe(1)
    expect(state.value!.statusCode).toBe(200)
    expect(after.mock.calls.map(([e]) => e.progress)).toEqual([50, 100])
  })

  it.each(APIS)('%s: a runtime that calls fail after success (or success twice) is heard once', async (api) => {
    const stub = stubRuntime()
    const up = createUploader({ uni: stub.uni })
    const promise = start(up, api, okOptions(api))
    stub.last().options.success({ statusCode: 201 })
    stub.last().options.fail({ errMsg: 'x:fail' })
    stub.last().options.success({ statusCode: 500 })
    expect((await promise).statusCode).toBe(201)
  })

  it('offProgressUpdate(fn) removes that listener, offProgressUpdate() removes all; the same for headers', () => {
    const { fake, up } = setup('mp-weixin')
    const task = up.download({ url: 'https://a.test', success() {} })
    const a = vi.fn()
    const b = vi.fn()
    task.onProgressUpdate(a)
    task.onProgressUpdate(b)
    task.offProgressUpdate(a)
    fake.last().progress({ totalBytesWritten: 1, totalBytesExpectedToWrite: 4 })
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([0, 1])
    task.offProgressUpdate(vi.fn()) // not added: nothing happens
    task.offProgressUpdate()
    fake.last().progress({ totalBytesWritten: 2, totalBytesExpectedToWrite: 4 })
    expect(b).toHaveBeenCalledTimes(1)
    task.onHeadersReceived(a)
    task.onHeadersReceived(b)
    task.offHeadersReceived(a)
    fake.last().headers({ x: '1' })
    task.offHeadersReceived()
    fake.last().headers({ x: '2' })
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([0, 2])
  })

  it('a listener that removes itself while an event is delivered does not make the next one miss it', () => {
    const { fake, up } = setup('mp-weixin')
    const task = up.download({ url: 'https://a.test', success() {} })
    const first = vi.fn(() => task.offProgressUpdate(first))
    const second = vi.fn()
    task.onProgressUpdate(first)
    task.onProgressUpdate(second)
    fake.last().progress({ totalBytesWritten: 1, totalBytesExpectedToWrite: 4 })
    fake.last().progress({ totalBytesWritten: 2, totalBytesExpectedToWrite: 4 })
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 2])
  })
})

// ---------------------------------------------------------------------------------------------
describe('rule 9: headers', () => {
  it.each(APIS)('web %s: the runtime throws on onHeadersReceived; the call goes on', async (api) => {
    const { fake, up } = setup('web')
    const promise = start(up, api, okOptions(api))
    expect(() => fake.last().task.onHeadersReceived(() => {})).toThrow('Method not implemented.')
    fake.last().succeed({ statusCode: 200 })
    await expect(promise).resolves.toMatchObject({ statusCode: 200 })
  })

  it('web upload: no header event, so header listeners get the result header once, before success', async () => {
    const { fake, up } = setup('web')
    const order: string[] = []
    const task = up.upload({ url: 'https://a.test', filePath: '/a', success: (r) => order.push('success:' + JSON.stringify(r.header)) })
    task.onHeadersReceived((e) => order.push('headers:' + JSON.stringify(e)))
    fake.last().succeed({ header: { 'X-Trace': 't' } })
    expect(order).toEqual(['headers:{"header":{"x-trace":"t"}}', 'success:{"x-trace":"t"}'])
  })

  it.each(['web', 'app'] as FakePlatform[])('%s download: no header anywhere, so header listeners are never called', async (platform) => {
    const { fake, up } = setup(platform)
    const headers = vi.fn()
    const promise = up.download({ url: 'https://a.test' })
    promise.onHeadersReceived(headers)
    fake.last().succeed()
    const result = await promise
    expect(result.header).toBeUndefined()
    expect(headers).not.toHaveBeenCalled()
  })

  it('app upload: the runtime accepts onHeadersReceived but never fires; the result header is given once', async () => {
    const { fake, up } = setup('app')
    const headers = vi.fn()
    const promise = up.upload({ url: 'https://a.test', filePath: '/a' })
    promise.onHeadersReceived(headers)
    fake.last().headers({ ignored: '1' })
    fake.last().succeed({ header: { 'X-A': '1' } })
    await promise
    expect(headers.mock.calls).toEqual([[{ header: { 'X-A': '1' } }]])
  })

  describe.each(MINI_PROGRAMS)('%s', (platform) => {
    it.each(APIS)('%s: header events reach the listeners, and the result header is not given again', async (api) => {
      const { fake, up } = setup(platform)
      const headers = vi.fn()
      const promise = start(up, api, okOptions(api))
      promise.onHeadersReceived(headers)
      fake.last().headers({ 'X-Early': '1' })
      fake.last().succeed({ header: { 'X-Early': '1', 'X-Final': '2' } })
      await promise
      expect(headers.mock.calls).toEqual([[{ header: { 'X-Early': '1' } }]])
    })

    it.each(APIS)('%s: no header event before success: the result header is given once', async (api) => {
      const { fake, up } = setup(platform)
      const headers = vi.fn()
      const promise = start(up, api, okOptions(api))
      promise.onHeadersReceived(headers)
      fake.last().succeed({ header: { 'X-Final': '2' } })
      const result = await promise
      if (platform == 'mp-alipay' && api == 'download') {
        expect(result.header).toBeUndefined() // Alipay downloads give no header
        expect(headers).not.toHaveBeenCalled()
      } else expect(headers.mock.calls).toEqual([[{ header: { 'X-Final': '2' } }]])
    })

    it.each(APIS)('%s: a failure gives no header from the wrapper', async (api) => {
      const { fake, up } = setup(platform)
      const headers = vi.fn()
      const promise = start(up, api, okOptions(api))
      promise.onHeadersReceived(headers)
      fake.last().fail('x', { header: { a: '1' } })
      await outcome(promise)
      expect(headers).not.toHaveBeenCalled()
    })
  })
})

// ---------------------------------------------------------------------------------------------
describe('interceptors (uni.addInterceptor)', () => {
  describe.each(PLATFORMS)('%s', (platform) => {
    it.each(APIS)('%s: invoke returning false (the runtime never settles): the wrapper timer settles once with TimeoutError', async (api) => {
      const { fake, up } = setup(platform, { timeout: 5000 })
      fake.uni.addInterceptor(runtimeApi(api), { invoke: () => false })
      const rec = recorder()
      start(up, api, okOptions(api, rec.callbacks))
      expect(fake.requests).toHaveLength(0)
      expect(fake.cancelled).toHaveLength(1)
      vi.advanceTimersByTime(4999)
      expect(rec.calls).toEqual([])
      vi.advanceTimersByTime(1)
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(TimeoutError)
      expect(rec.fail.mock.calls[0]![0].errMsg).toBe(`${runtimeApi(api)}:fail timeout`)
      await vi.runAllTimersAsync()
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(vi.getTimerCount()).toBe(0)
    })

    it.each(APIS)('%s: invoke returning false with timeout 0: stays pending until abort()', async (api) => {
      const { fake, up } = setup(platform, { timeout: 0 })
      fake.uni.addInterceptor(runtimeApi(api), { invoke: () => false })
      const promise = start(up, api, okOptions(api))
      const state = track(promise)
      await vi.advanceTimersByTimeAsync(24 * 3600 * 1000)
      expect(state.settled).toBe(false)
      expect(vi.getTimerCount()).toBe(0)
      promise.abort()
      await microtasks()
      expect(state.error).toBeInstanceOf(AbortError)
      expect(state.count).toBe(1)
    })

    it.each(APIS)('%s: invoke returning a Promise: the task still comes synchronously, progress works, it settles once', async (api) => {
      const { fake, up } = setup(platform)
      let release!: () => void
      fake.uni.addInterceptor(runtimeApi(api), { invoke: (o: any) => new Promise((r) => (release = () => r(o))) })
      const rec = recorder()
      const task = start(up, api, okOptions(api, rec.callbacks))
      expect(typeof task.abort).toBe('function')
      expect(typeof task.then).toBe('undefined')
      const events: any[] = []
      task.onProgressUpdate((e: any) => events.push(e.progress))
      await microtasks()
      expect(fake.requests).toHaveLength(0)
      release()
      await microtasks()
      expect(fake.requests).toHaveLength(1)
      fake.last().progress({ totalBytesSent: 40, totalBytesExpectedToSend: 100, totalBytesWritten: 40, totalBytesExpectedToWrite: 100 })
      fake.last().succeed()
      expect(events).toEqual([40, 100])
      expect(rec.names()).toEqual(['success', 'complete'])
      expect(fake.activeListeners()).toBe(0)
    })

    it.each(APIS)('%s: invoke returning a Promise, abort() before the task exists: AbortError at once, and the task is aborted when it arrives', async (api) => {
      const { fake, up } = setup(platform)
      let release!: () => void
      fake.uni.addInterceptor(runtimeApi(api), { invoke: (o: any) => new Promise((r) => (release = () => r(o))) })
      const rec = recorder()
      const task = start(up, api, okOptions(api, rec.callbacks))
      task.abort()
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(AbortError)
      release()
      await microtasks()
      expect(fake.requests).toHaveLength(1)
      expect(fake.last().aborted).toBe(true)
      runtimeCatchesUp()
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(fake.activeListeners()).toBe(0)
    })

    it.each(APIS)("%s: invoke's Promise rejecting: NetworkError \"<api>:fail <message>\", once", async (api) => {
      const { fake, up } = setup(platform)
      fake.uni.addInterceptor(runtimeApi(api), { invoke: () => Promise.reject(new Error('no token')) })
      const rec = recorder()
      start(up, api, okOptions(api, rec.callbacks))
      await microtasks()
      expect(rec.names()).toEqual(['fail', 'complete'])
      const error = rec.fail.mock.calls[0]![0]
      expect(error).toBeInstanceOf(NetworkError)
      expect(error.errMsg).toBe(`${runtimeApi(api)}:fail no token`)
      expect(error.cause).toBeUndefined() // no runtime result: rule 6
      await vi.runAllTimersAsync()
      expect(rec.names()).toEqual(['fail', 'complete'])
      expect(fake.requests).toHaveLength(0)
      expect(vi.getTimerCount()).toBe(0)
    })

    it.each(APIS)('%s: invoke resolving to something else (the call goes out without callbacks): the wrapper timer ends it and aborts the stray request', async (api) => {
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { fake, up } = setup(platform, { timeout: 1000 })
      fake.uni.addInterceptor(runtimeApi(api), { invoke: async () => true })
      const state = track(start(up, api, okOptions(api)))
      await microtasks()
      expect(fake.requests).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1000)
      expect(state.error).toBeInstanceOf(TimeoutError)
      expect(fake.last().aborted || fake.last().settled).toBe(true)
    })

    it.each(APIS)('%s: a returnValue interceptor that hides the task: still settles through the callbacks', async (api) => {
      const { fake, up } = setup(platform)
      fake.uni.addInterceptor(runtimeApi(api), { returnValue: () => ({ hidden: true }) })
      const promise = start(up, api, okOptions(api))
      fake.last().succeed()
      await expect(promise).resolves.toMatchObject({ errMsg: `${runtimeApi(api)}:ok` })
      const aborted = start(up, api, okOptions(api))
      aborted.abort()
      expect((await outcome(aborted)).error).toBeInstanceOf(AbortError)
    })

    it.each(APIS)('%s: a synchronous invoke that edits the options is honoured', async (api) => {
      const { fake, up } = setup(platform)
      fake.uni.addInterceptor(runtimeApi(api), { invoke: (o: any) => void (o.header = { ...o.header, 'X-Intercepted': '1' }) })
      const promise = start(up, api, okOptions(api))
      expect(fake.last().options.header).toEqual({ 'X-Intercepted': '1' })
      fake.last().succeed()
      await expect(promise).resolves.toBeTruthy()
    })
  })
})

// ---------------------------------------------------------------------------------------------
describe('retry (extension option)', () => {
  it.each(PLATFORMS)('%s: retry: n retries a NetworkError n times, then fails with the last error', async (platform) => {
    const { fake, up } = setup(platform)
    const onRetry = vi.fn()
    const state = track(up.download({ url: 'https://a.test', retry: 2, onRetry }))
    for (let i = 0; i < 3; i++) {
      expect(fake.requests).toHaveLength(i + 1)
      fake.last().fail(`attempt ${i + 1}`)
      await vi.advanceTimersByTimeAsync(10_000)
    }
    expect(fake.requests).toHaveLength(3)
    expect(state.error).toBeInstanceOf(NetworkError)
    expect(state.error!.errMsg).toBe('downloadFile:fail attempt 3')
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.error.errMsg, info.delay])).toEqual([
      [1, 'downloadFile:fail attempt 1', 300],
      [2, 'downloadFile:fail attempt 2', 600],
    ])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a retry that succeeds resolves with that response', async () => {
    const { fake, up } = setup('mp-weixin')
    const promise = up.upload({ url: 'https://a.test', filePath: '/a', retry: { limit: 3 } })
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(300)
    fake.last().succeed({ data: 'second time' })
    expect((await promise).data).toBe('second time')
    expect(fake.requests).toHaveLength(2)
  })

  it('default delays double from 300 ms; the retry waits exactly that long', async () => {
    const { fake, up } = setup('mp-weixin')
    const state = track(up.download({ url: 'https://a.test', retry: 3 }))
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(299)
    expect(fake.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.requests).toHaveLength(2)
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(599)
    expect(fake.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.requests).toHaveLength(3)
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(1200)
    expect(fake.requests).toHaveLength(4)
    fake.last().succeed()
    await microtasks()
    expect(state.value).toBeTruthy()
  })

  it('delay as a list: one per retry, the last one repeating', async () => {
    const { fake, up } = setup('app')
    const onRetry = vi.fn()
    track(up.download({ url: 'https://a.test', retry: { limit: 4, delay: [10, 50] }, onRetry }))
    for (let i = 0; i < 5; i++) {
      fake.last().fail()
      await vi.advanceTimersByTimeAsync(50)
    }
    expect(onRetry.mock.calls.map(([info]) => info.delay)).toEqual([10, 50, 50, 50])
  })

  it('delay as a function of the attempt and the error', async () => {
    const { fake, up } = setup('app')
    const delay = vi.fn((attempt: number, _error: TransferError) => attempt * 7)
    const onRetry = vi.fn()
    track(up.download({ url: 'https://a.test', retry: { limit: 2, delay }, onRetry }))
    fake.last().fail('one')
    await vi.advanceTimersByTimeAsync(7)
    fake.last().fail('two')
    await vi.advanceTimersByTimeAsync(14)
    expect(fake.requests).toHaveLength(3)
    expect(delay.mock.calls.map(([attempt, error]) => [attempt, error.errMsg])).toEqual([
      [1, 'downloadFile:fail one'],
      [2, 'downloadFile:fail two'],
    ])
    expect(onRetry.mock.calls.map(([info]) => info.delay)).toEqual([7, 14])
  })

  it('by default TimeoutError, NetworkError and a 5xx HTTPError are retried; a 4xx HTTPError and a ParseError are not', async () => {
    const cases: [string, (f: ReturnType<typeof setup>['fake']) => void, boolean][] = [
      ['network', (f) => f.last().fail('reset'), true],
      ['runtime timeout', (f) => f.last().fail('timeout'), true],
      ['503', (f) => f.last().succeed({ statusCode: 503 }), true],
      ['404', (f) => f.last().succeed({ statusCode: 404 }), false],
      ['bad json', (f) => f.last().succeed({ data: '{' }), false],
    ]
    for (const [, end, retried] of cases) {
      const { fake, up } = setup('mp-weixin')
      const state = track(up.upload({ url: 'https://a.test', filePath: '/a', retry: 1, parse: 'json', validateStatus: (c: number) => c < 400 }))
      end(fake)
      await vi.advanceTimersByTimeAsync(300)
      expect(fake.requests).toHaveLength(retried ? 2 : 1)
      expect(state.settled).toBe(!retried)
    }
  })

  it('the wrapper timeout is retried too: the runtime task is aborted and a new request made', async () => {
    const { fake, up } = setup('mp-weixin', { timeout: 100 })
    const onRetry = vi.fn()
    const state = track(up.upload({ url: 'https://a.test', filePath: '/a', retry: { limit: 1, delay: [50] }, onRetry }))
    await vi.advanceTimersByTimeAsync(100)
    expect(fake.requests[0]!.aborted).toBe(true)
    expect(onRetry.mock.calls[0]![0].error).toBeInstanceOf(TimeoutError)
    await vi.advanceTimersByTimeAsync(51) // (the fake reports the abort 1 ms later; see the next test)
    expect(fake.requests).toHaveLength(2)
    fake.last().succeed({ data: 'ok' })
    await microtasks()
    expect(state.value!.data).toBe('ok')
  })

  it("a timed-out request's late abort report is not a second failure: with `when` accepting only timeouts, the retry still happens", async () => {
    const { fake, up } = setup('mp-weixin', { timeout: 100 })
    const onRetry = vi.fn()
    const state = track(
      up.upload({ url: 'https://a.test', filePath: '/a', retry: { limit: 1, delay: [50], when: (e) => e instanceof TimeoutError }, onRetry }),
    )
    await vi.advanceTimersByTimeAsync(100) // our timer aborts the task; the runtime reports "fail abort" a tick later
    await vi.advanceTimersByTimeAsync(51)
    expect(state.error).toBeUndefined() // not failed with the runtime's NetworkError "uploadFile:fail abort"
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(onRetry.mock.calls[0]![0].error).toBeInstanceOf(TimeoutError)
    expect(fake.requests).toHaveLength(2)
    fake.last().succeed({ data: 'second' })
    await microtasks()
    expect(state.error).toBeUndefined()
    expect(state.value!.data).toBe('second')
  })

  it('`when` decides what is retried', async () => {
    const { fake, up } = setup('mp-weixin')
    const when = vi.fn((e: TransferError) => e.statusCode == 404)
    const state = track(up.download({ url: 'https://a.test', retry: { limit: 1, when }, validateStatus: (c) => c == 200 }))
    fake.last().succeed({ statusCode: 404 })
    await vi.advanceTimersByTimeAsync(300)
    expect(fake.requests).toHaveLength(2)
    fake.last().fail('reset')
    await microtasks()
    expect(state.error).toBeInstanceOf(NetworkError) // not retried: `when` said no (and the limit is reached)
    expect(when).toHaveBeenCalledTimes(1)
  })

  it('an AbortError is never retried, whatever `when` says', async () => {
    const { fake, up } = setup('mp-weixin')
    const when = vi.fn(() => true)
    const promise = up.upload({ url: 'https://a.test', filePath: '/a', retry: { limit: 5, when } })
    promise.abort()
    const { error } = await outcome(promise)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(error).toBeInstanceOf(AbortError)
    expect(fake.requests).toHaveLength(1)
    expect(when).not.toHaveBeenCalled()
  })

  it('abort() during the backoff ends the call at once: no further request, no timer left', async () => {
    const { fake, up } = setup('app')
    const rec = recorder()
    const task = up.download({ url: 'https://a.test', retry: { limit: 3, delay: [5000] }, ...rec.callbacks })
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(100)
    task.abort()
    expect(rec.names()).toEqual(['fail', 'complete'])
    expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(AbortError)
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.requests).toHaveLength(1)
  })

  it('files sent one by one: each file gets its own retries, and the result covers every file', async () => {
    const { fake, up } = setup('mp-weixin')
    const promise = up.upload({ url: 'https://a.test', files: [{ uri: '/1' }, { uri: '/2' }], retry: { limit: 1, delay: [0] } })
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(0)
    fake.last().succeed({ data: '1' })
    fake.last().fail()
    await vi.advanceTimersByTimeAsync(0)
    fake.last().succeed({ data: '2' })
    const result = await promise
    expect(fake.requests.map((r) => r.options.filePath)).toEqual(['/1', '/1', '/2', '/2'])
    expect(result.results!.map((r) => r.data)).toEqual(['1', '2'])
  })

  it.each([
    ['retry.when', { retry: { limit: 1, when: () => { throw new Error('when broke') } } }, 'when broke'],
    ['retry.delay (a function)', { retry: { limit: 1, delay: () => { throw new Error('delay broke') } } }, 'delay broke'],
    ['onRetry', { retry: 1, onRetry: () => { throw new Error('onRetry broke') } }, 'onRetry broke'],
  ])('%s that throws fails the call with TransferError (cause: what it threw), once, with no timer left', async (_, extra, message) => {
    const { fake, up } = setup('mp-weixin')
    const rec = recorder()
    up.download({ url: 'https://a.test', ...(extra as any), ...rec.callbacks })
    fake.last().fail('reset')
    await vi.runAllTimersAsync()
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error.constructor).toBe(TransferError)
    expect(error.errMsg).toBe(`downloadFile:fail ${message}`)
    expect((error.cause as Error).message).toBe(message)
    expect(fake.requests).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a request that failed inside the runtime call, before its task was returned, keeps no listener once retried', async () => {
    // uni-h5 fails a bare `file` synchronously (syncFailures.fileError); an interceptor drops the
    // filePath of the first attempt only, so that attempt fails before uploadFile returns its task.
    const { fake, up } = setup('web', {}, 'config.uni', { syncFailures: { fileError: true } })
    let first = true
    fake.uni.addInterceptor('uploadFile', {
      invoke(o: any) {
        if (first) delete o.filePath
        first = false
      },
    })
    const promise = up.upload({ url: 'https://a.test', filePath: 'blob:1', retry: { limit: 1, delay: [10] } })
    promise.onProgressUpdate(() => {})
    expect(fake.requests[0]!.outcome).toBe('fail')
    await vi.advanceTimersByTimeAsync(10)
    expect(fake.requests).toHaveLength(2)
    fake.last().succeed()
    await promise
    expect(fake.activeListeners()).toBe(0)
  })

  it('callbacks of a request that was retried no longer count', async () => {
    const stub = stubRuntime()
    const up = createUploader({ uni: stub.uni })
    const promise = up.upload({ url: 'https://a.test', filePath: '/a', retry: { limit: 1, delay: [10] } })
    const first = stub.last()
    first.options.fail({ errMsg: 'uploadFile:fail reset' })
    await vi.advanceTimersByTimeAsync(10)
    first.options.success({ statusCode: 200, data: 'stale' })
    stub.last().options.success({ statusCode: 200, data: 'fresh' })
    expect((await promise).data).toBe('fresh')
  })
})

// ---------------------------------------------------------------------------------------------
describe('config hooks (extension)', () => {
  it('beforeTransfer hooks run in order, may be async, and may return new options', async () => {
    const order: string[] = []
    const { fake, up } = setup('mp-weixin', {
      hooks: {
        beforeTransfer: [
          async (o: any) => {
            order.push('first:' + o.url)
            return { ...o, url: 'https://a.test/second', header: { Authorization: 'fresh' } }
          },
          (o: any) => void order.push('second:' + o.url),
        ],
      },
    })
    const promise = up.upload({ url: 'https://a.test/first', filePath: '/a' })
    expect(fake.requests).toHaveLength(0)
    await microtasks()
    expect(order).toEqual(['first:https://a.test/first', 'second:https://a.test/second'])
    expect(fake.last().url).toBe('https://a.test/second')
    expect(fake.last().options.header).toEqual({ Authorization: 'fresh' })
    fake.last().succeed()
    await expect(promise).resolves.toBeTruthy()
  })

  it('beforeTransfer gets a copy: editing it does not touch the caller options', async () => {
    const { fake, up } = setup('mp-weixin', { hooks: { beforeTransfer: [(o: any) => void (o.url = 'https://a.test/edited')] } })
    const options = { url: 'https://a.test/mine', filePath: '/a', success() {} }
    up.upload(options)
    await microtasks()
    expect(options.url).toBe('https://a.test/mine')
    expect(fake.last().url).toBe('https://a.test/edited')
  })

  it('a beforeTransfer hook that throws or rejects fails the call with TransferError (cause: what it threw); nothing is sent', async () => {
    const reason = new Error('no token')
    for (const hook of [() => { throw reason }, () => Promise.reject(reason)]) {
      const { fake, up } = setup('web', { hooks: { beforeTransfer: [hook] } })
      const rec = recorder()
      up.upload({ url: 'https://a.test', filePath: '/a', ...rec.callbacks })
      await microtasks()
      expect(rec.names()).toEqual(['fail', 'complete'])
      const error = rec.fail.mock.calls[0]![0]
      expect(error).toBeInstanceOf(TransferError)
      expect(error.errMsg).toBe('uploadFile:fail no token')
      expect(error.cause).toBe(reason)
      expect(fake.requests).toHaveLength(0)
    }
  })

  it('options a beforeTransfer hook returns are checked again: bad ones are an OptionError and nothing is sent', async () => {
    const { fake, up } = setup('web', { hooks: { beforeTransfer: [(o: any) => ({ ...o, url: '' })] } })
    const { error } = await outcome(up.upload({ url: 'https://a.test', filePath: '/a' }))
    expect(error).toBeInstanceOf(OptionError)
    expect(error.errMsg).toMatch(/url/)
    expect(fake.requests).toHaveLength(0)
    const notObject = setup('web', { hooks: { beforeTransfer: [() => 'nope'] } })
    expect((await outcome(notObject.up.upload({ url: 'https://a.test', filePath: '/a' }))).error).toBeInstanceOf(OptionError)
  })

  it('bad call options fail before any hook runs', async () => {
    const hook = vi.fn()
    const { up } = setup('web', { hooks: { beforeTransfer: [hook] } })
    expect((await outcome(up.upload({ url: '', filePath: '/a' }))).error).toBeInstanceOf(OptionError)
    expect(hook).not.toHaveBeenCalled()
  })

  it('abort() while a beforeTransfer hook is pending: AbortError, and nothing is ever sent', async () => {
    let release!: () => void
    const { fake, up } = setup('web', { hooks: { beforeTransfer: [() => new Promise<void>((r) => (release = r))] } })
    const promise = up.download({ url: 'https://a.test' })
    await microtasks() // the hook has started
    promise.abort()
    release()
    const { error } = await outcome(promise)
    await microtasks()
    expect(error).toBeInstanceOf(AbortError)
    expect(fake.requests).toHaveLength(0)
  })

  it('afterTransfer hooks run in order with the outcome and the options, before the caller hears of it', async () => {
    const order: string[] = []
    const { fake, up } = setup('mp-weixin', {
      hooks: {
        afterTransfer: [
          async (outcome: any, options: any) => void order.push(`first:${outcome.statusCode}:${options.url}`),
          (outcome: any) => void order.push(`second:${outcome instanceof TransferError ? outcome.name : outcome.statusCode}`),
        ],
      },
    })
    const rec = recorder()
    up.download({ url: 'https://a.test/f', success: (r) => order.push('success:' + r.statusCode) })
    fake.last().succeed({ statusCode: 201 })
    expect(order).toEqual([]) // not yet: the hooks run first
    await microtasks()
    expect(order).toEqual(['first:201:https://a.test/f', 'second:201', 'success:201'])
    up.download({ url: 'https://a.test/g', ...rec.callbacks })
    fake.last().fail('reset')
    await microtasks()
    expect(order.slice(3)).toEqual(['first:undefined:https://a.test/g', 'second:NetworkError'])
    expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(NetworkError)
  })

  it('an afterTransfer hook that throws fails the call (TransferError, cause: what it threw)', async () => {
    const reason = new Error('audit failed')
    const { fake, up } = setup('mp-weixin', { hooks: { afterTransfer: [() => { throw reason }] } })
    const rec = recorder()
    up.upload({ url: 'https://a.test', filePath: '/a', ...rec.callbacks })
    fake.last().succeed()
    await microtasks()
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(TransferError)
    expect(error.errMsg).toBe('uploadFile:fail audit failed')
    expect(error.cause).toBe(reason)
  })

  it('afterTransfer also sees option errors and aborts, and the call still settles once', async () => {
    const seen: string[] = []
    const { up } = setup('mp-weixin', { hooks: { afterTransfer: [(o: any) => void seen.push(o.name)] } })
    const bad = outcome(up.upload({ url: '', filePath: '/a' }))
    const aborted = up.download({ url: 'https://a.test' })
    aborted.abort()
    aborted.abort()
    expect((await bad).error).toBeInstanceOf(OptionError)
    expect((await outcome(aborted)).error).toBeInstanceOf(AbortError)
    expect(seen.sort()).toEqual(['AbortError', 'OptionError'])
  })

  it('hooks added through install/mergeConfig are appended to those of createUploader', async () => {
    const order: number[] = []
    const { fake, up } = setup('mp-weixin', { hooks: { beforeTransfer: [() => void order.push(1)] } })
    up.install({ provide() {} }, { hooks: { beforeTransfer: [() => void order.push(2)] } })
    up.download({ url: 'https://a.test', success() {} })
    await microtasks()
    expect(order).toEqual([1, 2])
    expect(fake.requests).toHaveLength(1)
  })
})

// ---------------------------------------------------------------------------------------------
describe('load: 2,000 transfers against the fake runtime', () => {
  type Kind = 'success' | 'fail' | 'abort' | 'timeout' | 'http'
  const KINDS: Kind[] = ['success', 'fail', 'abort', 'timeout', 'http']
  const EXPECTED: Record<Exclude<Kind, 'success'>, any> = { fail: NetworkError, abort: AbortError, timeout: TimeoutError, http: HTTPError }

  /** Runs `count` transfers over every platform and both modes; returns what each call heard. */
  async function runBatch(count: number) {
    const fakes = PLATFORMS.map((platform) => setup(platform, { timeout: 1000 }))
    const calls: { kind: Kind; heard: string[]; error?: unknown; platform: string }[] = []
    for (let i = 0; i < count; i++) {
      const kind = KINDS[i % KINDS.length]!
      const { fake, up } = fakes[Math.floor(i / KINDS.length) % fakes.length]!
      // (Alipay downloads carry no status, so the HTTPError kind uses uploads.)
      const api: Api = i % 2 || kind == 'http' ? 'upload' : 'download'
      const record = { kind, heard: [] as string[], error: undefined as unknown, platform: fake.platform }
      calls.push(record)
      const options = okOptions(api, { validateStatus: (c: number) => c < 400 })
      let task: any
      if (i % 3 == 0) {
        task = start(up, api, options)
        task.then(
          () => record.heard.push('resolve'),
          (e: unknown) => (record.heard.push('reject'), (record.error = e)),
        )
      } else {
        task = start(up, api, {
          ...options,
          success: () => record.heard.push('success'),
          fail: (e: unknown) => (record.heard.push('fail'), (record.error = e)),
          complete: () => record.heard.push('complete'),
        })
      }
      task.onProgressUpdate(() => {})
      task.onHeadersReceived(() => {})
      // LEAK_PROBE=retain keeps every call reachable, to see this test fail the way a leak would.
      if (process.env.LEAK_PROBE == 'retain') ((globalThis as any).__retained ??= []).push(task, fake.last().options)
      const request = fake.last()
      request.progress({ totalBytesSent: 10, totalBytesExpectedToSend: 20, totalBytesWritten: 10, totalBytesExpectedToWrite: 20 })
      if (kind == 'success') request.succeed()
      else if (kind == 'fail') request.fail('reset')
      else if (kind == 'abort') task.abort()
      else if (kind == 'http') request.succeed({ statusCode: 503 })
      // timeout: left to the wrapper's timer
    }
    await vi.advanceTimersByTimeAsync(1000)
    await vi.runAllTimersAsync()
    const listeners = fakes.reduce((n, s) => n + s.fake.activeListeners(), 0)
    return { calls, listeners }
  }

  it('every call settles exactly once with the right class; no listener, no timer left; the heap comes back', async () => {
    // Heap: a real collection is needed for a meaningful number. Node allows turning on
    // --expose-gc at run time; the flag only affects contexts created afterwards, hence vm.
    const v8 = await import('node:v8')
    const vm = await import('node:vm')
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const heap = () => {
      gc()
      gc()
      return process.memoryUsage().heapUsed
    }

    await runBatch(200) // warm up (JIT, module state)
    const before = heap()
    const { calls, listeners } = await runBatch(2000)
    expect(calls).toHaveLength(2000)
    for (const call of calls) {
      const promiseMode = call.heard[0] == 'resolve' || call.heard[0] == 'reject'
      if (call.kind == 'success') expect(call.heard).toEqual(promiseMode ? ['resolve'] : ['success', 'complete'])
      else {
        expect(call.heard, `${call.kind} on ${call.platform}`).toEqual(promiseMode ? ['reject'] : ['fail', 'complete'])
        expect(call.error, `${call.kind} on ${call.platform}`).toBeInstanceOf(EXPECTED[call.kind])
      }
    }
    expect(listeners).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    calls.length = 0
    const after = heap()
    if (process.env.LEAK_PROBE !== undefined) console.log(`heap delta after 2,000 calls: ${after - before} bytes`)
    // 2,000 settled calls must not stay reachable. The fake runtimes of the batch are dropped
    // with it, so anything still held is held by the library; 4 MB is far below what 2,000
    // retained calls with their closures, results and errors take (well over 10 MB), and far
    // above the noise of a collected heap.
    expect(after - before).toBeLessThan(4 * 1024 * 1024)
  }, 60_000)
})

// Keep the one ParseError check here that belongs to the engine: it is not retried and ends the call.
it('a ParseError ends the call at once, without retry, keeping the response as cause', async () => {
  const { fake, up } = setup('mp-weixin')
  const promise = up.upload({ url: 'https://a.test', filePath: '/a', parse: 'json', retry: 3 })
  fake.last().succeed({ data: 'not json', statusCode: 200 })
  const { error } = await outcome(promise)
  expect(error).toBeInstanceOf(ParseError)
  expect(error.cause).toMatchObject({ data: 'not json', statusCode: 200 })
  expect(fake.requests).toHaveLength(1)
})

describe('runtime errMsg without ":fail"', () => {
  it.each(APIS)('%s: a runtime errMsg such as net::ERR_… keeps its words after "<api>:fail"', async (api) => {
    const { fake, up } = setup('web')
    const rec = recorder()
    start(up, api, okOptions(api, rec.callbacks))
    await microtasks()
    fake.last().fail('net::ERR_CONNECTION_RESET')
    await vi.runAllTimersAsync()
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.errMsg).toBe(`${runtimeApi(api)}:fail net::ERR_CONNECTION_RESET`)
  })

  it('a Baidu failure that says ":ok" becomes a bare "<api>:fail"', async () => {
    const { fake, up } = setup('mp-baidu')
    const rec = recorder()
    start(up, 'upload', okOptions('upload', rec.callbacks))
    await microtasks()
    fake.last().fail('uploadFile:ok')
    await vi.runAllTimersAsync()
    expect(rec.fail.mock.calls[0]![0].errMsg).toBe('uploadFile:fail')
  })
})

/**
 * The reactive state both composables share (src/composables/transferState.ts), tested through
 * the public `useUpload` / `useDownload` against the fake runtime (tests/helpers/fake-uni.ts).
 * Each describe block follows a paragraph of the `useUpload/useDownload` section of
 * /work/shared/API.md; useUpload.test.ts and useDownload.test.ts add what differs per kind and
 * drive real components.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, effectScope, isReadonly, isRef, nextTick, ref, watch, type Ref } from 'vue'
import uploader, {
  AbortError,
  createUploader,
  HTTPError,
  NetworkError,
  OptionError,
  TimeoutError,
  TransferError,
  useDownload,
  useUpload,
  type UploaderConfig,
  type UseTransferOptions,
} from '../../src/index'
import { createFakeUni, installFakeUni, type FakePlatform } from '../helpers/fake-uni'

const URL_UP = 'https://api.test/upload'
const URL_DOWN = 'https://api.test/file.bin'
const UPLOAD = { url: URL_UP, filePath: '/tmp/a.png', name: 'file' }
const DOWNLOAD = { url: URL_DOWN }

/** Lets promise callbacks and 0 ms timers run (real timers). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A fake runtime and an independent instance that calls it. */
function instance(platform: FakePlatform = 'mp-weixin', config: UploaderConfig = {}) {
  const fake = createFakeUni({ platform })
  return { fake, uploader: createUploader({ ...config, uni: fake.uni }) }
}

/** useUpload in an effect scope (no component), on an instance of its own. */
function scopedUpload(options: any = UPLOAD, useOptions: UseTransferOptions = {}, platform: FakePlatform = 'mp-weixin', config?: UploaderConfig) {
  const { fake, uploader } = instance(platform, config)
  const scope = effectScope()
  const state = scope.run(() => useUpload(options, { uploader, ...useOptions }))!
  return { fake, uploader, scope, state }
}

/** useDownload in an effect scope (no component), on an instance of its own. */
function scopedDownload(options: any = DOWNLOAD, useOptions: UseTransferOptions = {}, platform: FakePlatform = 'mp-weixin', config?: UploaderConfig) {
  const { fake, uploader } = instance(platform, config)
  const scope = effectScope()
  const state = scope.run(() => useDownload(options, { uploader, ...useOptions }))!
  return { fake, uploader, scope, state }
}

/** Mounts a component whose setup calls `use`; `plugins` as in @vue/test-utils' `global.plugins`. */
function mountWith<T>(use: () => T, plugins: any[] = []) {
  let state!: T
  const wrapper = mount(
    defineComponent({
      setup() {
        state = use()
        return () => null
      },
    }),
    { global: { plugins } },
  )
  return { wrapper, state }
}

/** Records every `unhandledRejection` while it is on. */
function watchUnhandled() {
  const seen: unknown[] = []
  const listener = (reason: unknown) => void seen.push(reason)
  process.on('unhandledRejection', listener)
  return {
    seen,
    /** Waits long enough for Node to report an unhandled rejection, then stops listening. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 20))
      process.off('unhandledRejection', listener)
      return seen
    },
  }
}

/** Counts the writes to a ref (a synchronous watcher sees every change). */
function countWrites(source: Readonly<Ref<unknown>>) {
  const values: unknown[] = []
  watch(source, (value) => void values.push(value), { flush: 'sync' })
  return values
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

// ---------------------------------------------------------------------------------------------

describe('instance resolution: the nearest app’s installed instance, else the default one; useOptions.uploader wins', () => {
  let restoreUni: (() => void) | undefined
  const savedDefault = { ...uploader.config }
  afterEach(() => {
    restoreUni && restoreUni()
    restoreUni = undefined
    // app.use(uploader, config) merges into the shared default instance: put it back.
    for (const key of Object.keys(uploader.config)) delete (uploader.config as any)[key]
    Object.assign(uploader.config, savedDefault)
  })

  it('uses the instance the app installed with app.use(createUploader({ uni }))', async () => {
    const { fake, uploader: mine } = instance()
    const global = createFakeUni()
    restoreUni = installFakeUni(global)
    const { state } = mountWith(() => useUpload(UPLOAD), [mine])
    const done = state.execute()
    expect(fake.requests).toHaveLength(1)
    expect(global.requests).toHaveLength(0)
    fake.last().succeed({ data: 'ok' })
    expect(await done).toMatchObject({ data: 'ok' })
  })

  it('two apps with different instances: each component uses its own app’s instance', () => {
    const a = instance()
    const b = instance()
    const inA = mountWith(() => useDownload(DOWNLOAD), [a.uploader]).state
    const inB = mountWith(() => useDownload(DOWNLOAD), [b.uploader]).state
    void inB.execute()
    expect(a.fake.requests).toHaveLength(0)
    expect(b.fake.requests).toHaveLength(1)
    void inA.execute()
    expect(a.fake.requests).toHaveLength(1)
    expect(b.fake.requests).toHaveLength(1)
  })

  it('app.use(uploader, config): the default instance, with the config merged in, is used by the app’s components', () => {
    const global = createFakeUni({ platform: 'mp-weixin' })
    restoreUni = installFakeUni(global)
    const { state } = mountWith(() => useUpload({ url: '/upload', filePath: '/tmp/a.png' }), [
      [uploader, { baseURI: 'https://api.test/v1', header: { 'X-App': '1' }, timeout: 5000 }],
    ])
    expect(uploader.config).toMatchObject({ baseURI: 'https://api.test/v1', header: { 'X-App': '1' }, timeout: 5000 })
    void state.execute()
    expect(global.requests).toHaveLength(1)
    expect(global.last().url).toBe('https://api.test/v1/upload')
    expect(global.last().options.header).toEqual({ 'X-App': '1' })
    expect(global.last().options.timeout).toBe(5000)
  })

  it('a component of an app that installed nothing uses the default instance (the global uni)', () => {
    const global = createFakeUni({ platform: 'mp-weixin' })
    restoreUni = installFakeUni(global)
    const { state } = mountWith(() => useUpload(UPLOAD))
    void state.execute()
    expect(global.requests).toHaveLength(1)
  })

  it('outside any component and app (a bare effect scope) the default instance is used', () => {
    const global = createFakeUni({ platform: 'mp-weixin' })
    restoreUni = installFakeUni(global)
    uploader.config.header = { 'X-Default': 'yes' }
    const state = effectScope().run(() => useDownload(DOWNLOAD))!
    void state.execute()
    expect(global.requests).toHaveLength(1)
    expect(global.last().options.header).toEqual({ 'X-Default': 'yes' })
  })

  it('inside app.runWithContext the app’s installed instance is used, without a component', () => {
    const { fake, uploader: mine } = instance()
    const app = createApp({ render: () => null })
    app.use(mine)
    const state = app.runWithContext(() => useUpload(UPLOAD))
    void state.execute()
    expect(fake.requests).toHaveLength(1)
  })

  it('useOptions.uploader is the instance to use, even inside an app that installed another', () => {
    const installed = instance()
    const explicit = instance()
    const { state } = mountWith(() => useUpload(UPLOAD, { uploader: explicit.uploader }), [installed.uploader])
    void state.execute()
    expect(explicit.fake.requests).toHaveLength(1)
    expect(installed.fake.requests).toHaveLength(0)
  })

  it('install merges its config field by field: header by name case-insensitively (later spelling kept), undefined ignored', () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const given: UploaderConfig = { uni: fake.uni, timeout: 9000, header: { 'X-App': '1', Authorization: 'Bearer a', 'X-Keep': 'k' } }
    const mine = createUploader(given)
    const { state } = mountWith(() => useUpload(UPLOAD), [
      [mine, { timeout: undefined, baseURI: 'https://api.test', header: { 'x-app': '2', Authorization: undefined } }],
    ])
    void state.execute()
    const header = fake.last().options.header
    expect(header).toEqual({ 'x-app': '2', Authorization: 'Bearer a', 'X-Keep': 'k' })
    expect(Object.keys(header)).not.toContain('X-App')
    expect(fake.last().options.timeout).toBe(9000)
    expect(mine.config.baseURI).toBe('https://api.test')
    // createUploader copied the config: the caller's object is untouched by install.
    expect(given.header).toEqual({ 'X-App': '1', Authorization: 'Bearer a', 'X-Keep': 'k' })
    expect(given).not.toHaveProperty('baseURI')
  })

  it('install merges again on a second app.use (the instance config is shared by the apps that install it)', () => {
    const { fake, uploader: mine } = instance('mp-weixin', { header: { A: '1' } })
    mountWith(() => null, [[mine, { header: { B: '2' } }]])
    const { state } = mountWith(() => useUpload(UPLOAD), [[mine, { header: { a: '3' } }]])
    void state.execute()
    expect(fake.last().options.header).toEqual({ B: '2', a: '3' })
  })
})

// ---------------------------------------------------------------------------------------------

describe('before any transfer', () => {
  it('useUpload: status idle, progress 0, flags false, attempt 0, everything else undefined; nothing is sent', () => {
    const { fake, state } = scopedUpload()
    expect(state.status.value).toBe('idle')
    expect(state.progress.value).toBe(0)
    expect(state.isTransferring.value).toBe(false)
    expect(state.isFinished.value).toBe(false)
    expect(state.isAborted.value).toBe(false)
    expect(state.attempt.value).toBe(0)
    for (const key of ['totalBytesSent', 'totalBytesExpectedToSend', 'headers', 'statusCode', 'result', 'error', 'data', 'task'] as const) {
      expect(state[key].value, key).toBeUndefined()
    }
    expect(fake.requests).toHaveLength(0)
  })

  it('useDownload: the same, with the download byte counts and tempFilePath undefined', () => {
    const { fake, state } = scopedDownload()
    expect(state.status.value).toBe('idle')
    expect(state.progress.value).toBe(0)
    expect([state.isTransferring.value, state.isFinished.value, state.isAborted.value]).toEqual([false, false, false])
    for (const key of ['totalBytesWritten', 'totalBytesExpectedToWrite', 'headers', 'statusCode', 'result', 'error', 'tempFilePath', 'task'] as const) {
      expect(state[key].value, key).toBeUndefined()
    }
    expect(fake.requests).toHaveLength(0)
  })

  it('abort() with nothing running does nothing', () => {
    const { fake, state } = scopedUpload()
    state.abort()
    expect(state.status.value).toBe('idle')
    expect(state.error.value).toBeUndefined()
    expect(fake.requests).toHaveLength(0)
  })

  it('immediate: true starts a transfer at once with the options', () => {
    const { fake, state } = scopedUpload(UPLOAD, { immediate: true })
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().url).toBe(URL_UP)
    expect(state.status.value).toBe('pending')
    expect(state.isTransferring.value).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------

describe('execute(overrides): options read with toValue when the transfer starts', () => {
  it('a ref of options is read at execute time, not when the composable is created', () => {
    const options = ref<any>({ url: 'https://api.test/old', filePath: '/tmp/a.png' })
    const { fake, state } = scopedUpload(options)
    options.value = { url: 'https://api.test/new', filePath: '/tmp/b.png' }
    void state.execute()
    expect(fake.last().url).toBe('https://api.test/new')
    expect(fake.last().options.filePath).toBe('/tmp/b.png')
  })

  it('a getter is called once per execute, and each execute sees its current value', async () => {
    let n = 0
    const getter = vi.fn(() => ({ url: `https://api.test/${++n}`, filePath: '/tmp/a.png' }))
    const { fake, state } = scopedUpload(getter)
    expect(getter).not.toHaveBeenCalled()
    const first = state.execute()
    fake.last().succeed()
    await first
    void state.execute()
    expect(getter).toHaveBeenCalledTimes(2)
    expect(fake.requests.map((r) => r.url)).toEqual(['https://api.test/1', 'https://api.test/2'])
  })

  it('overrides are merged over the options (override wins, other fields kept, the options object untouched)', () => {
    const options = { url: URL_UP, filePath: '/tmp/a.png', name: 'avatar', formData: { a: '1' } }
    const { fake, state } = scopedUpload(options)
    void state.execute({ filePath: '/tmp/override.png', formData: { b: '2' } })
    expect(fake.last().options).toMatchObject({ url: URL_UP, filePath: '/tmp/override.png', name: 'avatar', formData: { b: '2' } })
    expect(options).toEqual({ url: URL_UP, filePath: '/tmp/a.png', name: 'avatar', formData: { a: '1' } })
  })

  it('with no options at all, execute(overrides) alone is enough', async () => {
    const { fake, uploader } = instance()
    const state = effectScope().run(() => useDownload(undefined, { uploader }))!
    const done = state.execute({ url: URL_DOWN })
    expect(fake.last().url).toBe(URL_DOWN)
    fake.last().succeed({ tempFilePath: 'http://tmp/x' })
    expect((await done)!.tempFilePath).toBe('http://tmp/x')
  })

  it('status is pending from execute until the first progress event, then transferring', () => {
    const { fake, state } = scopedUpload()
    void state.execute()
    expect(state.status.value).toBe('pending')
    expect(state.isTransferring.value).toBe(true)
    fake.last().headers({ 'x-a': '1' })
    expect(state.status.value).toBe('pending')
    fake.last().progress({ progress: 10 })
    expect(state.status.value).toBe('transferring')
    expect(state.isTransferring.value).toBe(true)
    expect(state.isFinished.value).toBe(false)
  })

  it('success: result, statusCode, headers set, status success, isFinished; execute resolves with the result', async () => {
    const { fake, state } = scopedUpload()
    const done = state.execute()
    fake.last().progress({ progress: 50 })
    fake.last().succeed({ statusCode: 201, data: '{"id":1}', header: { 'X-Id': '1' } })
    const result = await done
    expect(result).toMatchObject({ statusCode: 201, data: '{"id":1}', header: { 'X-Id': '1' }, errMsg: 'uploadFile:ok' })
    expect(state.result.value).toBe(result)
    expect(state.data.value).toBe('{"id":1}')
    expect(state.statusCode.value).toBe(201)
    expect(state.headers.value).toEqual({ 'X-Id': '1' })
    expect(state.status.value).toBe('success')
    expect(state.progress.value).toBe(100)
    expect(state.error.value).toBeUndefined()
    expect([state.isFinished.value, state.isTransferring.value, state.isAborted.value]).toEqual([true, false, false])
  })

  it('headers received before the response are shown at once', () => {
    const { fake, state } = scopedDownload()
    void state.execute()
    fake.last().headers({ 'Content-Length': '10' })
    expect(state.headers.value).toEqual({ 'Content-Length': '10' })
  })

  it('execute resolves with the result with throwOnError too', async () => {
    const { fake, state } = scopedDownload(DOWNLOAD, { throwOnError: true })
    const done = state.execute()
    fake.last().succeed({ tempFilePath: 'http://tmp/1' })
    await expect(done).resolves.toMatchObject({ tempFilePath: 'http://tmp/1', statusCode: 200 })
  })
})

// ---------------------------------------------------------------------------------------------

describe('validateStatus (2xx by default) and failures', () => {
  it.each([200, 201, 299])('%i is a success by default', async (statusCode) => {
    const { fake, state } = scopedUpload()
    const done = state.execute()
    fake.last().succeed({ statusCode })
    expect(await done).toMatchObject({ statusCode })
    expect(state.status.value).toBe('success')
  })

  it.each([199, 300, 404, 500])('%i fails with HTTPError by default: status error, statusCode set, execute resolves undefined', async (statusCode) => {
    const { fake, state } = scopedUpload()
    const onError = vi.fn()
    state.onError(onError)
    const done = state.execute()
    fake.last().succeed({ statusCode, data: 'nope', header: { 'X-Why': 'gone' } })
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(HTTPError)
    expect(state.error.value).toMatchObject({ statusCode, data: 'nope', errMsg: `uploadFile:fail status ${statusCode}` })
    expect(state.statusCode.value).toBe(statusCode)
    expect(state.headers.value).toEqual({ 'X-Why': 'gone' })
    expect(state.result.value).toBeUndefined()
    expect(state.data.value).toBeUndefined()
    expect([state.isFinished.value, state.isTransferring.value, state.isAborted.value]).toEqual([true, false, false])
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(state.error.value)
  })

  it('an HTTPError without response headers leaves headers undefined (download on H5)', async () => {
    const { fake, state } = scopedDownload(DOWNLOAD, {}, 'web')
    const done = state.execute()
    fake.last().succeed({ statusCode: 404 })
    await done
    expect(state.error.value).toBeInstanceOf(HTTPError)
    expect(state.statusCode.value).toBe(404)
    expect(state.headers.value).toBeUndefined()
  })

  it('useOptions.validateStatus replaces the 2xx rule', async () => {
    const { fake, state } = scopedDownload(DOWNLOAD, { validateStatus: (code) => code < 500 })
    const done = state.execute()
    fake.last().succeed({ statusCode: 404 })
    expect(await done).toMatchObject({ statusCode: 404 })
    expect(state.status.value).toBe('success')
    const again = state.execute()
    fake.last().succeed({ statusCode: 503 })
    expect(await again).toBeUndefined()
    expect(state.error.value).toBeInstanceOf(HTTPError)
  })

  it('a validateStatus in the call options wins over useOptions.validateStatus', async () => {
    const { fake, state } = scopedUpload({ ...UPLOAD, validateStatus: (code: number) => code == 418 }, { validateStatus: () => false })
    const done = state.execute()
    fake.last().succeed({ statusCode: 418 })
    expect(await done).toMatchObject({ statusCode: 418 })
    expect(state.status.value).toBe('success')
  })

  it('a network failure: status error, NetworkError in error, onError fired, execute resolves undefined', async () => {
    const { fake, state } = scopedUpload()
    const onError = vi.fn()
    state.onError(onError)
    const done = state.execute()
    fake.last().fail('offline')
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(NetworkError)
    expect(state.error.value!.errMsg).toBe('uploadFile:fail offline')
    expect(state.statusCode.value).toBeUndefined()
    expect(state.isFinished.value).toBe(true)
    expect(onError).toHaveBeenCalledWith(state.error.value)
  })

  it('a timeout: status error, TimeoutError', async () => {
    vi.useFakeTimers()
    const { state } = scopedDownload({ ...DOWNLOAD, timeout: 1000 })
    const done = state.execute()
    vi.advanceTimersByTime(1000)
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(TimeoutError)
    expect(state.error.value!.errMsg).toBe('downloadFile:fail timeout')
  })

  it('bad options: status error with an OptionError, nothing sent, the task is gone', async () => {
    const { fake, state } = scopedUpload({ filePath: '/tmp/a.png' })
    const done = state.execute()
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(OptionError)
    expect(state.error.value!.errMsg).toMatch(/^uploadFile:fail .*url/)
    expect(state.task.value).toBeUndefined()
    expect(fake.requests).toHaveLength(0)
  })

  it('throwOnError: execute rejects with the error, and the state is set as well', async () => {
    const { fake, state } = scopedUpload(UPLOAD, { throwOnError: true })
    const done = state.execute()
    fake.last().succeed({ statusCode: 500 })
    const error = await done.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HTTPError)
    expect(error).toBe(state.error.value)
    expect(state.status.value).toBe('error')
  })

  it('a failure keeps the progress reached so far', async () => {
    const { fake, state } = scopedUpload()
    const done = state.execute()
    fake.last().progress({ totalBytesSent: 40, totalBytesExpectedToSend: 100 })
    fake.last().fail()
    await done
    expect(state.progress.value).toBe(40)
    expect(state.totalBytesSent.value).toBe(40)
  })
})

// ---------------------------------------------------------------------------------------------

describe('abort()', () => {
  it('aborts the running transfer: status aborted, isAborted, AbortError in error, request aborted, onError not fired', async () => {
    const { fake, state } = scopedUpload()
    const onError = vi.fn()
    state.onError(onError)
    const done = state.execute()
    fake.last().progress({ progress: 30 })
    state.abort()
    expect(state.status.value).toBe('aborted')
    expect(state.isAborted.value).toBe(true)
    expect(state.isFinished.value).toBe(true)
    expect(state.isTransferring.value).toBe(false)
    expect(state.error.value).toBeInstanceOf(AbortError)
    expect(state.error.value!.errMsg).toBe('uploadFile:fail abort')
    expect(state.task.value).toBeUndefined()
    expect(fake.last().aborted).toBe(true)
    expect(fake.activeListeners()).toBe(0)
    expect(await done).toBeUndefined()
    await tick() // the runtime's own late "fail abort" changes nothing
    expect(state.status.value).toBe('aborted')
    expect(onError).not.toHaveBeenCalled()
  })

  it('aborts a transfer that has not had a progress event yet', async () => {
    const { fake, state } = scopedDownload()
    const done = state.execute()
    state.abort()
    expect(state.status.value).toBe('aborted')
    expect(fake.last().aborted).toBe(true)
    expect(await done).toBeUndefined()
  })

  it('with throwOnError, that execute rejects with the AbortError', async () => {
    const { state } = scopedDownload(DOWNLOAD, { throwOnError: true })
    const done = state.execute()
    state.abort()
    const error = await done.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect(error).toBe(state.error.value)
  })

  it('after a transfer settled, abort() changes nothing', async () => {
    const { fake, state } = scopedUpload()
    const done = state.execute()
    fake.last().succeed()
    await done
    state.abort()
    expect(state.status.value).toBe('success')
    expect(state.error.value).toBeUndefined()
    expect(fake.last().aborted).toBe(false)
  })

  it('an immediate execute never rejects: aborted with throwOnError, no unhandled rejection', async () => {
    const unhandled = watchUnhandled()
    const { fake, state } = scopedUpload(UPLOAD, { immediate: true, throwOnError: true })
    state.abort()
    expect(state.status.value).toBe('aborted')
    expect(state.error.value).toBeInstanceOf(AbortError)
    expect(fake.last().aborted).toBe(true)
    expect(await unhandled.stop()).toEqual([])
  })

  it('an immediate execute never rejects: failed with throwOnError, no unhandled rejection', async () => {
    const unhandled = watchUnhandled()
    const { fake, state } = scopedDownload(DOWNLOAD, { immediate: true, throwOnError: true })
    fake.last().fail('offline')
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(NetworkError)
    expect(await unhandled.stop()).toEqual([])
  })

  it('an immediate execute that fails on bad options never rejects either', async () => {
    const unhandled = watchUnhandled()
    const { state } = scopedUpload({ url: '' }, { immediate: true, throwOnError: true })
    await tick()
    expect(state.error.value).toBeInstanceOf(OptionError)
    expect(await unhandled.stop()).toEqual([])
  })

  it('an immediate execute superseded by a new execute, with throwOnError, never rejects', async () => {
    const unhandled = watchUnhandled()
    const { fake, state } = scopedUpload(UPLOAD, { immediate: true, throwOnError: true })
    const second = state.execute()
    expect(fake.requests[0].aborted).toBe(true)
    fake.last().succeed()
    await second
    expect(await unhandled.stop()).toEqual([])
  })

  it('the task a transfer exposes aborts it like abort() does', async () => {
    const { fake, state } = scopedUpload()
    const done = state.execute()
    state.task.value!.abort()
    expect(state.status.value).toBe('aborted')
    expect(fake.last().aborted).toBe(true)
    expect(await done).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------

describe('a new execute while one runs', () => {
  it('aborts the old one, which resolves undefined even with throwOnError; onError is not fired', async () => {
    const { fake, state } = scopedUpload(UPLOAD, { throwOnError: true })
    const onError = vi.fn()
    state.onError(onError)
    const first = state.execute()
    const second = state.execute({ filePath: '/tmp/b.png' })
    expect(fake.requests).toHaveLength(2)
    expect(fake.requests[0].aborted).toBe(true)
    expect(fake.requests[0].listenerCount()).toEqual({ progress: 0, headers: 0 })
    await expect(first).resolves.toBeUndefined()
    expect(onError).not.toHaveBeenCalled()
    // the state is the new transfer's, not the aborted one's
    expect(state.status.value).toBe('pending')
    expect(state.error.value).toBeUndefined()
    expect(state.isAborted.value).toBe(false)
    fake.last().succeed({ data: 'second' })
    expect(await second).toMatchObject({ data: 'second' })
    expect(state.data.value).toBe('second')
  })

  it('restarts from progress 0 with no error; byte counts, headers, statusCode, result undefined until the first event', async () => {
    const { fake, state } = scopedUpload()
    let done = state.execute()
    fake.last().progress({ totalBytesSent: 60, totalBytesExpectedToSend: 100 })
    fake.last().succeed({ statusCode: 500, header: { 'X-A': '1' } })
    await done
    expect(state.progress.value).toBe(60)
    expect(state.error.value).toBeInstanceOf(HTTPError)

    done = state.execute()
    expect(state.status.value).toBe('pending')
    expect(state.progress.value).toBe(0)
    for (const key of ['totalBytesSent', 'totalBytesExpectedToSend', 'headers', 'statusCode', 'result', 'error', 'data'] as const) {
      expect(state[key].value, key).toBeUndefined()
    }
    expect(state.isFinished.value).toBe(false)
    fake.last().progress({ totalBytesSent: 5, totalBytesExpectedToSend: 50 })
    await nextTick()
    fake.last().succeed()
    await done
    expect(state.totalBytesSent.value).toBe(50)
    expect(state.totalBytesExpectedToSend.value).toBe(50)
  })

  it('the running one is superseded mid-transfer: its byte counts are gone until the new one reports', () => {
    vi.useFakeTimers()
    const { fake, state } = scopedDownload()
    void state.execute()
    fake.last().progress({ totalBytesWritten: 30, totalBytesExpectedToWrite: 100 })
    vi.advanceTimersToNextFrame()
    expect(state.progress.value).toBe(30)
    void state.execute()
    expect(state.progress.value).toBe(0)
    expect(state.totalBytesWritten.value).toBeUndefined()
    expect(state.totalBytesExpectedToWrite.value).toBeUndefined()
    expect(state.status.value).toBe('pending')
  })

  it('a progress write the old transfer had waiting for the next frame never lands', () => {
    vi.useFakeTimers()
    const { fake, state } = scopedUpload()
    void state.execute()
    fake.last().progress({ totalBytesSent: 70, totalBytesExpectedToSend: 100 })
    void state.execute()
    vi.advanceTimersToNextFrame()
    vi.advanceTimersByTime(100)
    expect(state.progress.value).toBe(0)
    expect(state.totalBytesSent.value).toBeUndefined()
  })

  it('the old transfer’s waiting progress is not written when the new one ends without any event of its own', async () => {
    vi.useFakeTimers()
    const { fake, state } = scopedUpload()
    void state.execute()
    fake.last().progress({ totalBytesSent: 70, totalBytesExpectedToSend: 100 })
    const second = state.execute()
    fake.last().fail('offline')
    await second
    expect(state.status.value).toBe('error')
    expect(state.progress.value).toBe(0)
    expect(state.totalBytesSent.value).toBeUndefined()
    expect(state.totalBytesExpectedToSend.value).toBeUndefined()
  })

  it('the old transfer’s waiting frame is cancelled, not left to run', () => {
    vi.useFakeTimers()
    // syncFailures.abort: the runtime reports the abort at once, so it leaves no timer of its own.
    const fake = createFakeUni({ platform: 'mp-weixin', syncFailures: { abort: true } })
    const state = effectScope().run(() => useUpload({ ...UPLOAD, timeout: 0 }, { uploader: createUploader({ uni: fake.uni }) }))!
    void state.execute()
    fake.last().progress({ progress: 40 })
    expect(vi.getTimerCount()).toBe(1) // the waiting frame
    void state.execute()
    expect(fake.requests[0].aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('late progress and header events of the old request change nothing', () => {
    const { fake, state } = scopedUpload()
    void state.execute()
    const old = fake.last()
    void state.execute()
    old.progress({ progress: 90 })
    old.headers({ 'X-Old': '1' })
    expect(state.status.value).toBe('pending')
    expect(state.headers.value).toBeUndefined()
  })

  it('a late success of the old transfer (delivered after the new execute) never writes state nor fires onSuccess/onProgress', async () => {
    // An afterTransfer hook holds each outcome until the test releases it.
    const release: (() => void)[] = []
    const { fake, state } = scopedUpload(UPLOAD, { throwOnError: true }, 'mp-weixin', {
      hooks: { afterTransfer: [() => new Promise<void>((resolve) => release.push(resolve))] },
    })
    const onSuccess = vi.fn()
    const onProgress = vi.fn()
    const first = state.execute()
    fake.last().succeed({ data: 'old', header: { 'X-Old': '1' } })
    await tick()
    expect(release).toHaveLength(1) // the old outcome is on its way
    state.onSuccess(onSuccess)
    state.onProgress(onProgress)
    const second = state.execute()
    release[0]() // old success (with its final 100 progress and its headers) arrives now
    expect(await first).toBeUndefined()
    expect(state.status.value).toBe('pending')
    expect(state.progress.value).toBe(0)
    expect(state.headers.value).toBeUndefined()
    expect(state.result.value).toBeUndefined()
    expect(onSuccess).not.toHaveBeenCalled()
    expect(onProgress).not.toHaveBeenCalled()
    fake.last().succeed({ data: 'new' })
    await tick()
    release[1]()
    expect(await second).toMatchObject({ data: 'new' })
    expect(state.data.value).toBe('new')
    expect(onSuccess).toHaveBeenCalledTimes(1)
  })

  it('a late failure of the old transfer never writes error, fires onError or rejects', async () => {
    const release: (() => void)[] = []
    const { fake, state } = scopedDownload(DOWNLOAD, { throwOnError: true }, 'mp-weixin', {
      hooks: { afterTransfer: [() => new Promise<void>((resolve) => release.push(resolve))] },
    })
    const onError = vi.fn()
    state.onError(onError)
    const first = state.execute()
    fake.last().fail('offline')
    await tick()
    expect(release).toHaveLength(1)
    const second = state.execute()
    release[0]()
    await expect(first).resolves.toBeUndefined()
    expect(state.error.value).toBeUndefined()
    expect(state.status.value).toBe('pending')
    expect(onError).not.toHaveBeenCalled()
    fake.last().succeed()
    await tick()
    release[1]()
    await expect(second).resolves.toMatchObject({ statusCode: 200 })
  })

  it('a new execute after a finished transfer leaves the finished request alone', async () => {
    const { fake, state } = scopedUpload()
    const done = state.execute()
    fake.last().succeed()
    await done
    void state.execute()
    expect(fake.requests).toHaveLength(2)
    expect(fake.requests[0].aborted).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------

describe('scope disposal', () => {
  it('unmounting aborts a running transfer (the request is aborted, listeners removed)', async () => {
    const { fake, uploader: mine } = instance()
    const { wrapper, state } = mountWith(() => useUpload(UPLOAD), [mine])
    const done = state.execute()
    fake.last().progress({ progress: 20 })
    wrapper.unmount()
    expect(fake.last().aborted).toBe(true)
    expect(fake.activeListeners()).toBe(0)
    expect(await done).toBeUndefined()
  })

  it('disposing an effect scope aborts too, and the execute it ended resolves undefined even with throwOnError (no unhandled rejection)', async () => {
    const unhandled = watchUnhandled()
    const { fake, scope, state } = scopedDownload(DOWNLOAD, { throwOnError: true })
    const onError = vi.fn()
    state.onError(onError)
    const awaited = state.execute()
    scope.stop()
    expect(fake.last().aborted).toBe(true)
    await expect(awaited).resolves.toBeUndefined()
    expect(onError).not.toHaveBeenCalled()
    expect(await unhandled.stop()).toEqual([])
  })

  it('after disposal aborted the transfer, it shows as aborted: task undefined, isTransferring false, status aborted', async () => {
    const { scope, state } = scopedUpload()
    const done = state.execute()
    scope.stop()
    await done
    expect(state.task.value).toBeUndefined()
    expect(state.isTransferring.value).toBe(false)
    expect(state.status.value).toBe('aborted')
    expect(state.error.value).toBeInstanceOf(AbortError)
  })

  it('an execute nobody awaits, ended by disposal, never rejects', async () => {
    const unhandled = watchUnhandled()
    const { fake, scope, state } = scopedUpload(UPLOAD, { throwOnError: true })
    void state.execute()
    scope.stop()
    expect(fake.last().aborted).toBe(true)
    expect(await unhandled.stop()).toEqual([])
  })

  it('an immediate transfer is aborted by unmounting', () => {
    const { fake, uploader: mine } = instance()
    const { wrapper } = mountWith(() => useDownload(DOWNLOAD, { immediate: true }), [mine])
    expect(fake.requests).toHaveLength(1)
    wrapper.unmount()
    expect(fake.last().aborted).toBe(true)
  })

  it('abortOnScopeDispose: false lets the transfer finish after unmount, state and execute included', async () => {
    vi.useFakeTimers()
    const { fake, uploader: mine } = instance()
    const { wrapper, state } = mountWith(() => useUpload(UPLOAD, { abortOnScopeDispose: false }), [mine])
    const done = state.execute()
    fake.last().progress({ totalBytesSent: 10, totalBytesExpectedToSend: 100 })
    wrapper.unmount()
    expect(fake.last().aborted).toBe(false)
    fake.last().progress({ totalBytesSent: 50, totalBytesExpectedToSend: 100 })
    vi.advanceTimersToNextFrame()
    expect(state.progress.value).toBe(50)
    fake.last().succeed({ data: 'kept' })
    expect(await done).toMatchObject({ data: 'kept' })
    expect(state.status.value).toBe('success')
  })

  it('disposal after the transfer settled aborts nothing and leaves the state', async () => {
    const { fake, scope, state } = scopedUpload()
    const done = state.execute()
    fake.last().succeed()
    await done
    scope.stop()
    expect(fake.last().aborted).toBe(false)
    expect(state.status.value).toBe('success')
  })

  it('disposal cancels the frame that was waiting to write progress (aborting)', () => {
    vi.useFakeTimers()
    const { fake, scope, state } = scopedUpload({ ...UPLOAD, timeout: 0 })
    void state.execute()
    fake.last().progress({ progress: 30 })
    expect(vi.getTimerCount()).toBe(1) // the frame waiting to write progress
    scope.stop()
    vi.runAllTimers() // the runtime's own late "fail abort"; a frame that survived would write 30
    expect(state.progress.value).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('disposal leaves no frame due with abortOnScopeDispose: false too; the progress lands with the next event', () => {
    vi.useFakeTimers()
    const { fake, scope, state } = scopedUpload({ ...UPLOAD, timeout: 0 }, { abortOnScopeDispose: false })
    void state.execute()
    fake.last().progress({ progress: 30 })
    scope.stop()
    expect(vi.getTimerCount()).toBe(0)
    fake.last().progress({ progress: 60 })
    vi.advanceTimersToNextFrame()
    expect(state.progress.value).toBe(60)
  })
})

// ---------------------------------------------------------------------------------------------

describe('onProgress / onSuccess / onError', () => {
  it('onProgress fires for every event, unthrottled, with normalised events', () => {
    vi.useFakeTimers()
    const { fake, state } = scopedUpload(UPLOAD, {}, 'mp-alipay')
    const seen: any[] = []
    state.onProgress((event) => void seen.push(event))
    void state.execute()
    for (const sent of [10, 20, 30, 40, 50]) fake.last().progress({ totalBytesSent: sent, totalBytesExpectedToSend: 100 })
    expect(seen).toHaveLength(5)
    expect(seen.map((e) => e.progress)).toEqual([10, 20, 30, 40, 50])
    // Alipay reports upload bytes under the download names; the hook sees the upload names.
    expect(seen[4]).toMatchObject({ progress: 50, totalBytesSent: 50, totalBytesExpectedToSend: 100 })
  })

  it('onSuccess fires once with the result, after the state is set', async () => {
    const { fake, state } = scopedUpload()
    const snapshots: any[] = []
    state.onSuccess((result) => void snapshots.push({ result, status: state.status.value, data: state.data.value, progress: state.progress.value }))
    const done = state.execute()
    fake.last().succeed({ data: 'ok' })
    const result = await done
    expect(snapshots).toEqual([{ result, status: 'success', data: 'ok', progress: 100 }])
  })

  it('onError fires once with the error, after the state is set', async () => {
    const { fake, state } = scopedUpload()
    const snapshots: any[] = []
    state.onError((error) => void snapshots.push({ error, status: state.status.value, stateError: state.error.value }))
    const done = state.execute()
    fake.last().fail()
    await done
    expect(snapshots).toHaveLength(1)
    expect(snapshots[0].error).toBeInstanceOf(NetworkError)
    expect(snapshots[0]).toMatchObject({ status: 'error', stateError: snapshots[0].error })
  })

  it('off() removes exactly that listener; the others keep firing, across executes', async () => {
    const { fake, state } = scopedUpload()
    const a = { progress: vi.fn(), success: vi.fn(), error: vi.fn() }
    const b = { progress: vi.fn(), success: vi.fn(), error: vi.fn() }
    const offs = [state.onProgress(a.progress), state.onSuccess(a.success), state.onError(a.error)]
    state.onProgress(b.progress)
    state.onSuccess(b.success)
    state.onError(b.error)

    let done = state.execute()
    fake.last().progress()
    fake.last().succeed()
    await done
    done = state.execute()
    fake.last().fail()
    await done
    expect([a.progress, a.success, a.error].map((fn) => fn.mock.calls.length)).toEqual([2, 1, 1])

    offs.forEach((listener) => listener.off())
    offs[0].off() // a second off() is harmless
    done = state.execute()
    fake.last().progress()
    fake.last().succeed()
    await done
    done = state.execute()
    fake.last().fail()
    await done
    expect([a.progress, a.success, a.error].map((fn) => fn.mock.calls.length)).toEqual([2, 1, 1])
    expect([b.progress, b.success, b.error].map((fn) => fn.mock.calls.length)).toEqual([4, 2, 2])
  })

  it('a listener that throws does not leave execute pending (execute still resolves with the result)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { fake, state } = scopedUpload()
    state.onSuccess(() => {
      throw new Error('listener bug')
    })
    const done = state.execute()
    fake.last().succeed({ data: 'ok' })
    const outcome = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve('still pending'), 50))])
    expect(outcome).toMatchObject({ data: 'ok' })
  })

  it('an onError listener that throws does not leave execute pending either', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { fake, state } = scopedUpload()
    state.onError(() => {
      throw new Error('listener bug')
    })
    const done = state.execute()
    fake.last().fail()
    const outcome = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve('still pending'), 50))])
    expect(outcome).toBeUndefined()
  })

  it('an onProgress listener that throws does not stop the progress state from updating', () => {
    vi.useFakeTimers()
    const { fake, state } = scopedUpload()
    state.onProgress(() => {
      throw new Error('listener bug')
    })
    void state.execute()
    try {
      fake.last().progress({ progress: 35 })
    } catch {
      // where a listener's throw goes is the runtime's business
    }
    vi.advanceTimersToNextFrame()
    expect(state.status.value).toBe('transferring')
    expect(state.progress.value).toBe(35)
  })
})

// ---------------------------------------------------------------------------------------------

describe('progress state: at most one update per animation frame', () => {
  beforeEach(() => vi.useFakeTimers())

  it('many events in one frame make one write of progress and byte counts, with the latest values', () => {
    const { fake, state } = scopedUpload()
    const progressWrites = countWrites(state.progress)
    const sentWrites = countWrites(state.totalBytesSent)
    const expectedWrites = countWrites(state.totalBytesExpectedToSend)
    void state.execute()
    for (const sent of [10, 20, 30, 40]) fake.last().progress({ totalBytesSent: sent, totalBytesExpectedToSend: 200 })
    expect(progressWrites).toEqual([]) // execute's reset to 0 from 0 is no change
    expect(sentWrites).toEqual([])
    expect(state.status.value).toBe('transferring') // the status is not throttled
    vi.advanceTimersToNextFrame()
    expect(progressWrites).toEqual([20])
    expect(sentWrites).toEqual([40])
    expect(expectedWrites).toEqual([200])
    fake.last().progress({ totalBytesSent: 100, totalBytesExpectedToSend: 200 })
    fake.last().progress({ totalBytesSent: 150, totalBytesExpectedToSend: 200 })
    vi.advanceTimersToNextFrame()
    expect(progressWrites).toEqual([20, 75])
    expect(sentWrites).toEqual([40, 150])
    expect(expectedWrites).toEqual([200]) // unchanged values are not writes
  })

  it('uses requestAnimationFrame when there is one', () => {
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame')
    const { fake, state } = scopedDownload()
    void state.execute()
    fake.last().progress({ progress: 10 })
    fake.last().progress({ progress: 20 })
    expect(raf).toHaveBeenCalledTimes(1)
    vi.advanceTimersToNextFrame()
    expect(state.progress.value).toBe(20)
  })

  it('without requestAnimationFrame (mini-programs) a 16 ms timer does the same', () => {
    vi.stubGlobal('requestAnimationFrame', undefined)
    vi.stubGlobal('cancelAnimationFrame', undefined)
    const { fake, state } = scopedUpload({ ...UPLOAD, timeout: 0 })
    const writes = countWrites(state.progress)
    void state.execute()
    expect(vi.getTimerCount()).toBe(0)
    fake.last().progress({ progress: 10 })
    fake.last().progress({ progress: 40 })
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(15)
    expect(writes).toEqual([])
    vi.advanceTimersByTime(1)
    expect(writes).toEqual([40])
    expect(state.progress.value).toBe(40)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('without requestAnimationFrame, settling clears the waiting timer', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined)
    vi.stubGlobal('cancelAnimationFrame', undefined)
    const { fake, state } = scopedUpload({ ...UPLOAD, timeout: 0 })
    const done = state.execute()
    fake.last().progress({ progress: 10 })
    expect(vi.getTimerCount()).toBe(1)
    fake.last().succeed()
    await done
    expect(vi.getTimerCount()).toBe(0)
    expect(state.progress.value).toBe(100)
  })

  it('the final state is in place before execute resolves (success, with a frame still waiting)', async () => {
    const { fake, state } = scopedUpload()
    const done = state.execute().then((result) => ({
      result,
      status: state.status.value,
      progress: state.progress.value,
      sent: state.totalBytesSent.value,
      expected: state.totalBytesExpectedToSend.value,
      statusCode: state.statusCode.value,
    }))
    fake.last().progress({ totalBytesSent: 30, totalBytesExpectedToSend: 80 })
    fake.last().succeed({ statusCode: 201 })
    expect(await done).toMatchObject({ status: 'success', progress: 100, sent: 80, expected: 80, statusCode: 201 })
  })

  it('the progress reached is in place before a failing execute resolves', async () => {
    const { fake, state } = scopedDownload()
    const done = state.execute().then(() => [state.status.value, state.progress.value, state.totalBytesWritten.value])
    fake.last().progress({ totalBytesWritten: 45, totalBytesExpectedToWrite: 100 })
    fake.last().fail()
    expect(await done).toEqual(['error', 45, 45])
  })

  it.each(['success', 'failure', 'abort', 'supersede'])('no frame or timer is left after a transfer ends (%s)', async (ending) => {
    const { fake, state } = scopedUpload()
    expect(vi.getTimerCount()).toBe(0)
    const done = state.execute()
    fake.last().progress({ progress: 30 })
    expect(vi.getTimerCount()).toBe(2) // the wrapper's timeout and the waiting frame
    if (ending == 'success') fake.last().succeed()
    if (ending == 'failure') fake.last().fail()
    if (ending == 'abort') state.abort()
    if (ending == 'supersede') {
      void state.execute({ timeout: 0 })
      fake.requests[0].progress({ progress: 50 })
    }
    await done
    vi.runAllTimers() // the runtime's own late "fail abort", if any
    expect(vi.getTimerCount()).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------

describe('attempt and task', () => {
  it('attempt is 1 on the first try and goes up on each retry (retry option); the user’s onRetry still runs', async () => {
    vi.useFakeTimers()
    const onRetry = vi.fn()
    const { fake, state } = scopedUpload({ ...UPLOAD, retry: { limit: 2, delay: [10] }, onRetry })
    const done = state.execute()
    expect(state.attempt.value).toBe(1)
    fake.last().fail('offline')
    expect(state.attempt.value).toBe(2)
    expect(state.status.value).toBe('pending')
    expect(state.error.value).toBeUndefined()
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, error: expect.any(NetworkError), delay: 10 }))
    vi.advanceTimersByTime(10)
    expect(fake.requests).toHaveLength(2)
    fake.last().fail('offline')
    expect(state.attempt.value).toBe(3)
    vi.advanceTimersByTime(10)
    fake.last().succeed({ data: 'third time' })
    expect(await done).toMatchObject({ data: 'third time' })
    expect(state.attempt.value).toBe(3)
    expect(onRetry).toHaveBeenCalledTimes(2)

    void state.execute()
    expect(state.attempt.value).toBe(1)
  })

  it('abort() from inside onRetry stops the retrying: status aborted and no further request is sent', async () => {
    vi.useFakeTimers()
    const stopRetrying = vi.fn(() => setup.state.abort())
    const setup = scopedUpload({ ...UPLOAD, retry: { limit: 3, delay: [10] }, onRetry: stopRetrying })
    const { fake, state } = setup
    const done = state.execute()
    fake.last().fail('offline')
    expect(stopRetrying).toHaveBeenCalledTimes(1)
    expect(state.status.value).toBe('aborted')
    expect(await done).toBeUndefined()
    vi.advanceTimersByTime(1000)
    expect(fake.requests).toHaveLength(1)
  })

  it('abort() or a new execute() while the runtime call is still on the stack (a sync throw retried, onRetry) is not lost', async () => {
    vi.useFakeTimers()
    for (const how of ['abort', 'execute'] as const) {
      let calls = 0
      // A runtime whose uploadFile throws: the call fails, and retries, before it has returned a task.
      const throwing: any = {
        getSystemInfoSync: () => ({ uniPlatform: 'mp-weixin' }),
        uploadFile() {
          calls++
          throw new Error('boom')
        },
      }
      const scope = effectScope()
      let state!: ReturnType<typeof useUpload>
      const onRetry = vi.fn(() => void (how == 'abort' ? state.abort() : state.execute({ retry: 0 })))
      state = scope.run(() => useUpload({ ...UPLOAD, retry: { limit: 3, delay: [10] }, onRetry }, { uploader: createUploader({ uni: throwing }) }))!
      const first = state.execute()
      expect(onRetry, how).toHaveBeenCalledTimes(1)
      expect(await first, how).toBeUndefined()
      vi.advanceTimersByTime(1000)
      // The first call's retry never ran: one request from it, plus one from the new execute.
      expect(calls, how).toBe(how == 'abort' ? 1 : 2)
      expect(state.status.value, how).toBe(how == 'abort' ? 'aborted' : 'error')
      expect(state.task.value, how).toBeUndefined()
      scope.stop()
    }
  })

  it('task is the running task while a transfer runs, and undefined after it succeeds, fails or is aborted', async () => {
    const { fake, state } = scopedDownload()
    for (const end of ['succeed', 'fail', 'abort'] as const) {
      const done = state.execute()
      const task = state.task.value!
      expect(task).toBeDefined()
      for (const method of ['abort', 'onProgressUpdate', 'offProgressUpdate', 'onHeadersReceived', 'offHeadersReceived'] as const) {
        expect(typeof task[method], method).toBe('function')
      }
      const seen = vi.fn()
      task.onProgressUpdate(seen)
      fake.last().progress({ progress: 10 })
      expect(seen).toHaveBeenCalledWith(expect.objectContaining({ progress: 10 }))
      if (end == 'abort') state.abort()
      else if (end == 'fail') fake.last().fail()
      else fake.last().succeed()
      await done
      expect(state.task.value, end).toBeUndefined()
    }
  })

  it('task is the newest transfer’s after a new execute', () => {
    const { state } = scopedUpload()
    void state.execute()
    const first = state.task.value
    void state.execute()
    expect(state.task.value).toBeDefined()
    expect(state.task.value).not.toBe(first)
  })

  it('task is undefined after a call that failed at once (an interceptor threw inside uni.uploadFile)', async () => {
    const { fake, state } = scopedUpload()
    fake.uni.addInterceptor('uploadFile', {
      invoke() {
        throw new Error('no token')
      },
    })
    const done = state.execute()
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(NetworkError)
    expect(state.error.value!.errMsg).toBe('uploadFile:fail no token')
    expect(state.task.value).toBeUndefined()
  })
})

describe('user code that throws', () => {
  it('an options getter that throws: that execute fails (status error, error set, resolves undefined) and the composable keeps working', async () => {
    let broken = true // e.g. a getter reading a file ref that is still null
    const { fake, state } = scopedUpload(() => {
      if (broken) throw new TypeError("Cannot read properties of null (reading 'path')")
      return UPLOAD
    })
    const outcome = await state.execute().then(
      (value) => ['resolved', value],
      (error) => ['rejected', error],
    )
    expect(outcome).toEqual(['resolved', undefined])
    expect(state.status.value).toBe('error')
    expect(state.isTransferring.value).toBe(false)
    expect(state.error.value).toBeInstanceOf(TransferError)
    expect(() => state.abort()).not.toThrow()
    broken = false
    const next = state.execute()
    expect(fake.requests).toHaveLength(1)
    fake.last().succeed({ data: 'ok' })
    expect(await next).toMatchObject({ data: 'ok' })
  })

  it('a getter that throws something that is not an Error fails that execute with an OptionError too', async () => {
    const { fake, state } = scopedDownload(() => {
      throw undefined
    })
    expect(await state.execute()).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(OptionError)
    expect(state.error.value!.errMsg).toMatch(/^downloadFile:fail options/)
    expect(fake.requests).toHaveLength(0)
  })

  it('an immediate execute whose options getter throws does not reject (no unhandled rejection)', async () => {
    const unhandled = watchUnhandled()
    const { state } = scopedUpload(() => {
      throw new TypeError('no file yet')
    }, { immediate: true })
    await tick()
    expect(await unhandled.stop()).toEqual([])
    expect(state.status.value).toBe('error')
  })

  it('a validateStatus that throws fails the transfer instead of leaving execute pending', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { fake, state } = scopedUpload(UPLOAD, {
      validateStatus: () => {
        throw new Error('validateStatus bug')
      },
    })
    const done = state.execute()
    fake.last().succeed()
    const outcome = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve('still pending'), 50))])
    expect(outcome).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBeInstanceOf(TransferError)
  })
})

// ---------------------------------------------------------------------------------------------

describe('the returned refs are readonly', () => {
  const refKeys = (state: object) => Object.keys(state).filter((key) => isRef((state as any)[key]))

  it.each([
    ['useUpload', () => scopedUpload().state],
    ['useDownload', () => scopedDownload().state],
  ] as const)('%s: every ref is readonly; assigning warns and changes nothing', (_, make) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const state: any = make()
    const keys = refKeys(state)
    expect(keys.length).toBe(14)
    for (const key of keys) {
      expect(isReadonly(state[key]), key).toBe(true)
      const before = state[key].value
      warn.mockClear()
      state[key].value = 'changed'
      expect(state[key].value, key).toBe(before)
      expect(warn, key).toHaveBeenCalled()
    }
  })

  it('the functions are the only non-refs returned', () => {
    const state: any = scopedUpload().state
    const others = Object.keys(state).filter((key) => !isRef(state[key]))
    expect(others.sort()).toEqual(['abort', 'execute', 'onError', 'onProgress', 'onSuccess'])
    for (const key of others) expect(typeof state[key]).toBe('function')
  })
})

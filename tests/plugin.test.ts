/**
 * The instances: `createUploader(config?)` and the default instance, which is also a Vue plugin
 * (`install(app, config?)` merges the config and provides the instance) and works outside
 * components exactly as the seed docs call it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, inject } from 'vue'
import { defaultConfig, uploaderKey } from '../src/config'
import uploader, { NetworkError, createUploader } from '../src/index'
import { createFakeUni, installFakeUni } from './helpers/fake-uni'
import { MINI_PROGRAMS, NATIVE_FILES, PLATFORMS, outcome, recorder, setup } from './helpers/harness'

let saved: Record<string, unknown>
beforeEach(() => {
  saved = { ...defaultConfig }
})
afterEach(() => {
  for (const key of Object.keys(defaultConfig)) delete (defaultConfig as any)[key]
  Object.assign(defaultConfig, saved)
})

const shapeOf = (instance: any) => ({
  config: typeof instance.config,
  upload: typeof instance.upload,
  download: typeof instance.download,
  install: typeof instance.install,
})
/** API.md's shape. */
const SHAPE = { config: 'object', upload: 'function', download: 'function', install: 'function' }

describe('createUploader', () => {
  it('returns an instance with the same shape as the default one', () => {
    expect(shapeOf(createUploader())).toEqual(SHAPE)
    expect(shapeOf(uploader)).toEqual(SHAPE)
  })

  it('copies the config it is given: later changes to that object do not leak in', () => {
    const header = { 'X-App': '1' }
    const config = { baseURI: 'https://a.test', header }
    const up = createUploader(config)
    expect(up.config).not.toBe(config)
    config.baseURI = 'https://changed.test'
    header['X-App'] = '2'
    expect(up.config.baseURI).toBe('https://a.test')
    expect(up.config.header).toEqual({ 'X-App': '1' })
  })

  it('instances are independent of each other and of the default instance', () => {
    const a = setup('web', { baseURI: 'https://a.test' })
    const b = setup('mp-weixin', { baseURI: 'https://b.test' })
    a.up.upload({ url: 'x', filePath: '/1', success() {} })
    b.up.upload({ url: 'x', filePath: '/1', success() {} })
    expect(a.fake.requests.map((r) => r.url)).toEqual(['https://a.test/x'])
    expect(b.fake.requests.map((r) => r.url)).toEqual(['https://b.test/x'])
    expect(defaultConfig).toEqual(saved)
  })

  it('the config is read at each call (timeout, header, platform)', () => {
    vi.useFakeTimers()
    try {
      const { fake, up } = setup('web', { timeout: 1000 })
      up.config.timeout = 2000
      up.config.header = { 'X-Late': '1' }
      up.upload({ url: 'https://a.test', files: [{ uri: '/1' }, { uri: '/2' }], success() {} })
      expect(fake.last().options.timeout).toBe(2000)
      expect(fake.last().options.header).toEqual({ 'X-Late': '1' })
      expect(fake.requests).toHaveLength(1) // web: files[] natively
      up.config.platform = 'mp-weixin'
      up.upload({ url: 'https://a.test', files: [{ uri: '/1' }, { uri: '/2' }], success() {} })
      expect(fake.last().options.filePath).toBe('/1') // now one request per file
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('the queue is a separate import (API.md, "Beyond the seeds")', () => {
  it('no instance carries a queue: an app that only uploads does not ship it', () => {
    expect(Object.keys(setup().up).sort()).toEqual(['config', 'download', 'install', 'upload'])
    expect(Object.keys(uploader).sort()).toEqual(['config', 'download', 'install', 'upload'])
  })
})

describe('the platform (read at call time)', () => {
  it.each(PLATFORMS)('%s: read from uni.getSystemInfoSync().uniPlatform of the configured runtime', (platform) => {
    const { fake, up } = setup(platform)
    const spy = vi.spyOn(fake.uni, 'getSystemInfoSync')
    up.upload({ url: 'https://a.test', files: [{ uri: '/1' }, { uri: '/2' }], success() {} })
    expect(spy).toHaveBeenCalled()
    const oneRequest = NATIVE_FILES.includes(platform)
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options.files === undefined).toBe(!oneRequest)
  })

  it('config.platform wins over the runtime (and getSystemInfoSync is not called)', () => {
    const { fake, up } = setup('web', { platform: 'mp-alipay' })
    const spy = vi.spyOn(fake.uni, 'getSystemInfoSync')
    up.upload({ url: 'https://a.test', filePath: '/1', success() {} })
    expect(spy).not.toHaveBeenCalled()
    expect(fake.last().options.fileType).toBe('image') // the Alipay quirk ran
  })
})

describe('the default instance', () => {
  it.each(PLATFORMS)('%s: works outside components exactly as the seed docs call it (literal global uni)', async (platform) => {
    const fake = createFakeUni({ platform })
    const restore = installFakeUni(fake)
    try {
      const rec = recorder()
      const task = uploader.upload({
        url: '/upload',
        domain: 'https://files.example.com',
        filePath: '/tmp/a.png',
        name: 'avatar',
        formData: { user: '7' },
        success: rec.success,
      })
      expect(typeof task.abort).toBe('function')
      const sent = fake.last().options
      expect(fake.last().url).toBe('https://files.example.com/upload')
      expect(sent).toMatchObject({ filePath: '/tmp/a.png', name: 'avatar', formData: { user: '7' } })
      fake.last().succeed({ data: 'done' })
      expect(rec.success).toHaveBeenCalledTimes(1)
      expect(rec.success.mock.calls[0]![0]).toMatchObject({ data: 'done', statusCode: 200 })
      const promise = uploader.download({ url: 'https://files.example.com/a.pdf' })
      fake.last().succeed({ tempFilePath: 'tmp/1' })
      expect(await promise).toMatchObject({ tempFilePath: expect.any(String), statusCode: 200 })
    } finally {
      restore()
    }
  })

  it('the global uni is looked up at call time, not when the library loads', () => {
    const first = createFakeUni()
    const second = createFakeUni({ platform: 'mp-weixin' })
    let restore = installFakeUni(first)
    uploader.download({ url: 'https://a.test/1', success() {} })
    restore()
    restore = installFakeUni(second)
    uploader.download({ url: 'https://a.test/2', success() {} })
    restore()
    expect(first.requests.map((r) => r.url)).toEqual(['https://a.test/1'])
    expect(second.requests.map((r) => r.url)).toEqual(['https://a.test/2'])
  })

  it('no runtime at all (no global uni, no config.uni): the call fails with NetworkError, it does not throw', async () => {
    expect((globalThis as any).uni).toBeUndefined()
    const rec = recorder()
    expect(() => uploader.upload({ url: 'https://a.test', filePath: '/a', ...rec.callbacks })).not.toThrow()
    expect(rec.names()).toEqual(['fail', 'complete'])
    const error = rec.fail.mock.calls[0]![0]
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.errMsg).toMatch(/^uploadFile:fail \S/)
    const { error: downloadError } = await outcome(uploader.download({ url: 'https://a.test' }))
    expect(downloadError).toBeInstanceOf(NetworkError)
    expect(downloadError.errMsg).toMatch(/^downloadFile:fail \S/)
  })
})

describe('install (Vue plugin)', () => {
  it('app.use(uploader, config) merges the config field by field and provides the instance', () => {
    const app = createApp({})
    app.use(uploader, { baseURI: 'https://api.example.com', timeout: 30000, header: { 'X-App': '1' } })
    expect(uploader.config).toMatchObject({ baseURI: 'https://api.example.com', timeout: 30000, header: { 'X-App': '1' } })
    expect(app.runWithContext(() => inject(uploaderKey))).toBe(uploader)
  })

  it('a second install merges over the first: header by name, case-insensitively, the later spelling kept, undefined ignored', () => {
    const provide = vi.fn()
    uploader.install({ provide }, { baseURI: 'https://a.test', timeout: 1, header: { 'X-App': '1', Authorization: 'a' } })
    uploader.install({ provide }, { timeout: undefined, header: { 'x-app': '2', authorization: undefined } })
    expect(uploader.config).toMatchObject({ baseURI: 'https://a.test', timeout: 1, header: { 'x-app': '2', Authorization: 'a' } })
    expect(Object.keys(uploader.config.header!)).toEqual(['Authorization', 'x-app'])
    expect(provide).toHaveBeenCalledWith(uploaderKey, uploader)
  })

  it('install without a config only provides', () => {
    const provide = vi.fn()
    const instance = createUploader({ timeout: 5 })
    instance.install({ provide })
    expect(instance.config).toEqual({ timeout: 5 })
    expect(provide).toHaveBeenCalledWith(uploaderKey, instance)
  })

  it('install on a createUploader instance changes that instance only', () => {
    const instance = createUploader()
    instance.install({ provide() {} }, { baseURI: 'https://only.test' })
    expect(instance.config.baseURI).toBe('https://only.test')
    expect(uploader.config.baseURI).toBe(saved.baseURI)
  })

  it.each(MINI_PROGRAMS)('%s: calls made after install use the merged config', (platform) => {
    const fake = createFakeUni({ platform })
    const restore = installFakeUni(fake)
    try {
      createApp({}).use(uploader, { baseURI: 'https://api.example.com/v2', header: { 'X-App': '9' } })
      uploader.download({ url: 'files/1', success() {} })
      expect(fake.last().url).toBe('https://api.example.com/v2/files/1')
      expect(fake.last().options.header).toEqual({ 'X-App': '9' })
    } finally {
      restore()
    }
  })
})

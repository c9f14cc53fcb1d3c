/**
 * The upload transport: which platforms send `files[]` themselves, which quirks a `uniPlatform`
 * gets, and the one runtime call, made on `config.uni` or as the literal `uni.uploadFile(…)` a uni
 * build rewrites.
 */
import { describe, expect, it, vi } from 'vitest'
import { prepareUpload, sendsFilesNatively, sendUpload } from '../../src/transport/upload'
import { createFakeUni, installFakeUni } from '../helpers/fake-uni'

const NATIVE = ['web', 'h5', 'app', 'app-plus', 'app-harmony']
const ONE_BY_ONE = ['mp-alipay', 'mp-weixin', 'mp-baidu', 'mp-toutiao', 'quickapp-webview', '', 'app-x', 'unknown']

describe('sendsFilesNatively', () => {
  it.each(NATIVE)('%j: H5 and App send files[] in one request', (platform) => {
    expect(sendsFilesNatively(platform)).toBe(true)
  })

  it.each(ONE_BY_ONE)('%j: everything else, one file per request', (platform) => {
    expect(sendsFilesNatively(platform)).toBe(false)
  })
})

describe('prepareUpload', () => {
  it.each(['web', 'h5'])('%s: a file without filePath gets an object URL (web.ts)', (platform) => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:made')
    try {
      const options: any = { file: new Blob(['x']) }
      const cleanups: (() => void)[] = []
      prepareUpload(platform, options, cleanups)
      expect(options.filePath).toBe('blob:made')
      expect(cleanups).toHaveLength(1)
    } finally {
      createObjectURL.mockRestore()
    }
  })

  it('mp-alipay: fileType defaults to image (alipay.ts)', () => {
    const options: any = { filePath: '/a' }
    prepareUpload('mp-alipay', options, [])
    expect(options).toEqual({ filePath: '/a', fileType: 'image' })
  })

  it.each(['app', 'app-plus', 'app-harmony', 'mp-weixin', 'mp-baidu', 'mp-toutiao', '', 'unknown'])('%j: nothing to shape', (platform) => {
    const options: any = { filePath: '/a', name: 'file', file: new Blob(['x']), files: [{ file: new Blob(['y']) }] }
    const before = { ...options }
    const cleanups: (() => void)[] = []
    prepareUpload(platform, options, cleanups)
    expect(options).toEqual(before)
    expect(cleanups).toEqual([])
  })
})

describe('sendUpload', () => {
  it('calls config.uni.uploadFile with the options and returns what it returned', () => {
    const task = { abort() {} }
    const uploadFile = vi.fn(() => task)
    const options = { url: 'u', filePath: 'p' }
    expect(sendUpload({ uni: { uploadFile, downloadFile() {} } }, options)).toBe(task)
    expect(uploadFile).toHaveBeenCalledWith(options)
  })

  it('without config.uni, calls the global uni.uploadFile at call time', () => {
    const fake = createFakeUni()
    const restore = installFakeUni(fake)
    try {
      const returned = sendUpload({}, { url: 'https://a.test', filePath: 'blob:1', success() {} })
      expect(returned).toBe(fake.last().task)
    } finally {
      restore()
    }
  })

  it('without any runtime it throws (the engine turns that into a NetworkError)', () => {
    expect(() => sendUpload({}, { url: 'u' })).toThrow()
  })
})

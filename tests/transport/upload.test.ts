/**
 * The upload transport: which adapter a `uniPlatform` gets, and the one runtime call, made on
 * `config.uni` or as the literal `uni.uploadFile(…)` a uni build rewrites.
 */
import { describe, expect, it, vi } from 'vitest'
import { alipayAdapter } from '../../src/transport/alipay'
import { appAdapter } from '../../src/transport/app'
import { miniProgramAdapter } from '../../src/transport/miniprogram'
import { sendUpload, uploadAdapter } from '../../src/transport/upload'
import { webAdapter } from '../../src/transport/web'
import { createFakeUni, installFakeUni } from '../helpers/fake-uni'

describe('uploadAdapter', () => {
  it.each([
    ['web', webAdapter],
    ['h5', webAdapter],
    ['app', appAdapter],
    ['app-plus', appAdapter],
    ['app-harmony', appAdapter],
    ['mp-alipay', alipayAdapter],
    ['mp-weixin', miniProgramAdapter],
    ['mp-baidu', miniProgramAdapter],
    ['mp-toutiao', miniProgramAdapter],
    ['quickapp-webview', miniProgramAdapter],
    ['', miniProgramAdapter],
    ['app-x', miniProgramAdapter],
  ])('%j → %o', (platform, adapter) => {
    expect(uploadAdapter(platform)).toBe(adapter)
  })

  it('H5 and App send files[] natively; everything else one file per request', () => {
    expect([webAdapter, appAdapter].map((a) => a.multiFile)).toEqual([true, true])
    expect([alipayAdapter, miniProgramAdapter, uploadAdapter('unknown')].map((a) => !!a.multiFile)).toEqual([false, false, false])
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

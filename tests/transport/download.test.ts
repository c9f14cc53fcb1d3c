/**
 * The download transport: one runtime call on `config.uni`, or the literal `uni.downloadFile(…)`.
 */
import { describe, expect, it, vi } from 'vitest'
import { sendDownload } from '../../src/transport/download'
import { createFakeUni, installFakeUni } from '../helpers/fake-uni'

describe('sendDownload', () => {
  it('calls config.uni.downloadFile with the options and returns what it returned', () => {
    const returned = Promise.resolve()
    const downloadFile = vi.fn(() => returned)
    const options = { url: 'u' }
    expect(sendDownload({ uni: { uploadFile() {}, downloadFile } }, options)).toBe(returned)
    expect(downloadFile).toHaveBeenCalledWith(options)
  })

  it('without config.uni, calls the global uni.downloadFile at call time', () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const restore = installFakeUni(fake)
    try {
      expect(sendDownload({}, { url: 'https://a.test/f', success() {} })).toBe(fake.last().task)
      expect(fake.last().api).toBe('downloadFile')
    } finally {
      restore()
    }
  })

  it('without any runtime it throws (the engine turns that into a NetworkError)', () => {
    expect(() => sendDownload({}, { url: 'u' })).toThrow()
  })
})

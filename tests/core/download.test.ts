/**
 * Downloads (src/core/download.ts): what reaches the runtime, the result on each platform
 * (rule 10), and that nothing upload-specific leaks in.
 */
import { describe, expect, it } from 'vitest'
import { download } from '../../src/core/download'
import { OptionError } from '../../src/errors'
import { PLATFORMS, VIAS, outcome, setup } from '../helpers/harness'

const URL_ = 'https://api.test/files/a.pdf'

describe('download(config, options)', () => {
  it('is the engine with the download spec: usable with a bare config object', async () => {
    const { fake } = setup('app')
    const promise = download({ uni: fake.uni }, { url: URL_ })
    fake.last().succeed({ tempFilePath: '_doc/a.pdf' })
    expect((await promise).tempFilePath).toBe('_doc/a.pdf')
    expect(fake.last().api).toBe('downloadFile')
  })

  it('its own check: filePath must be a string when given', async () => {
    const { fake } = setup('mp-weixin')
    const { error } = await outcome(download({ uni: fake.uni }, { url: URL_, filePath: 42 as any }))
    expect(error).toBeInstanceOf(OptionError)
    expect(error.errMsg).toBe('downloadFile:fail filePath must be a string')
  })
})

describe.each(PLATFORMS)('%s', (platform) => {
  describe.each(VIAS)('via %s', (via) => {
    it('url, header, timeout and filePath reach the runtime; the wrapper options do not', () => {
      const { fake, up } = setup(platform, { baseURI: 'https://api.test/' }, via)
      up.download({ url: 'files/a.pdf', header: { Accept: 'application/pdf' }, timeout: 9000, filePath: '/save/a.pdf', validateStatus: () => true, success() {} })
      const sent = fake.last().options
      expect(sent).toMatchObject({ url: URL_, header: { Accept: 'application/pdf' }, timeout: 9000, filePath: '/save/a.pdf' })
      expect(sent).not.toHaveProperty('validateStatus')
      expect(sent).not.toHaveProperty('domain')
      expect(sent).not.toHaveProperty('name')
    })

    it('the result always has a string tempFilePath, a number statusCode and errMsg downloadFile:ok', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.download({ url: URL_ })
      fake.last().succeed({ tempFilePath: 'tmp/a.pdf', statusCode: 200 })
      const result = await promise
      expect(result.tempFilePath).toBe('tmp/a.pdf')
      expect(result.statusCode).toBe(200)
      expect(result.errMsg).toBe('downloadFile:ok')
      expect(result).not.toHaveProperty('results')
      expect(result).not.toHaveProperty('data')
    })

    it('progress events carry the download names only', async () => {
      const { fake, up } = setup(platform, {}, via)
      const promise = up.download({ url: URL_ })
      const events: any[] = []
      promise.onProgressUpdate((e) => events.push(e))
      fake.last().progress({ totalBytesWritten: 10, totalBytesExpectedToWrite: 40 })
      fake.last().succeed()
      await promise
      expect(events).toEqual([
        { progress: 25, totalBytesWritten: 10, totalBytesExpectedToWrite: 40 },
        { progress: 100, totalBytesWritten: 40, totalBytesExpectedToWrite: 40 },
      ])
    })
  })
})

describe('the saved path (rule 10)', () => {
  it.each(['mp-weixin', 'mp-baidu'] as const)('%s with filePath: the runtime returns filePath only; the result has it as tempFilePath too', async (platform) => {
    const { fake, up } = setup(platform)
    const promise = up.download({ url: URL_, filePath: 'wxfile://usr/a.pdf' })
    fake.last().succeed()
    expect(fake.last().result).not.toHaveProperty('tempFilePath')
    const result = await promise
    expect(result.tempFilePath).toBe('wxfile://usr/a.pdf')
    expect(result.filePath).toBe('wxfile://usr/a.pdf')
  })

  it('mp-alipay: apFilePath becomes tempFilePath and the missing statusCode is 200', async () => {
    const { fake, up } = setup('mp-alipay')
    const promise = up.download({ url: URL_ })
    fake.last().succeed({ tempFilePath: 'https://resource/apml1.pdf' })
    expect(fake.last().result).toEqual({ apFilePath: 'https://resource/apml1.pdf', errMsg: 'downloadFile:ok' })
    const result = await promise
    expect(result.tempFilePath).toBe('https://resource/apml1.pdf')
    expect(result.statusCode).toBe(200)
  })

  it.each(['web', 'app'] as const)('%s: no header in the result (the runtime gives none)', async (platform) => {
    const { fake, up } = setup(platform)
    const promise = up.download({ url: URL_ })
    fake.last().succeed({ header: { a: '1' } })
    expect((await promise).header).toBeUndefined()
  })
})

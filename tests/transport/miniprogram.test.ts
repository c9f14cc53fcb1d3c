/**
 * WeChat, Baidu and every other mini-program: no `files[]`, so the wrapper sends one request per
 * file (the details of sequencing and progress are in tests/core/upload.test.ts).
 */
import { describe, expect, it } from 'vitest'
import { sendsFilesNatively } from '../../src/transport/upload'
import { MINI_PROGRAMS, setup } from '../helpers/harness'

describe('mini-programs', () => {
  // What each platform shapes (Alipay its fileType, the others nothing) is checked in
  // tests/transport/upload.test.ts (prepareUpload).
  it.each(MINI_PROGRAMS)('%s: one file per request', (platform) => {
    expect(sendsFilesNatively(platform)).toBe(false)
  })

  it.each(MINI_PROGRAMS)('%s: files[] become one request per file, each with filePath and name, never files', async (platform) => {
    const { fake, up } = setup(platform)
    const promise = up.upload({ url: 'https://a.test/up', files: [{ uri: '/1' }, { name: 'b', uri: '/2' }] })
    fake.last().succeed()
    fake.last().succeed()
    await promise
    expect(fake.requests.map((r) => [r.options.filePath, r.options.name, 'files' in r.options])).toEqual([
      ['/1', 'file', false],
      ['/2', 'b', false],
    ])
  })

  it('an unknown platform is treated like a mini-program (works everywhere)', () => {
    const { fake, up } = setup('mp-weixin', { platform: 'mp-toutiao' })
    up.upload({ url: 'https://a.test/up', files: [{ uri: '/1' }, { uri: '/2' }], success() {} })
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options.filePath).toBe('/1')
  })
})

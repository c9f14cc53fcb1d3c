/**
 * Alipay: one file per call; `fileType` is required (`'image'` by default). `name` goes to uni as
 * it is: uni's Alipay runtime sends it as `fileName` (RUNTIME.md, seen in the e2e/mp host run).
 */
import { describe, expect, it } from 'vitest'
import { prepareAlipayUpload } from '../../src/transport/alipay'
import { sendsFilesNatively } from '../../src/transport/upload'
import { setup } from '../helpers/harness'

describe('prepareAlipayUpload', () => {
  it('defaults fileType to image and leaves name alone (uni renames it to fileName)', () => {
    const options: any = { filePath: '/a', name: 'avatar' }
    prepareAlipayUpload(options)
    expect(options).toEqual({ filePath: '/a', name: 'avatar', fileType: 'image' })
  })

  it('keeps a fileType the call gave', () => {
    const options: any = { name: 'clip', fileType: 'video' }
    prepareAlipayUpload(options)
    expect(options.fileType).toBe('video')
  })

  it('one file per request', () => {
    expect(sendsFilesNatively('mp-alipay')).toBe(false)
  })
})

describe('mp-alipay uploads through the uploader', () => {
  it('a filePath upload: name "file" by default, fileType image, no fileName of ours', () => {
    const { fake, up } = setup('mp-alipay')
    up.upload({ url: 'https://a.test/up', filePath: '/a.png', success() {} })
    expect(fake.last().options).toMatchObject({ name: 'file', fileType: 'image', filePath: '/a.png' })
    expect(fake.last().options).not.toHaveProperty('fileName')
  })

  it('the call name and fileType are kept', () => {
    const { fake, up } = setup('mp-alipay')
    up.upload({ url: 'https://a.test/up', filePath: '/a.mp4', name: 'clip', fileType: 'video', success() {} })
    expect(fake.last().options).toMatchObject({ name: 'clip', fileType: 'video' })
  })

  it('files[]: every request gets the name of its item', () => {
    const { fake, up } = setup('mp-alipay')
    up.upload({ url: 'https://a.test/up', files: [{ name: 'one', uri: '/1' }, { uri: '/2' }], success() {} })
    fake.last().succeed()
    expect(fake.requests.map((r) => [r.options.filePath, r.options.name, r.options.fileType])).toEqual([
      ['/1', 'one', 'image'],
      ['/2', 'file', 'image'],
    ])
  })
})

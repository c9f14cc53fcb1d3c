/**
 * Alipay: one file per call; the field name travels as `fileName` (and `name`), `fileType` is
 * required (`'image'` by default).
 */
import { describe, expect, it } from 'vitest'
import { alipayAdapter } from '../../src/transport/alipay'
import { setup } from '../helpers/harness'

describe('alipayAdapter.prepare', () => {
  it('copies name into fileName and defaults fileType to image', () => {
    const options: any = { filePath: '/a', name: 'avatar' }
    const cleanups: (() => void)[] = []
    alipayAdapter.prepare!(options, cleanups)
    expect(cleanups).toEqual([])
    expect(options).toEqual({ filePath: '/a', name: 'avatar', fileName: 'avatar', fileType: 'image' })
  })

  it('keeps a fileType the call gave', () => {
    const options: any = { name: 'clip', fileType: 'video' }
    alipayAdapter.prepare!(options, [])
    expect(options.fileType).toBe('video')
  })

  it('one file per request', () => {
    expect(alipayAdapter.multiFile).toBeFalsy()
  })
})

describe('mp-alipay uploads through the uploader', () => {
  it('a filePath upload: fileName and name "file" by default, fileType image', () => {
    const { fake, up } = setup('mp-alipay')
    up.upload({ url: 'https://a.test/up', filePath: '/a.png', success() {} })
    expect(fake.last().options).toMatchObject({ name: 'file', fileName: 'file', fileType: 'image', filePath: '/a.png' })
  })

  it('the call name and fileType are kept', () => {
    const { fake, up } = setup('mp-alipay')
    up.upload({ url: 'https://a.test/up', filePath: '/a.mp4', name: 'clip', fileType: 'video', success() {} })
    expect(fake.last().options).toMatchObject({ name: 'clip', fileName: 'clip', fileType: 'video' })
  })

  it('files[]: every request gets the fileName of its item', () => {
    const { fake, up } = setup('mp-alipay')
    up.upload({ url: 'https://a.test/up', files: [{ name: 'one', uri: '/1' }, { uri: '/2' }], success() {} })
    fake.last().succeed()
    expect(fake.requests.map((r) => [r.options.filePath, r.options.fileName, r.options.fileType])).toEqual([
      ['/1', 'one', 'image'],
      ['/2', 'file', 'image'],
    ])
  })
})

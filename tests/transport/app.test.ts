/**
 * App (`app`, and the older `app-plus`, `app-harmony`): the runtime sends `files[]` itself, in one
 * request (rule 5); nothing else is shaped.
 */
import { describe, expect, it } from 'vitest'
import { sendsFilesNatively } from '../../src/transport/upload'
import { setup } from '../helpers/harness'

describe('App', () => {
  // That nothing is shaped is checked in tests/transport/upload.test.ts (prepareUpload).
  it.each(['app', 'app-plus', 'app-harmony'])('%s: sends files[] natively', (platform) => {
    expect(sendsFilesNatively(platform)).toBe(true)
  })

  it.each(['app', 'app-plus', 'app-harmony'])('%s: files[] go out in one request, items defaulting to name "file"', async (platform) => {
    const { fake, up } = setup('app', { platform })
    const promise = up.upload({
      url: 'https://a.test/up',
      filePath: '/ignored',
      name: 'ignored',
      files: [{ uri: '_doc/1.png' }, { name: 'second', uri: '_doc/2.png' }],
      formData: { k: 'v' },
    })
    expect(fake.requests).toHaveLength(1)
    const sent = fake.last().options
    expect(sent.files).toEqual([
      { name: 'file', uri: '_doc/1.png' },
      { name: 'second', uri: '_doc/2.png' },
    ])
    expect(sent).not.toHaveProperty('filePath')
    expect(sent).not.toHaveProperty('name')
    expect(sent.formData).toEqual({ k: 'v' })
    fake.last().succeed({ data: 'both' })
    const result = await promise
    expect(result.data).toBe('both')
    expect(result).not.toHaveProperty('results')
  })

  it('a filePath upload keeps its options and gets the default name', () => {
    const { fake, up } = setup('app')
    up.upload({ url: 'https://a.test/up', filePath: '_doc/a.png', success() {} })
    expect(fake.last().options).toMatchObject({ filePath: '_doc/a.png', name: 'file' })
    expect(fake.last().options).not.toHaveProperty('fileName')
  })
})

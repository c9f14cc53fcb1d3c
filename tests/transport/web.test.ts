/**
 * H5: `files[]` natively; a `File`/`Blob` without a path gets an object URL (uni-h5 fails a bare
 * `file` with `uploadFile:fail file error`), and every URL made is revoked when the call settles.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sendsFilesNatively } from '../../src/transport/upload'
import { prepareWebUpload } from '../../src/transport/web'
import { AbortError, HTTPError, NetworkError, TimeoutError } from '../../src/errors'
import { outcome, recorder, setup } from '../helpers/harness'

let made: string[]
let revoked: string[]
beforeEach(() => {
  made = []
  revoked = []
  let n = 0
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    const href = `blob:http://localhost/made-${++n}`
    made.push(href)
    return href
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((href: string) => void revoked.push(href))
})
afterEach(() => vi.useRealTimers())

describe('prepareWebUpload', () => {
  /** Prepares `options` and returns a cleanup that runs what prepare added to the call's cleanups. */
  const prepare = (options: any) => {
    const cleanups: (() => void)[] = []
    prepareWebUpload(options, cleanups)
    return () => cleanups.forEach((fn) => fn())
  }

  it('sends files[] natively', () => {
    expect(sendsFilesNatively('web')).toBe(true)
  })

  it('a file without filePath gets an object URL as filePath; the cleanups revoke it', () => {
    const file = new File(['x'], 'a.txt')
    const options: any = { file }
    const cleanup = prepare(options)
    expect(URL.createObjectURL).toHaveBeenCalledWith(file)
    expect(options.filePath).toBe(made[0])
    expect(revoked).toEqual([])
    cleanup()
    expect(revoked).toEqual(made)
  })

  it('a file with a filePath is left alone and nothing is made', () => {
    const options: any = { file: new Blob(['x']), filePath: 'blob:given' }
    const cleanup = prepare(options)
    expect(options.filePath).toBe('blob:given')
    expect(made).toEqual([])
    cleanup()
    expect(revoked).toEqual([])
  })

  it('files[] items with a file and no uri get one; the others are kept as they are, and the caller items are not modified', () => {
    const file = new File(['1'], '1.txt')
    const withUri = { name: 'b', uri: 'blob:given', file: new Blob(['2']) }
    const plain = { name: 'c', uri: '/tmp/c' }
    const needsUri = { name: 'a', file }
    const options: any = { files: [needsUri, withUri, plain] }
    const cleanup = prepare(options)
    expect(options.files).toEqual([{ name: 'a', file, uri: made[0] }, withUri, plain])
    expect(options.files[1]).toBe(withUri)
    expect(needsUri).toEqual({ name: 'a', file })
    expect(made).toHaveLength(1)
    cleanup()
    expect(revoked).toEqual(made)
  })

  it('no file anywhere: nothing is made or revoked', () => {
    const cleanup = prepare({ filePath: '/a' })
    cleanup()
    expect(made).toEqual([])
    expect(revoked).toEqual([])
  })
})

describe('web uploads of File/Blob (rule 5)', () => {
  it('`file` without filePath: the runtime gets a filePath made for it, so it does not fail with file error', async () => {
    const { fake, up } = setup('web', {}, 'config.uni', { syncFailures: { fileError: true } })
    const file = new File(['hello'], 'a.txt')
    const promise = up.upload({ url: 'https://a.test/up', file })
    expect(fake.last().options.filePath).toBe(made[0])
    expect(fake.last().options.file).toBe(file)
    expect(fake.last().settled).toBe(false)
    fake.last().succeed({ data: 'ok' })
    expect((await promise).data).toBe('ok')
  })

  it('`file` beside a filePath: the filePath is kept and no URL is made', () => {
    const { fake, up } = setup('web')
    up.upload({ url: 'https://a.test/up', file: new Blob(['x']), filePath: 'blob:mine', success() {} })
    expect(fake.last().options.filePath).toBe('blob:mine')
    expect(made).toEqual([])
  })

  it('files[] items with a File get a uri, all in one request', () => {
    const { fake, up } = setup('web')
    const a = new File(['a'], 'a')
    const b = new File(['b'], 'b')
    up.upload({ url: 'https://a.test/up', files: [{ name: 'first', file: a }, { file: b }, { uri: '/c' }], success() {} })
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options.files).toEqual([
      { name: 'first', file: a, uri: made[0] },
      { name: 'file', file: b, uri: made[1] },
      { name: 'file', uri: '/c' },
    ])
  })

  const endings: [string, (s: ReturnType<typeof setup>, call: any) => void, any][] = [
    ['success', ({ fake }) => fake.last().succeed(), undefined],
    ['a runtime failure', ({ fake }) => fake.last().fail('net down'), NetworkError],
    ['abort()', (_, call) => call.abort(), AbortError],
    ['the wrapper timeout', () => vi.advanceTimersByTime(1000), TimeoutError],
    ['validateStatus', ({ fake }) => fake.last().succeed({ statusCode: 500 }), HTTPError],
  ]

  it.each(endings)('every URL made is revoked once the call settles by %s, not before', async (_, end, ErrorClass) => {
    vi.useFakeTimers()
    const s = setup('web', { timeout: 1000 })
    const rec = recorder()
    const call = s.up.upload({
      url: 'https://a.test/up',
      files: [{ file: new Blob(['1']) }, { file: new Blob(['2']) }],
      validateStatus: (code: number) => code < 500,
      ...rec.callbacks,
    })
    expect(made).toHaveLength(2)
    expect(revoked).toEqual([])
    end(s, call)
    await vi.advanceTimersByTimeAsync(0)
    expect(rec.names()).toEqual([ErrorClass ? 'fail' : 'success', 'complete'])
    if (ErrorClass) expect(rec.fail.mock.calls[0]![0]).toBeInstanceOf(ErrorClass)
    expect(revoked.sort()).toEqual(made.sort())
  })

  it('revoked before the caller hears of the outcome (the promise)', async () => {
    const { fake, up } = setup('web')
    const promise = up.upload({ url: 'https://a.test/up', file: new Blob(['1']) })
    fake.last().succeed()
    await outcome(promise)
    expect(revoked).toEqual(made)
    expect(made).toHaveLength(1)
  })
})

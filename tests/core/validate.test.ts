/**
 * Rule 11 (bad input), checked at call time: every wrong input fails with `OptionError` and a
 * message naming the option, through `fail`/`complete` and through the promise, and sends nothing.
 */
import { describe, expect, it } from 'vitest'
import { OptionError, TransferError } from '../../src/errors'
import { checkHeader, checkShared, checkUpload, checkUrl } from '../../src/core/validate'
import type { UploaderConfig } from '../../src/types'
import { PLATFORMS, VIAS, microtasks, outcome, recorder, settleUnhandled, setup, start, watchUnhandled, type Api } from '../helpers/harness'

interface Row {
  /** What is wrong, as the test name says it. */
  what: string
  api: Api | 'both'
  /** The call options (callbacks are added per mode); a function for values that are not objects. */
  options: any
  config?: UploaderConfig
  /** The option the message must name. */
  names: RegExp
  /** Only on these platforms (default: all). */
  only?: string[]
}

const UP = { url: 'https://api.test/up', filePath: '/tmp/a.png' }
const DOWN = { url: 'https://api.test/f' }
const base = (api: Api) => (api == 'upload' ? UP : DOWN)
const both = (what: string, patch: Record<string, any>, names: RegExp, config?: UploaderConfig): Row => ({ what, api: 'both', options: patch, names, config })
const upload = (what: string, options: Record<string, any>, names: RegExp, only?: string[]): Row => ({ what, api: 'upload', options, names, only })
const MP = ['app', 'mp-weixin', 'mp-alipay', 'mp-baidu']

const ROWS: Row[] = [
  // options not an object
  ...[null, undefined, 'https://api.test/up', 42, true, () => {}].map((value): Row => ({ what: `options ${typeof value == 'function' ? 'a function' : JSON.stringify(value)}`, api: 'both', options: { replace: value }, names: /options/ })),
  // url
  both('url missing', { url: undefined }, /url/),
  both('url empty', { url: '' }, /url/),
  both('url a number', { url: 42 }, /url/),
  both('url null', { url: null }, /url/),
  both('url an object', { url: { href: 'https://x' } }, /url/),
  // no file / files
  upload('no file at all', { url: UP.url }, /filePath|file|files/),
  upload('an empty filePath and nothing else', { url: UP.url, filePath: '' }, /filePath|file|files/),
  upload('filePath not a string', { url: UP.url, filePath: 42 }, /filePath/),
  upload('filePath not a string beside a file', { url: UP.url, filePath: {}, file: new Blob(['x']) }, /filePath/),
  upload('empty files', { url: UP.url, files: [] }, /files/),
  upload('empty files even beside a filePath', { ...UP, files: [] }, /files/),
  upload('files not an array', { ...UP, files: { 0: { uri: '/a' }, length: 1 } }, /files/),
  upload('files a string', { ...UP, files: '/a' }, /files/),
  upload('files null', { ...UP, files: null }, /files/),
  upload('a files item without uri', { url: UP.url, files: [{ name: 'a' }] }, /files\[0\]/),
  upload('a files item with an empty uri', { url: UP.url, files: [{ uri: '' }] }, /files\[0\]/),
  upload('a files item whose uri is not a string', { url: UP.url, files: [{ uri: 7 }] }, /files\[0\]/),
  upload('a files item that is not an object', { url: UP.url, files: ['/a'] }, /files\[0\]/),
  upload('a null files item', { url: UP.url, files: [null] }, /files\[0\]/),
  upload('the second files item without uri', { url: UP.url, files: [{ uri: '/a' }, {}] }, /files\[1\]/),
  upload('a files item with only a file, off H5', { url: UP.url, files: [{ file: new Blob(['x']) }] }, /files\[0\]/, MP),
  upload('H5: a files item whose file is not a File or Blob', { url: UP.url, files: [{ file: { name: 'a.png' } }] }, /files\[0\]\.file/, ['web']),
  upload('H5: a file that is not a File or Blob', { url: UP.url, file: 'a.png' }, /file/, ['web']),
  // name
  upload('name a number', { ...UP, name: 42 }, /name/),
  upload('name null', { ...UP, name: null }, /name/),
  upload('a files item name not a string', { url: UP.url, files: [{ uri: '/a', name: 1 }] }, /files\[0\]\.name/),
  // timeout, call and config
  ...[-1, NaN, Infinity, -Infinity, '100', null, true].flatMap((timeout) => [
    both(`timeout ${String(timeout)} (${typeof timeout})`, { timeout }, /timeout/),
    both(`config.timeout ${String(timeout)} (${typeof timeout})`, {}, /config\.timeout/, { timeout: timeout as any }),
  ]),
  // header values, call and config
  ...[
    ['a number', 1],
    ['null', null],
    ['true', true],
    ['an object', { a: 1 }],
    ['an array', ['a']],
    ['with CR LF', 'a\r\nX-Injected: 1'],
    ['with LF', 'a\nb'],
    ['with CR', 'a\rb'],
  ].flatMap(([label, value]) => [
    both(`a header value ${label}`, { header: { 'X-Bad': value } }, /header.*X-Bad/),
    both(`a config.header value ${label}`, {}, /config\.header.*X-Bad/, { header: { 'X-Bad': value as any } }),
  ]),
  both('a header name with CR LF', { header: { 'X-A\r\nX-B': 'v' } }, /header/),
  both('header not an object', { header: 'X-A: 1' }, /header/),
  both('config.header not an object', {}, /config\.header/, { header: 'X-A: 1' as any }),
  // formData
  upload('formData a string', { ...UP, formData: 'a=1' }, /formData/),
  upload('formData a number', { ...UP, formData: 1 }, /formData/),
  upload('formData null', { ...UP, formData: null }, /formData/),
  upload('formData with an object value', { ...UP, formData: { a: '1', meta: { nested: true } } }, /formData.*meta/),
  upload('formData with an array value', { ...UP, formData: { list: [1, 2] } }, /formData.*list/),
  // baseURI / domain
  ...[
    'api.test',
    'ftp://api.test',
    '//api.test',
    'https://',
    '/v1',
    'wss://api.test',
    // a character no host may hold, inside the host (issue 12)
    'https://api example.com',
    'https://a<b.com',
    'https://api.example.com\u3000/v1',
    'https://user:pass@api.test',
  ].flatMap((bad) => [
    both(`baseURI ${JSON.stringify(bad)}`, { url: 'files' }, /baseURI/, { baseURI: bad }),
    both(`domain ${JSON.stringify(bad)}`, { url: 'files', domain: bad }, /domain/),
  ]),
  both('baseURI not a string', { url: 'files' }, /baseURI/, { baseURI: 42 as any }),
  both('domain not a string', { url: 'files', domain: 42 }, /domain/),
  // download's own
  { what: 'download filePath not a string', api: 'download', options: { ...DOWN, filePath: 42 }, names: /filePath/ },
]

/** The call options of a row for `api` with `callbacks` added (or the bare non-object value). `undefined` deletes a key. */
function optionsOf(row: Row & { patch: boolean }, api: Api, callbacks?: object) {
  if ('replace' in row.options) return row.options.replace
  const options = row.patch ? { ...base(api), ...row.options } : { ...row.options }
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key]
  return { ...options, ...callbacks }
}

const cases = ROWS.flatMap((row) => (row.api == 'both' ? (['upload', 'download'] as Api[]) : [row.api]).map((api) => ({ ...row, api, patch: row.api == 'both' })))

describe.each(PLATFORMS)('%s', (platform) => {
  describe.each(VIAS)('via %s', (via) => {
    it.each(cases.filter((row) => !row.only || row.only.includes(platform)))('$api: $what → OptionError naming the option, nothing sent', async (row) => {
      const api = row.api as Api
      const unhandled = watchUnhandled()
      const { fake, up } = setup(platform, row.config, via)
      const notObject = 'replace' in row.options

      // callback mode (impossible when options are not an object: no callback can be passed)
      if (!notObject) {
        const rec = recorder()
        const task = start(up, api, optionsOf(row, api, rec.callbacks))
        expect(typeof task.abort).toBe('function')
        await microtasks()
        expect(rec.names()).toEqual(['fail', 'complete'])
        const error = rec.fail.mock.calls[0]![0]
        expect(error).toBeInstanceOf(OptionError)
        expect(error).toBeInstanceOf(TransferError)
        expect(error.message).toMatch(row.names)
        expect(error.errMsg).toBe(error.message)
        expect(error.errMsg.startsWith(`${api == 'upload' ? 'uploadFile' : 'downloadFile'}:fail `)).toBe(true)
        expect(error.cause).toBeUndefined()
        expect(rec.complete.mock.calls[0]![0]).toBe(error)
      }

      // promise mode
      const promise = start(up, api, optionsOf(row, api))
      expect(promise).toBeInstanceOf(Promise)
      expect(typeof promise.abort).toBe('function')
      const { error } = await outcome(promise)
      expect(error).toBeInstanceOf(OptionError)
      expect(error.message).toMatch(row.names)

      // nothing reached the runtime
      expect(fake.requests).toHaveLength(0)
      expect(fake.cancelled).toHaveLength(0)
      await settleUnhandled()
      expect(unhandled).toEqual([])
    })
  })
})

describe('inputs that are fine (the checks do not overreach)', () => {
  it.each(PLATFORMS)('%s: timeout 0, undefined header values, number/null/boolean formData values, empty domain and baseURI, unnamed files items', async (platform) => {
    const { fake, up } = setup(platform, { timeout: 0, baseURI: '', header: { 'X-Maybe': undefined } })
    const rec = recorder()
    up.upload({
      url: 'https://api.test/up',
      domain: '',
      timeout: 0,
      header: { Authorization: undefined, 'X-Empty': '' },
      formData: { n: 1, z: null, b: false, s: 's', u: undefined },
      files: [{ uri: '/a' }],
      filePath: 42 as any, // ignored beside files[]: not checked
      name: 42 as any,
      ...rec.callbacks,
    })
    up.download({ url: 'https://api.test/f', filePath: '/save/here', ...rec.callbacks })
    expect(fake.requests).toHaveLength(2)
    expect(rec.fail).not.toHaveBeenCalled()
  })

  it('web: a files item may carry a File instead of a uri', () => {
    const { fake, up } = setup('web')
    up.upload({ url: 'https://api.test/up', files: [{ file: new Blob(['x']) }], success() {} })
    expect(fake.requests).toHaveLength(1)
  })

  it('bad config is reported by the next call, even when the config changed after the instance was made', async () => {
    const { fake, up } = setup('mp-weixin', { timeout: 1000 })
    up.config.timeout = -5
    const { error } = await outcome(up.download({ url: 'https://api.test/f' }))
    expect(error).toBeInstanceOf(OptionError)
    expect(error.errMsg).toBe('downloadFile:fail config.timeout must be a finite number >= 0')
    expect(fake.requests).toHaveLength(0)
  })

  it('the messages say what the option must be', async () => {
    const { up } = setup('web')
    const messages = await Promise.all(
      [
        up.upload({ url: 'https://api.test/up' } as any) as any,
        up.upload({ ...UP, timeout: -1 }),
        up.upload({ ...UP, header: { 'X-A': 1 as any } }),
        up.upload({ ...UP, formData: { a: {} } }),
        up.upload({ ...UP, domain: 'x' }),
        up.upload({ url: UP.url, files: [{}] } as any),
      ].map((p) => outcome(p).then((o) => o.error.errMsg)),
    )
    expect(messages).toEqual([
      'uploadFile:fail filePath, file or files is required',
      'uploadFile:fail timeout must be a finite number >= 0',
      'uploadFile:fail header "X-A" must be a string without CR or LF',
      'uploadFile:fail formData "a" must be a string or number',
      'uploadFile:fail domain must be an http(s):// URL',
      'uploadFile:fail files[0] needs a uri or a file',
    ])
  })

  it.each(['upload', 'download'] as Api[])('%s: a missing url fails with the errMsg rule 6 gives as its example: <api>:fail url is required', async (api) => {
    const { up } = setup('web')
    const { error } = await outcome(start(up, api, { filePath: '/a' }))
    expect(error).toBeInstanceOf(OptionError)
    expect(error.errMsg).toBe(`${api == 'upload' ? 'uploadFile' : 'downloadFile'}:fail url is required`)
  })
})

describe('checkUrl / checkShared / checkUpload directly', () => {
  it('checkShared: undefined when everything is fine', () => {
    expect(checkUrl('url', 'u')).toBeUndefined()
    expect(checkShared({ url: 'u', timeout: 0, header: { a: 'b' }, domain: 'https://a.test' }, { timeout: 5, header: {}, baseURI: 'http://b.test' })).toBeUndefined()
  })

  it('checkShared: the call is checked before the config', () => {
    expect(checkShared({ url: 'u', timeout: -1 }, { timeout: -1 })).toBe('timeout must be a finite number >= 0')
    expect(checkShared({ url: 'u', header: 1 }, { header: 1 as any })).toBe('header must be an object')
  })

  it('checkUpload: off H5 the message does not offer a file', () => {
    expect(checkUpload({ files: [{}] }, false)).toBe('files[0] needs a uri')
    expect(checkUpload({ files: [{}] }, true)).toBe('files[0] needs a uri or a file')
  })

  it('checkUpload: a file alone is enough, off H5 too (the runtime decides there)', () => {
    expect(checkUpload({ file: new Blob(['x']) }, true)).toBeUndefined()
    expect(checkUpload({ file: new Blob(['x']) }, false)).toBeUndefined()
  })
})

describe('checkHeader: the first value that is not a string (or undefined) or holds CR/LF is named', () => {
  it.each([
    [{ A: 1 }, 'A'],
    [{ A: null }, 'A'],
    [{ A: true }, 'A'],
    [{ A: {} }, 'A'],
    [{ A: ['x'] }, 'A'],
    [{ ok: 'x', A: 'a\r\nb' }, 'A'],
    [{ A: 'a\nb' }, 'A'],
    [{ A: 'a\rb' }, 'A'],
    [{ 'A\r\nInjected': 'x' }, 'A\r\nInjected'],
    [{ 'A\n': 'x' }, 'A\n'],
  ])('%j → %j', (header, name) => {
    expect(checkHeader('header', header)).toBe(`header "${name}" must be a string without CR or LF`)
  })

  it('strings (even empty) and undefined are fine', () => {
    expect(checkHeader('header', { A: '', B: 'x y: z', C: undefined })).toBeUndefined()
    expect(checkHeader('header', {})).toBeUndefined()
    expect(checkHeader('header', undefined)).toBeUndefined()
  })
})

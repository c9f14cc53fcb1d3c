/**
 * Rule 6: every error is an `Error` subclass of `TransferError` with an `errMsg`; `cause` is the
 * runtime result; HTTPError (and ParseError) carry the response's `statusCode`, `data`, `header`.
 */
import { describe, expect, it } from 'vitest'
import { AbortError, HTTPError, NetworkError, OptionError, ParseError, TimeoutError, TransferError } from '../src/errors'
import { bundleMinified } from './helpers/bundle'

const CLASSES = { TransferError, AbortError, TimeoutError, NetworkError, HTTPError, OptionError, ParseError }

describe.each(Object.entries(CLASSES))('%s', (name, ErrorClass) => {
  it('is an Error and a TransferError, with errMsg as its message', () => {
    const error = new ErrorClass('uploadFile:fail something')
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(TransferError)
    expect(error.errMsg).toBe('uploadFile:fail something')
    expect(error.message).toBe('uploadFile:fail something')
    expect(typeof error.stack).toBe('string')
  })

  it(`has name ${name} from its prototype (minifiers rename classes)`, () => {
    const error = new ErrorClass('x')
    expect(error.name).toBe(name)
    expect(Object.prototype.hasOwnProperty.call(error, 'name')).toBe(false)
    expect(String(error)).toBe(`${name}: x`)
  })

  it('without a cause: cause, statusCode, data and header are undefined', () => {
    const error = new ErrorClass('x')
    expect(error.cause).toBeUndefined()
    expect(error.statusCode).toBeUndefined()
    expect(error.data).toBeUndefined()
    expect(error.header).toBeUndefined()
  })

  it("with a cause: keeps it and copies the response's statusCode, data and header", () => {
    const response = { statusCode: 503, data: 'busy', header: { 'retry-after': '1' }, errMsg: 'uploadFile:ok' }
    const error = new ErrorClass('x', response)
    expect(error.cause).toBe(response)
    expect(error.statusCode).toBe(503)
    expect(error.data).toBe('busy')
    expect(error.header).toBe(response.header)
  })

  it('a runtime failure as cause gives no response fields', () => {
    const error = new ErrorClass('uploadFile:fail', { errMsg: 'uploadFile:fail', errno: 5 })
    expect(error.statusCode).toBeUndefined()
    expect(error.data).toBeUndefined()
  })
})

it('the classes are distinct: one kind is never an instance of another', () => {
  const kinds = [AbortError, TimeoutError, NetworkError, HTTPError, OptionError, ParseError]
  for (const A of kinds) for (const B of kinds) expect(new A('x') instanceof B).toBe(A === B)
})

describe('in a minified production bundle', () => {
  const NAMES = Object.keys(CLASSES)

  it('every class keeps its name, though the minifier renamed the classes', async () => {
    const code = await bundleMinified(`export { ${NAMES.join(', ')} } from 'uni-uploader'`, 'cjs')
    expect(code).not.toMatch(/class (Abort|Timeout|Network|HTTP|Option|Parse)Error\b/)
    const module = { exports: {} as Record<string, typeof TransferError> }
    new Function('module', 'exports', 'require', code)(module, module.exports, () => ({}))
    for (const name of NAMES) {
      const error = new module.exports[name]('x')
      expect(error.name).toBe(name)
      expect(String(error)).toBe(`${name}: x`)
      expect(error).toBeInstanceOf(module.exports.TransferError)
    }
  })

  it.each(NAMES.filter((name) => name != 'TransferError'))('importing %s alone ships no other error class', async (name) => {
    const code = await bundleMinified(`export { ${name} } from 'uni-uploader'`)
    const others = NAMES.filter((other) => other != name && other != 'TransferError')
    for (const other of others) expect(code).not.toContain(other)
    expect(code).toContain(name)
  })
})

/**
 * Rule 10 (results): one shape on every platform. `statusCode` always a number (200 where the
 * runtime gives none), Alipay's `apFilePath` and WeChat's `filePath` become `tempFilePath`.
 */
import { describe, expect, it } from 'vitest'
import { normalizeResult } from '../../src/core/result'
import { PLATFORMS, deepFreeze, setup } from '../helpers/harness'

describe('normalizeResult', () => {
  it.each([
    ['201', 201],
    [201, 201],
    ['404 ', 404],
    [0, 0],
    [undefined, 200],
    [null, 200],
    ['', 200],
    ['abc', 200],
    [-1, 200],
  ])('statusCode %j → %j', (statusCode, expected) => {
    expect(normalizeResult({ statusCode }, 'uploadFile').statusCode).toBe(expected)
  })

  it('a missing statusCode is 200', () => {
    expect(normalizeResult({}, 'downloadFile').statusCode).toBe(200)
  })

  it('download: tempFilePath, else apFilePath, else filePath', () => {
    expect(normalizeResult({ tempFilePath: 't', apFilePath: 'a', filePath: 'f' }, 'downloadFile').tempFilePath).toBe('t')
    expect(normalizeResult({ apFilePath: 'a', filePath: 'f' }, 'downloadFile').tempFilePath).toBe('a')
    expect(normalizeResult({ filePath: 'f' }, 'downloadFile')).toMatchObject({ tempFilePath: 'f', filePath: 'f' })
  })

  it('upload: no tempFilePath is invented', () => {
    expect(normalizeResult({ data: '', filePath: 'f' }, 'uploadFile')).not.toHaveProperty('tempFilePath')
  })

  it('headers becomes header when there is no header; header wins', () => {
    expect(normalizeResult({ headers: { a: '1' } }, 'uploadFile').header).toEqual({ a: '1' })
    expect(normalizeResult({ header: { b: '2' }, headers: { a: '1' } }, 'uploadFile').header).toEqual({ b: '2' })
  })

  it('errMsg: <api>:ok where missing, the runtime one kept', () => {
    expect(normalizeResult({}, 'uploadFile').errMsg).toBe('uploadFile:ok')
    expect(normalizeResult({}, 'downloadFile').errMsg).toBe('downloadFile:ok')
    expect(normalizeResult({ errMsg: 'downloadFile:ok (cached)' }, 'downloadFile').errMsg).toBe('downloadFile:ok (cached)')
  })

  it('keeps the fields the runtime adds, returns a new object and never modifies the raw one', () => {
    const raw = deepFreeze({ statusCode: '200', data: 'x', cookies: ['a=b'], profile: { rtt: 3 } })
    const result = normalizeResult(raw, 'uploadFile')
    expect(result).not.toBe(raw)
    expect(result).toEqual({ statusCode: 200, data: 'x', cookies: ['a=b'], profile: { rtt: 3 }, errMsg: 'uploadFile:ok' })
    expect(raw.statusCode).toBe('200')
  })
})

describe.each(PLATFORMS)('%s: results through the uploader (rule 10)', (platform) => {
  it('upload: { data, statusCode (a number), header?, errMsg }', async () => {
    const { fake, up } = setup(platform)
    const promise = up.upload({ url: 'https://a.test', filePath: '/a' })
    fake.last().succeed({ statusCode: 201, data: 'ok', header: { 'X-Id': '9' } })
    const result = await promise
    expect(result.statusCode).toBe(201)
    expect(typeof result.statusCode).toBe('number')
    expect(result.data).toBe('ok')
    expect(result.errMsg).toBe('uploadFile:ok')
    if (platform == 'web') expect(result.header).toEqual({ 'x-id': '9' })
    else expect(result.header).toEqual({ 'X-Id': '9' })
  })

  it('download: { tempFilePath, statusCode (a number), errMsg }', async () => {
    const { fake, up } = setup(platform)
    const promise = up.download({ url: 'https://a.test/f' })
    fake.last().succeed({ statusCode: 206, tempFilePath: 'tmp/f' })
    const result = await promise
    expect(result.tempFilePath).toBe('tmp/f')
    expect(result.statusCode).toBe(platform == 'mp-alipay' ? 200 : 206)
    expect(result.errMsg).toBe('downloadFile:ok')
  })

  it('a string statusCode from the runtime is a number in the result', async () => {
    const { fake, up } = setup(platform)
    const promise = up.upload({ url: 'https://a.test', filePath: '/a' })
    fake.last().succeedRaw({ statusCode: '202', data: '' })
    expect((await promise).statusCode).toBe(202)
  })

  it('a result without statusCode has 200', async () => {
    const { fake, up } = setup(platform)
    const promise = up.upload({ url: 'https://a.test', filePath: '/a' })
    fake.last().succeedRaw({ data: '' })
    expect((await promise).statusCode).toBe(200)
  })
})

it('mp-alipay upload: the devtool string statusCode becomes a number', async () => {
  const { fake, up } = setup('mp-alipay')
  const promise = up.upload({ url: 'https://a.test', filePath: '/a' })
  fake.last().succeed({ statusCode: 500 })
  expect(fake.last().result.statusCode).toBe('500')
  expect((await promise).statusCode).toBe(500)
})

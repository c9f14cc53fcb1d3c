/**
 * Rule 3 (Header): config header then call header, names compared case-insensitively with the
 * call's spelling kept, `undefined` dropped before merging, Referer always removed and Content-Type
 * removed on upload; the caller's objects are never modified.
 */
import { describe, expect, it } from 'vitest'
import { dropHeaders, mergeHeaders } from '../src/header'
import { APIS, PLATFORMS, VIAS, deepFreeze, okOptions, setup, start } from './helpers/harness'

describe('mergeHeaders', () => {
  it('merges left to right; a later value wins', () => {
    expect(mergeHeaders({ A: '1', B: '1' }, { B: '2' }, { C: '3' })).toEqual({ A: '1', B: '2', C: '3' })
  })

  it('compares names case-insensitively and keeps the later spelling', () => {
    const merged = mergeHeaders({ 'X-Token': 'config' }, { 'x-token': 'call' })
    expect(merged).toEqual({ 'x-token': 'call' })
    expect(Object.keys(merged)).toEqual(['x-token'])
    expect(mergeHeaders({ 'content-TYPE': 'a' }, { 'Content-Type': 'b' }, { 'CONTENT-type': 'c' })).toEqual({ 'CONTENT-type': 'c' })
  })

  it('skips undefined values, so an earlier value of that name survives', () => {
    expect(mergeHeaders({ Authorization: 'Bearer a' }, { authorization: undefined, X: undefined })).toEqual({ Authorization: 'Bearer a' })
  })

  it('accepts missing sources', () => {
    expect(mergeHeaders(undefined, { A: '1' }, undefined)).toEqual({ A: '1' })
    expect(mergeHeaders()).toEqual({})
  })

  it('never modifies its inputs and returns a new object', () => {
    const a = deepFreeze({ A: '1', b: '2' })
    const b = deepFreeze({ B: '3', c: undefined })
    const merged = mergeHeaders(a, b)
    expect(merged).not.toBe(a)
    expect(merged).not.toBe(b)
    expect(a).toEqual({ A: '1', b: '2' })
  })
})

describe('dropHeaders', () => {
  it('deletes the names in any case, in place, and returns the same object', () => {
    const header = { Referer: 'x', 'CONTENT-TYPE': 'y', Keep: 'z' }
    expect(dropHeaders(header, ['referer', 'Content-Type'])).toBe(header)
    expect(header).toEqual({ Keep: 'z' })
  })

  it('leaves other names alone, including ones that merely contain a dropped name', () => {
    expect(dropHeaders({ 'X-Referer': '1', 'Content-Type-Options': '2' }, ['referer', 'content-type'])).toEqual({
      'X-Referer': '1',
      'Content-Type-Options': '2',
    })
  })
})

describe.each(PLATFORMS)('%s: the header each call sends (rule 3)', (platform) => {
  describe.each(VIAS)('via %s', (via) => {
    it.each(APIS)('%s: config header under call header, the call winning case-insensitively with its spelling', (api) => {
      const { fake, up } = setup(platform, { header: { 'X-App': '1', 'X-Token': 'config', Accept: 'a' } }, via)
      start(up, api, okOptions(api, { header: { 'x-token': 'call', 'X-Extra': 'e' }, success() {} }))
      expect(fake.last().options.header).toEqual({ 'X-App': '1', 'x-token': 'call', Accept: 'a', 'X-Extra': 'e' })
    })

    it.each(APIS)('%s: an undefined call value is dropped, so the config value of that name is still sent', (api) => {
      const { fake, up } = setup(platform, { header: { Authorization: 'Bearer config' } }, via)
      start(up, api, okOptions(api, { header: { authorization: undefined, 'X-Maybe': undefined }, success() {} }))
      expect(fake.last().options.header).toEqual({ Authorization: 'Bearer config' })
    })

    it.each(APIS)('%s: Referer is removed in any spelling, from config and call', (api) => {
      const { fake, up } = setup(platform, { header: { Referer: 'https://config.test', 'X-A': '1' } }, via)
      start(up, api, okOptions(api, { success() {} }))
      expect(fake.last().options.header).toEqual({ 'X-A': '1' })
      start(up, api, okOptions(api, { header: { REFERER: 'https://call.test' }, success() {} }))
      expect(fake.last().options.header).toEqual({ 'X-A': '1' })
      start(up, api, okOptions(api, { header: { referer: 'https://call.test' }, success() {} }))
      expect(Object.keys(fake.last().options.header).map((k) => k.toLowerCase())).not.toContain('referer')
    })

    it('upload: Content-Type is removed in any spelling (the runtime sets the multipart boundary)', () => {
      const { fake, up } = setup(platform, { header: { 'Content-Type': 'application/json' } }, via)
      up.upload({ url: 'https://api.test/up', filePath: '/a', success() {} })
      expect(fake.last().options.header).toEqual({})
      up.upload({ url: 'https://api.test/up', filePath: '/a', header: { 'content-type': 'multipart/form-data', 'CONTENT-TYPE': 'x', 'X-B': '2' }, success() {} })
      expect(fake.last().options.header).toEqual({ 'X-B': '2' })
    })

    it('download: Content-Type is kept', () => {
      const { fake, up } = setup(platform, { header: { 'Content-Type': 'application/json' } }, via)
      up.download({ url: 'https://api.test/f', success() {} })
      expect(fake.last().options.header).toEqual({ 'Content-Type': 'application/json' })
      up.download({ url: 'https://api.test/f', header: { 'content-type': 'text/plain' }, success() {} })
      expect(fake.last().options.header).toEqual({ 'content-type': 'text/plain' })
    })

    it.each(APIS)('%s: the caller objects (options, call header, config header) are never modified', (api) => {
      const { fake, up } = setup(platform, {}, via)
      up.config.header = deepFreeze({ 'X-App': '1', Referer: 'r', 'Content-Type': 'c' })
      const header = deepFreeze({ 'x-app': '2', referer: 'r2', 'content-type': 'c2', Skip: undefined })
      const options = deepFreeze(okOptions(api, { header, formData: { a: '1' }, success() {} }))
      expect(() => start(up, api, options)).not.toThrow()
      expect(header).toEqual({ 'x-app': '2', referer: 'r2', 'content-type': 'c2', Skip: undefined })
      expect(up.config.header).toEqual({ 'X-App': '1', Referer: 'r', 'Content-Type': 'c' })
      // the runtime got its own object, not the caller's
      expect(fake.last().options.header).not.toBe(header)
      expect(fake.last().options.header).not.toBe(up.config.header)
      expect(fake.last().options.header).toEqual(api == 'upload' ? { 'x-app': '2' } : { 'x-app': '2', 'content-type': 'c2' })
    })

    it.each(APIS)('%s: no header anywhere sends an empty header object', (api) => {
      const { fake, up } = setup(platform, {}, via)
      start(up, api, okOptions(api, { success() {} }))
      expect(fake.last().options.header).toEqual({})
    })
  })
})

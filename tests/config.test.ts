/**
 * The config module: the 60000 ms default (timeoutOf), the default instance's config object, the injection key
 * and `mergeConfig` (what `install(app, config)` and `createUploader(config)` use).
 */
import { describe, expect, it } from 'vitest'
import { defaultConfig, mergeConfig, timeoutOf, uploaderKey } from '../src/config'
import uploader from '../src/index'
import { deepFreeze } from './helpers/harness'

describe('constants', () => {
  it("the default timeout is 60000 ms (rule 4): the call's, then the config's, then 60000", () => {
    expect(timeoutOf({}, {})).toBe(60000)
    expect(timeoutOf({}, { timeout: 0 })).toBe(0)
    expect(timeoutOf({ timeout: 5 }, { timeout: 7 })).toBe(5)
  })

  it('the default instance uses defaultConfig, which starts empty', () => {
    expect(uploader.config).toBe(defaultConfig)
    expect(typeof uploaderKey).toBe('symbol')
  })
})

describe('mergeConfig', () => {
  it('merges field by field into the target and returns it', () => {
    const target = { baseURI: 'https://a.test', timeout: 1000 }
    const merged = mergeConfig(target, { timeout: 5000, platform: 'web' })
    expect(merged).toBe(target)
    expect(target).toEqual({ baseURI: 'https://a.test', timeout: 5000, platform: 'web' })
  })

  it('ignores undefined fields (they do not erase a value)', () => {
    const target = { baseURI: 'https://a.test', timeout: 1000 }
    mergeConfig(target, { baseURI: undefined, timeout: undefined })
    expect(target).toEqual({ baseURI: 'https://a.test', timeout: 1000 })
  })

  it('keeps falsy values that are not undefined (timeout 0, empty baseURI)', () => {
    const target = { baseURI: 'https://a.test', timeout: 1000 }
    mergeConfig(target, { baseURI: '', timeout: 0 })
    expect(target).toEqual({ baseURI: '', timeout: 0 })
  })

  it('merges header by name, case-insensitively, the later spelling kept, undefined ignored', () => {
    const target = { header: { 'X-App': '1', Authorization: 'a' } }
    mergeConfig(target, { header: { 'x-app': '2', authorization: undefined, 'X-New': 'n' } })
    expect(target.header).toEqual({ 'x-app': '2', Authorization: 'a', 'X-New': 'n' })
  })

  it('does not modify the patch or the objects in it', () => {
    const patch = deepFreeze({ header: { A: '1' }, hooks: { beforeTransfer: [() => undefined] }, timeout: 3 })
    const target: any = {}
    expect(() => mergeConfig(target, patch)).not.toThrow()
    expect(target.header).not.toBe(patch.header)
    expect(target.hooks).not.toBe(patch.hooks)
    expect(target.hooks.beforeTransfer).not.toBe(patch.hooks.beforeTransfer)
  })

  it('appends hook lists instead of replacing them', () => {
    const a = () => undefined
    const b = () => undefined
    const c = () => undefined
    const target: any = { hooks: { beforeTransfer: [a] } }
    const before = target.hooks
    mergeConfig(target, { hooks: { beforeTransfer: [b], afterTransfer: [c] } })
    expect(target.hooks).toEqual({ beforeTransfer: [a, b], afterTransfer: [c] })
    expect(before.beforeTransfer).toEqual([a]) // the old lists are not modified
    mergeConfig(target, { hooks: { afterTransfer: undefined } as any })
    expect(target.hooks.afterTransfer).toEqual([c])
    mergeConfig(target, { hooks: { afterTransfer: null } as any }) // a null list appends nothing either
    expect(target.hooks.afterTransfer).toEqual([c])
  })

  it('a missing patch changes nothing', () => {
    const target = { timeout: 1 }
    expect(mergeConfig(target)).toBe(target)
    expect(mergeConfig(target, undefined)).toEqual({ timeout: 1 })
  })

  it('a header or hooks that is not an object is assigned as it is (the call then reports it)', () => {
    const target: any = {}
    mergeConfig(target, { header: 'nope' as any, hooks: 5 as any })
    expect(target).toEqual({ header: 'nope', hooks: 5 })
  })

  it('the uni runtime is kept by reference', () => {
    const runtime = { uploadFile() {}, downloadFile() {} }
    expect(mergeConfig({}, { uni: runtime }).uni).toBe(runtime)
  })
})

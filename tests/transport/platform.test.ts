/**
 * The platform: `config.platform`, else `uni.getSystemInfoSync().uniPlatform` (the configured
 * runtime's, or the literal global `uni`), read at call time; anything broken gives ''.
 */
import { describe, expect, it, vi } from 'vitest'
import { isWeb, platformOf } from '../../src/transport/platform'
import { createFakeUni, installFakeUni } from '../helpers/fake-uni'
import { PLATFORMS } from '../helpers/harness'

const runtime = (getSystemInfoSync?: () => any): any => ({ uploadFile() {}, downloadFile() {}, getSystemInfoSync })

describe('platformOf', () => {
  it('config.platform wins and the runtime is not asked', () => {
    const getSystemInfoSync = vi.fn(() => ({ uniPlatform: 'web' }))
    expect(platformOf({ platform: 'mp-baidu', uni: runtime(getSystemInfoSync) })).toBe('mp-baidu')
    expect(getSystemInfoSync).not.toHaveBeenCalled()
  })

  it.each(PLATFORMS)('%s: read from config.uni.getSystemInfoSync().uniPlatform', (platform) => {
    expect(platformOf({ uni: createFakeUni({ platform }).uni })).toBe(platform)
  })

  it.each(PLATFORMS)('%s: read from the literal global uni when config.uni is not set', (platform) => {
    const restore = installFakeUni(createFakeUni({ platform }))
    try {
      expect(platformOf({})).toBe(platform)
    } finally {
      restore()
    }
  })

  it('read at each call: a runtime that changes is followed', () => {
    let uniPlatform = 'web'
    const config = { uni: runtime(() => ({ uniPlatform })) }
    expect(platformOf(config)).toBe('web')
    uniPlatform = 'app'
    expect(platformOf(config)).toBe('app')
  })

  it.each([
    ['getSystemInfoSync throws', runtime(() => { throw new Error('not ready') })],
    ['getSystemInfoSync is missing', runtime(undefined)],
    ['it returns undefined', runtime(() => undefined)],
    ['it has no uniPlatform', runtime(() => ({ platform: 'android' }))],
    ['uniPlatform is empty', runtime(() => ({ uniPlatform: '' }))],
  ])("'' when %s", (_, uni) => {
    expect(platformOf({ uni })).toBe('')
  })

  it("'' when there is no runtime at all (no config.uni, no global uni)", () => {
    expect((globalThis as any).uni).toBeUndefined()
    expect(platformOf({})).toBe('')
  })
})

describe('isWeb', () => {
  it.each(['web', 'h5'])('%s is H5', (platform) => expect(isWeb(platform)).toBe(true))
  it.each(['', 'app', 'app-plus', 'mp-weixin', 'web-view', 'h5x', 'xweb', 'WEB'])('%j is not', (platform) => expect(isWeb(platform)).toBe(false))
})

import { describe, expect, it } from 'vitest'
import { nextRetry, worthRetry } from '../../src/core/retry'
import { HTTPError, NetworkError, TransferError } from '../../src/errors'
import { defaultFingerprint, fnv1a } from '../../src/resumable/fingerprint'
import { base64Utf8, checkMetadata, encodeMetadata } from '../../src/resumable/metadata'
import { pruneRecords } from '../../src/resumable/records'
import { lastSegment, bytesOf } from '../../src/resumable/source'
import { compareVersions } from '../../src/resumable/target'
import { RESUMABLE_RETRY } from '../../src/resumable/upload'
import { resolveLocation } from '../../src/url'
import { bytes } from '../helpers/fake-tus'

describe('metadata', () => {
  it('base64 of UTF-8, padded', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'é', '视频.mp4', 'a,b c']) expect(base64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'))
  })
  it('pairs joined by commas; an empty value as the key alone', () => {
    expect(encodeMetadata({ filename: 'a', empty: '' })).toBe('filename YQ==,empty')
  })
  it('checks', () => {
    expect(checkMetadata(undefined)).toBeUndefined()
    expect(checkMetadata({ '': 'x' })).toMatch(/metadata key ""/)
    expect(checkMetadata({ 'a\tb': 'x' })).toMatch(/metadata key/)
    expect(checkMetadata('name=a')).toBe('metadata must be an object')
    expect(checkMetadata({ filename: 'a', size: 3 })).toBe('metadata "size" must be a string')
    expect(checkMetadata({ filename: 'a', empty: '' })).toBeUndefined()
  })
})

describe('fingerprint', () => {
  it('FNV-1a 32-bit', () => {
    expect(fnv1a(new Uint8Array(0))).toBe(0x811c9dc5)
    expect(fnv1a(Uint8Array.from([97])).toString(16)).toBe('e40c292c')
  })
  it('a File: name, size, type and lastModified, no read', async () => {
    const file = new File([bytes(3)], 'a.bin', { type: 'x/y', lastModified: 5 })
    const read = () => Promise.reject(new Error('no read'))
    expect(await defaultFingerprint({ size: 3, file, read })).toBe('file:["a.bin",3,"x/y",5]')
  })
  it('a bare Blob or a path: size and a hash of the first and last 64 KiB; two reads at most', async () => {
    const data = bytes(200 * 1024)
    const reads: [number, number][] = []
    const source = { size: data.length, read: async (s: number, e: number) => (reads.push([s, e]), new Blob([data.slice(s, e)])) }
    const a = await defaultFingerprint(source)
    expect(reads).toEqual([
      [0, 65536],
      [204800 - 65536, 204800],
    ])
    expect(a).toMatch(/^content:204800:[0-9a-f]+$/)
    const changed = bytes(200 * 1024)
    changed[204799] ^= 1
    expect(await defaultFingerprint({ size: changed.length, read: async (s, e) => changed.slice(s, e).buffer })).not.toBe(a)
    // A small file: one read.
    reads.length = 0
    await defaultFingerprint({ size: 10, read: async (s, e) => (reads.push([s, e]), bytes(10).slice(s, e).buffer) })
    expect(reads).toEqual([[0, 10]])
  })
  it('helpers', async () => {
    expect(lastSegment('/a/b/c.mp4')).toBe('c.mp4')
    expect(lastSegment('C:\\x\\y.mp4')).toBe('y.mp4')
    expect(lastSegment(undefined)).toBeUndefined()
    expect(lastSegment('/a/')).toBeUndefined()
    expect(await bytesOf(new Blob([Uint8Array.from([1])]))).toEqual(Uint8Array.from([1]))
  })
})

describe('records', () => {
  it('pruning drops broken and expired records, then the oldest to 50', () => {
    const records: any = { broken: 5, old: { createdAt: 1, expiresAt: 10 } }
    for (let i = 0; i < 52; i++) records['r' + i] = { createdAt: 100 + i }
    const kept = Object.keys(pruneRecords(records, 20))
    expect(kept).toHaveLength(50)
    expect(kept).not.toContain('broken')
    expect(kept).not.toContain('old')
    expect(kept).not.toContain('r0')
    expect(kept).not.toContain('r1')
  })
})

describe('versions, locations', () => {
  it('compareVersions', () => {
    expect(compareVersions('2.9.4', '2.10.0')).toBeLessThan(0)
    expect(compareVersions('2.10.0', '2.10.0')).toBe(0)
    expect(compareVersions('3', '2.10.0')).toBeGreaterThan(0)
  })
  it('resolveLocation', () => {
    const base = 'https://h.test/api/files/?x=1'
    expect(resolveLocation('https://o.test/f/1', base)).toBe('https://o.test/f/1')
    expect(resolveLocation('//o.test/f/1', base)).toBe('https://o.test/f/1')
    expect(resolveLocation('/f/1', base)).toBe('https://h.test/f/1')
    expect(resolveLocation('1', base)).toBe('https://h.test/api/files/1')
    expect(resolveLocation('1', 'https://h.test/api/files')).toBe('https://h.test/api/1')
    expect(resolveLocation('/files/1', '/files/')).toBe('/files/1')
    expect(resolveLocation('1', '/files/')).toBe('/files/1')
  })
})

describe('retry policy (shared with upload)', () => {
  const net = new NetworkError('x')
  it('the retry option: undefined takes the default; 0/false none; n keeps the default delays; an object gets the missing fields', () => {
    const R = RESUMABLE_RETRY
    expect([1, 5, 6].map((n) => nextRetry(undefined, R, n, net))).toEqual([0, 10000, undefined])
    expect(nextRetry(0, R, 1, net)).toBeUndefined()
    expect(nextRetry(false, R, 1, net)).toBeUndefined()
    expect([2, 3].map((n) => nextRetry(2, R, n, net))).toEqual([1000, undefined])
    expect(nextRetry({ limit: 2 }, R, 2, net)).toBe(1000)
    expect(nextRetry({ limit: 2 }, R, 1, new NetworkError('x'))).toBe(0)
    expect(nextRetry({ limit: 2 }, R, 1, new HTTPError('x', { statusCode: 423 }))).toBe(0)
    expect(nextRetry({ limit: 2, when: () => false }, R, 1, net)).toBeUndefined()
  })
  it('the last delay repeats; a limit that is not a number never retries', () => {
    expect([1, 2, 5, 6, 9].map((n) => nextRetry(9, RESUMABLE_RETRY, n, net))).toEqual([0, 1000, 10000, 10000, 10000])
    expect(nextRetry({ limit: undefined as any }, RESUMABLE_RETRY, 1, net)).toBeUndefined()
  })
  it('worth a retry: network, timeout, 5xx; 423 too for resumable uploads', () => {
    const http = (statusCode: number) => new HTTPError('x', { statusCode })
    expect(worthRetry(net)).toBe(true)
    expect(worthRetry(http(500))).toBe(true)
    expect(worthRetry(http(423))).toBe(false)
    expect(RESUMABLE_RETRY.when(http(423))).toBe(true)
    expect(RESUMABLE_RETRY.when(http(404))).toBe(false)
    expect(RESUMABLE_RETRY.when(new TransferError('x'))).toBe(false)
  })
})

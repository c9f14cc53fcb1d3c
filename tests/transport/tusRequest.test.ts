import { afterEach, describe, expect, it, vi } from 'vitest'
import { readRange, fileSize } from '../../src/transport/fileSystem'
import { plusReadRange } from '../../src/transport/plusFile'
import { readStored, removeStored, writeStored } from '../../src/transport/storage'
import { sendsNatively, uniRequestTransport } from '../../src/transport/tusRequest'
import { parseHeaderLines, xhrTransport } from '../../src/transport/tusXhr'
import { bytes, createTusServer, createTusUni, installFakePlus, installFakeXhr } from '../helpers/fake-tus'
import { installFakeUni } from '../helpers/fake-uni'

afterEach(() => vi.unstubAllGlobals())

describe('uni.request transport', () => {
  it('sends a method the platform has as itself, the rest as POST + X-HTTP-Method-Override (RESUMABLE.md table)', () => {
    const table: [string, string[], string[]][] = [
      ['mp-weixin', ['POST', 'HEAD', 'DELETE'], ['PATCH']],
      ['mp-qq', ['POST', 'HEAD', 'DELETE'], ['PATCH']],
      ['app', ['POST', 'DELETE'], ['PATCH', 'HEAD']],
      ['mp-toutiao', ['POST'], ['PATCH', 'HEAD', 'DELETE']],
      ['mp-lark', ['POST'], ['PATCH', 'HEAD', 'DELETE']],
    ]
    for (const [platform, native, overridden] of table) {
      for (const m of native) expect(sendsNatively(platform, m)).toBe(true)
      for (const m of overridden) expect(sendsNatively(platform, m)).toBe(false)
    }
  })

  it('through the literal global uni when the config has none; lower-cased headers; a timeout passed on', async () => {
    const server = createTusServer()
    const fake = createTusUni(server)
    const restore = installFakeUni(fake.uni as any)
    try {
      const send = uniRequestTransport({}, 'mp-weixin')
      const res = await send({ method: 'POST', url: 'https://tus.test/files/', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '3' }, timeout: 100 }).response
      expect(res).toEqual({ status: 201, headers: expect.objectContaining({ location: '1', 'tus-resumable': '1.0.0' }), overridden: false })
      expect(fake.requests[0]).toMatchObject({ method: 'POST', dataType: 'text', responseType: 'text', timeout: 100 })
    } finally {
      restore()
    }
  })

  it('a runtime that throws: a failure like a fail callback; abort on a task that has none is harmless', async () => {
    const send = uniRequestTransport(
      {
        uni: {
          request() {
            throw new Error('bridge gone')
          },
        } as any,
      },
      'mp-weixin',
    )
    const exchange = send({ method: 'HEAD', url: 'x', headers: {} })
    await expect(exchange.response).rejects.toEqual({ errMsg: 'request:fail bridge gone' })
    exchange.abort()
  })

  it('a header that is not an object gives no headers', async () => {
    const send = uniRequestTransport({ uni: { request: (o: any) => o.success({ statusCode: '204', header: null }) } as any }, 'mp-weixin')
    expect(await send({ method: 'HEAD', url: 'x', headers: {} }).response).toEqual({ status: 204, headers: {}, overridden: false })
  })
})

describe('XMLHttpRequest transport', () => {
  it('parses response headers, lower-cased', () => {
    expect(parseHeaderLines('Upload-Offset: 5\r\nLocation: /a:b\r\nbad\r\n')).toEqual({ 'upload-offset': '5', location: '/a:b' })
  })

  it('a network failure rejects like uni; abort aborts the XHR', async () => {
    const server = createTusServer()
    const xhr = installFakeXhr(server)
    try {
      server.fail('network')
      const exchange = xhrTransport({ method: 'HEAD', url: 'https://tus.test/files/1', headers: { 'Tus-Resumable': '1.0.0' } })
      await expect(exchange.response).rejects.toEqual({ errMsg: 'request:fail network error' })
      exchange.abort()
      expect(xhr.made[0].aborted).toBe(true)
    } finally {
      xhr.restore()
    }
  })
})

describe('file readers and storage through the literal global uni', () => {
  it('mini-program readFile by position and length, getFileInfo for the size', async () => {
    const fake = createTusUni(createTusServer(), { files: { '/a': bytes(10) } })
    const restore = installFakeUni(fake.uni as any)
    try {
      expect(await fileSize({}, '/a')).toBe(10)
      expect(new Uint8Array(await readRange({}, '/a', 2, 3))).toEqual(Uint8Array.from([2, 3, 4]))
      expect(fake.reads).toEqual([{ filePath: '/a', position: 2, length: 3 }])
    } finally {
      restore()
    }
  })

  it('App: plus.io File.slice read as a data URL, decoded by uni.base64ToArrayBuffer; a read error rejects', async () => {
    const files = { '/a': bytes(10) }
    const plus = installFakePlus(files)
    const fake = createTusUni(createTusServer(), { platform: 'app' })
    const restore = installFakeUni(fake.uni as any)
    try {
      expect(new Uint8Array(await plusReadRange({}, '/a', 5, 8))).toEqual(Uint8Array.from([5, 6, 7]))
      expect(plus.slices).toEqual([{ path: '/a', start: 5, end: 8 }])
      const g = globalThis as any
      g.plus.io.FileReader = class {
        onerror: any
        readAsDataURL() {
          setTimeout(() => this.onerror({ message: 'read error' }), 0)
        }
      }
      await expect(plusReadRange({}, '_doc/a', 0, 1)).rejects.toBeDefined()
      await expect(plusReadRange({}, '/a', 0, 1)).rejects.toEqual({ message: 'read error' })
    } finally {
      restore()
      plus.restore()
    }
  })

  it('storage: read, write, remove; a throwing storage is ignored', () => {
    const fake = createTusUni(createTusServer())
    const restore = installFakeUni(fake.uni as any)
    try {
      writeStored({}, 'k', { a: 1 })
      expect(readStored({}, 'k')).toEqual({ a: 1 })
      removeStored({}, 'k')
      expect(readStored({}, 'k')).toBe('')
      fake.state.storageFull = true
      writeStored({}, 'k', 1)
    } finally {
      restore()
    }
    const broken = {
      uni: {
        getStorageSync() {
          throw new Error('x')
        },
        removeStorageSync() {
          throw new Error('x')
        },
      } as any,
    }
    expect(readStored(broken, 'k')).toBeUndefined()
    removeStored(broken, 'k')
  })
})

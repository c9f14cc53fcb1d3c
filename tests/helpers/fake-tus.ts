/**
 * A fake tus 1.0 server (core, creation, termination, expiration) as a state machine, and the two
 * ways the library reaches one in unit tests: a fake XMLHttpRequest (H5) and a fake `uni` runtime
 * with `request`, `getFileSystemManager()` (getFileInfo, readFile with position/length), storage,
 * `base64ToArrayBuffer` and `getSystemInfoSync`, plus a fake `plus.io` for App.
 *
 * The fake `uni.request` behaves as RUNTIME.md says: no platform has PATCH (H5/App turn it into
 * GET, mini-programs refuse it), App has no HEAD, Douyin has no HEAD or DELETE. Answers arrive on a
 * `setTimeout`, so tests work with real timers and with `vi.useFakeTimers()` alike.
 */

/** A request as the server saw it. */
export interface SeenRequest {
  /** The method on the wire (POST for an overridden one). */
  method: string
  /** `X-HTTP-Method-Override`, if sent. */
  override?: string
  url: string
  headers: Record<string, string>
  /** Bytes of the body. */
  size: number
}

/** What a fault does to one request: an answer of its own, a network failure, a reset after part of the body, no answer ever, or the normal answer 30 ms late. */
export type Fault = { status: number; headers?: Record<string, string> } | 'network' | 'hang' | 'slow' | { reset: number }

export interface FakeUpload {
  length: number
  offset: number
  metadata?: string
  data: number[]
}

export interface FakeTusOptions {
  /** Honour `X-HTTP-Method-Override` (tusd does; @tus/server 2.x does not). @default true */
  honourOverride?: boolean
  /** Answer with an absolute Location (else relative to the endpoint). @default false */
  absoluteLocation?: boolean
  /** Send `Upload-Expires` this many ms ahead. @default none */
  expiresIn?: number
}

export function createTusServer(options: FakeTusOptions = {}) {
  const uploads = new Map<string, FakeUpload>()
  const seen: SeenRequest[] = []
  const faults: (Fault | undefined)[] = []
  let ids = 0
  const honour = options.honourOverride !== false

  const expires = (): Record<string, string> => (options.expiresIn ? { 'Upload-Expires': new Date(Date.now() + options.expiresIn).toUTCString() } : {})

  function handle(method: string, url: string, headers: Record<string, string>, body: Uint8Array | undefined): { status: number; headers: Record<string, string> } {
    const h: Record<string, string> = {}
    for (const k of Object.keys(headers)) h[k.toLowerCase()] = headers[k]
    if (honour && h['x-http-method-override']) method = h['x-http-method-override'].toUpperCase()
    if (h['tus-resumable'] != '1.0.0') return { status: 412, headers: {} }
    const id = url.replace(/^.*\/files\//, '')
    const upload = uploads.get(id)
    const tus = { 'Tus-Resumable': '1.0.0' }
    switch (method) {
      case 'POST': {
        if (!/^\d+$/.test(h['upload-length'] || '')) return { status: 400, headers: tus }
        const name = String(++ids)
        uploads.set(name, { length: Number(h['upload-length']), offset: 0, metadata: h['upload-metadata'], data: [] })
        const location = options.absoluteLocation ? 'https://tus.test/files/' + name : name
        return { status: 201, headers: { ...tus, Location: location, ...expires() } }
      }
      case 'HEAD':
        if (!upload) return { status: 404, headers: tus }
        return { status: 200, headers: { ...tus, 'Upload-Offset': String(upload.offset), 'Upload-Length': String(upload.length), 'Cache-Control': 'no-store', ...expires() } }
      case 'PATCH': {
        if (!upload) return { status: 404, headers: tus }
        if (h['content-type'] != 'application/offset+octet-stream') return { status: 415, headers: tus }
        if (Number(h['upload-offset']) != upload.offset) return { status: 409, headers: tus }
        const bytes = body || new Uint8Array(0)
        if (upload.offset + bytes.length > upload.length) return { status: 413, headers: tus }
        for (const b of bytes) upload.data.push(b)
        upload.offset += bytes.length
        return { status: 204, headers: { ...tus, 'Upload-Offset': String(upload.offset), ...expires() } }
      }
      case 'DELETE':
        if (!upload) return { status: 404, headers: tus }
        uploads.delete(id)
        return { status: 204, headers: tus }
      default:
        return { status: 405, headers: tus }
    }
  }

  /**
   * One request through the server: the next queued fault applies (if any), else the state
   * machine answers. Calls `answer` or `failed` on a timer; `hang` calls neither.
   */
  function receive(
    wireMethod: string,
    url: string,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    answer: (status: number, headers: Record<string, string>) => void,
    failed: () => void,
  ) {
    const override = Object.keys(headers).find((k) => k.toLowerCase() == 'x-http-method-override')
    seen.push({ method: wireMethod, override: override ? headers[override] : undefined, url, headers: { ...headers }, size: body ? body.length : 0 })
    const fault = faults.shift()
    if (fault == 'hang') return
    if (fault == 'network') return void setTimeout(failed, 0)
    if (fault && typeof fault == 'object' && 'reset' in fault) {
      // The server stores the first `reset` bytes of the chunk, then the connection drops.
      handle(wireMethod, url, headers, body && body.slice(0, fault.reset))
      return void setTimeout(failed, 0)
    }
    const response = fault && typeof fault == 'object' ? { status: fault.status, headers: fault.headers || {} } : handle(wireMethod, url, headers, body)
    setTimeout(() => answer(response.status, response.headers), fault == 'slow' ? 30 : 0)
  }

  return {
    uploads,
    seen,
    /** Queues faults for the next requests, in order (`undefined`: that request is answered normally). */
    fail(...next: (Fault | undefined)[]) {
      faults.push(...next)
    },
    receive,
    /** The bytes stored for upload `id` (1, 2, …). */
    stored: (id: string | number) => Uint8Array.from(uploads.get(String(id))?.data || []),
    /** Methods of the requests seen so far, with the override in brackets. */
    methods: () => seen.map((r) => (r.override ? `${r.method}(${r.override})` : r.method)),
  }
}

export type FakeTusServer = ReturnType<typeof createTusServer>

/** A file's bytes: 0, 1, 2, … 255, 0, … (or from `seed`). */
export function bytes(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i + seed) & 255
  return out
}

/**
 * Installs a fake XMLHttpRequest that sends to `server` (H5). Returns the list of XHRs made and a
 * restore function. A Blob body is read as the server sees it; upload progress is reported at half
 * and at the whole body before the answer.
 */
export function installFakeXhr(server: FakeTusServer) {
  const made: FakeXhr[] = []
  class FakeXhr {
    method = ''
    url = ''
    headers: Record<string, string> = {}
    status = 0
    responseHeaders: Record<string, string> = {}
    aborted = false
    body: unknown
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null }
    constructor() {
      made.push(this)
    }
    open(method: string, url: string) {
      this.method = method
      this.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value
    }
    getAllResponseHeaders() {
      return Object.keys(this.responseHeaders)
        .map((k) => `${k.toLowerCase()}: ${this.responseHeaders[k]}\r\n`)
        .join('')
    }
    abort() {
      this.aborted = true
    }
    send(body: unknown) {
      this.body = body
      const go = (data?: Uint8Array) => {
        if (this.aborted) return
        if (data && data.length && this.upload.onprogress) {
          this.upload.onprogress({ loaded: Math.floor(data.length / 2) })
          this.upload.onprogress({ loaded: data.length })
        }
        server.receive(
          this.method,
          this.url,
          this.headers,
          data,
          (status, headers) => {
            if (this.aborted) return
            this.status = status
            this.responseHeaders = headers
            this.onload?.()
          },
          () => this.aborted || this.onerror?.(),
        )
      }
      if (body instanceof Blob) body.arrayBuffer().then((b) => go(new Uint8Array(b)))
      else go(body == null ? undefined : new Uint8Array(body as ArrayBuffer))
    }
  }
  const g = globalThis as any
  const previous = g.XMLHttpRequest
  g.XMLHttpRequest = FakeXhr
  return { made, restore: () => void (g.XMLHttpRequest = previous) }
}

/** The `uni.request` methods each platform has (RUNTIME.md, RESUMABLE.md). */
const REQUEST_METHODS: Record<string, string[]> = {
  'mp-weixin': ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'],
  'mp-qq': ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'],
  app: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  'mp-toutiao': ['GET', 'POST', 'PUT'],
  'mp-lark': ['GET', 'POST', 'PUT'],
  'mp-alipay': ['GET', 'POST'],
  'mp-baidu': ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'],
}

export interface FakeTusUniOptions {
  platform?: string
  /** `getSystemInfoSync().SDKVersion`. @default '3.0.0' */
  sdkVersion?: string
  /** Files by path. */
  files?: Record<string, Uint8Array>
  /** setStorageSync throws (quota). @default false */
  storageFull?: boolean
}

/** A fake `uni` for the resumable paths: request, file system, storage, base64, system info. */
export function createTusUni(server: FakeTusServer, options: FakeTusUniOptions = {}) {
  const platform = options.platform || 'mp-weixin'
  const files = options.files || {}
  const storage = new Map<string, unknown>()
  const reads: { filePath: string; position?: number; length?: number }[] = []
  const requests: any[] = []
  const state = { storageFull: !!options.storageFull }
  const uni = {
    uploadFile() {
      throw new Error('not used')
    },
    downloadFile() {
      throw new Error('not used')
    },
    getSystemInfoSync: () => ({ uniPlatform: platform, SDKVersion: options.sdkVersion ?? '3.0.0' }),
    request(o: any) {
      requests.push(o)
      let method = String(o.method || 'GET').toUpperCase()
      const methods = REQUEST_METHODS[platform] || ['GET', 'POST']
      let aborted = false
      const task = { abort: () => void (aborted = true) }
      if (methods.indexOf(method) < 0) {
        // H5 and App fall back to GET; the mini-programs refuse the call.
        if (platform == 'app') method = 'GET'
        else {
          setTimeout(() => o.fail?.({ errMsg: 'request:fail method is invalid' }), 0)
          return task
        }
      }
      const body = o.data instanceof ArrayBuffer ? new Uint8Array(o.data) : undefined
      server.receive(
        method,
        o.url,
        o.header || {},
        body,
        (status, headers) => aborted || o.success?.({ statusCode: status, header: headers, data: '', errMsg: 'request:ok' }),
        () => aborted || o.fail?.({ errMsg: 'request:fail connection reset' }),
      )
      return task
    },
    getFileSystemManager: () => ({
      getFileInfo(o: any) {
        const file = files[o.filePath]
        setTimeout(() => (file ? o.success({ size: file.length, errMsg: 'getFileInfo:ok' }) : o.fail({ errMsg: 'getFileInfo:fail no such file' })), 0)
      },
      readFile(o: any) {
        reads.push({ filePath: o.filePath, position: o.position, length: o.length })
        const file = files[o.filePath]
        setTimeout(() => {
          if (!file) return o.fail({ errMsg: 'readFile:fail no such file' })
          const start = o.position || 0
          const end = o.length === undefined ? file.length : start + o.length
          o.success({ data: file.slice(start, end).buffer })
        }, 0)
      },
    }),
    getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
    setStorageSync(key: string, value: unknown) {
      if (state.storageFull) throw new Error('setStorageSync:fail exceed storage max size')
      storage.set(key, structuredClone(value))
    },
    removeStorageSync: (key: string) => void storage.delete(key),
    base64ToArrayBuffer: (base64: string) => Uint8Array.from(Buffer.from(base64, 'base64')).buffer,
  }
  return { uni, platform, files, storage, reads, requests, state }
}

/** Installs a fake `plus.io` (App) over `files`; returns a restore function and the slices read. */
export function installFakePlus(files: Record<string, Uint8Array>) {
  const slices: { path: string; start: number; end: number }[] = []
  const file = (path: string) => ({
    size: files[path].length,
    slice: (start: number, end: number) => ({ path, start, end }),
  })
  const plus = {
    io: {
      resolveLocalFileSystemURL(url: string, ok: (entry: any) => void, fail: (e: any) => void) {
        const path = url.replace(/^file:\/\//, '')
        setTimeout(() => (files[path] ? ok({ file: (cb: (f: any) => void) => cb(file(path)) }) : fail({ code: 14, message: 'no such file' })), 0)
      },
      FileReader: class {
        onload: ((event: any) => void) | null = null
        onerror: ((event: any) => void) | null = null
        readAsDataURL(slice: { path: string; start: number; end: number }) {
          slices.push(slice)
          const data = Buffer.from(files[slice.path].slice(slice.start, slice.end)).toString('base64')
          setTimeout(() => this.onload?.({ target: { result: 'data:application/octet-stream;base64,' + data } }), 0)
        }
      },
    },
  }
  const g = globalThis as any
  const previous = g.plus
  g.plus = plus
  return { slices, restore: () => void (g.plus = previous) }
}

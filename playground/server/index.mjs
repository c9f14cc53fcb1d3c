// The playground's server: serves the built playground and a small upload/download API on one
// port, bound to loopback. node:http + busboy, no framework. Used by `npm run playground` and by
// the e2e tests (startServer / close()).
//
//   POST /upload            multipart upload; stores each file, answers JSON describing what
//                           arrived (field names, sizes, sha256, form fields, request headers)
//   GET  /files/:id         a stored file
//   GET  /files/demo.png    a fixed demo image (see demo-image.mjs)
//   GET  /files/random.bin  ?size=<bytes>&seed=<n>: deterministic pseudo-random bytes
//   *    /files/            the tus 1.0 server (@tus/server + @tus/file-store, see tus.mjs):
//                           POST creates; HEAD, PATCH, DELETE and GET of /files/<tus id>;
//                           POST + X-HTTP-Method-Override honoured
//   *    /tus/…             the tus server's records and fault controls (see tus.mjs)
//   GET  /stats             what was stored and how every request ended, and how many uploads
//                           were in flight at once (uploadsInFlight; maxConcurrentUploads and
//                           maxConcurrentIds since the last reset)
//   POST /reset-stats       forget all of it (and delete the stored files and tus uploads)
//   anything else (GET)     the built playground (root), index.html for unknown paths
//
// Fault options, as query parameters on any endpoint but /stats and /reset-stats:
//   rate=<bytes/s>    read the request body and write the response at that rate
//   hang=1            read the request body, then never answer
//   status=<code>     answer with that status (>= 400: an error body, nothing stored)
//   close=1           read the request body, then close the connection before any header
//   reset=<n>         reset the TCP connection (RST) after n bytes of the request body (upload)
//                     or of the response body (everything else)
//   delay=<ms>        wait before answering
import http from 'node:http'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { Transform, Writable, pipeline } from 'node:stream'
import busboy from 'busboy'
import { demoImage, pseudoRandomBytes } from './demo-image.mjs'
import { createTusPart, TUS_PATH } from './tus.mjs'
import { createSleeper, resetSocket } from './timers.mjs'

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

const MAX_RANDOM = 64 * 1024 * 1024
const MAX_REQUESTS_KEPT = 1000

function parseFaults(params) {
  const num = (name) => {
    const v = params.get(name)
    if (v == null || v === '') return undefined
    const n = Number(v)
    return Number.isFinite(n) && n >= 0 ? n : undefined
  }
  const flag = (name) => {
    const v = params.get(name)
    return v != null && v !== '0' && v !== 'false'
  }
  const status = num('status')
  return {
    rate: num('rate') || 0,
    hang: flag('hang'),
    status: status && status >= 100 && status <= 599 ? Math.floor(status) : undefined,
    close: flag('close'),
    reset: num('reset'),
    delay: num('delay') || 0,
  }
}

/**
 * Starts the server. `root` is the built playground (optional: without it only the API is
 * served). Resolves to `{ url, port, close() }`; `close()` destroys open sockets and removes the
 * temporary directory with the stored files.
 */
export async function startServer({ port = 0, host = '127.0.0.1', root, log = () => {}, tusExpiryMs } = {}) {
  const tmpDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'uni-uploader-playground-'))
  const tus = createTusPart({ dir: path.join(tmpDir, 'tus'), expiryMs: tusExpiryMs, log })
  const sockets = new Set()
  let closed = false
  let nextRequest = 1
  let nextFile = 1

  /** @type {Map<string, any>} */
  const files = new Map()
  /** @type {Map<string, {attempts: number, stored: number, outcomes: string[]}>} */
  const uploads = new Map()
  /** @type {any[]} */
  const requests = []
  // POST /upload requests the server is busy with (from the request head until the response is
  // done or the connection is gone), and the most there were at once since the last reset
  const uploadsInFlight = new Set()
  let maxConcurrentUploads = 0
  let maxConcurrentIds = [] // the request ids in flight when that most was reached

  const sleeper = createSleeper()
  const { sleep } = sleeper

  const rootDir = root ? path.resolve(root) : undefined

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`error: ${err?.stack || err}`)
      if (!res.headersSent && !res.destroyed) {
        sendJSON(res, 500, { error: 'Internal Server Error', message: String(err?.message || err) })
      } else {
        res.destroy()
      }
    })
  })
  server.keepAliveTimeout = 5000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const url = `http://${address.address}:${address.port}`

  function record(req, pathname, search) {
    const uploadId = req.headers['x-upload-id'] ? String(req.headers['x-upload-id']) : undefined
    const entry = {
      id: nextRequest++,
      method: req.method,
      path: pathname,
      query: search,
      uploadId,
      headers: req.headers,
      outcome: 'pending',
      status: undefined,
      bytesIn: 0,
      bytesOut: 0,
      clientClosed: false,
      at: Date.now(),
      closedAt: undefined,
    }
    requests.push(entry)
    if (requests.length > MAX_REQUESTS_KEPT) requests.shift()
    return entry
  }

  function countUpload(entry) {
    const key = entry.uploadId ?? '(none)'
    let u = uploads.get(key)
    if (!u) uploads.set(key, (u = { attempts: 0, stored: 0, outcomes: [] }))
    u.attempts++
    return u
  }

  async function handle(req, res) {
    const parsed = new URL(req.url || '/', 'http://localhost')
    let pathname = parsed.pathname
    try {
      pathname = decodeURIComponent(pathname)
    } catch {
      // keep it encoded
    }
    const entry = record(req, pathname, parsed.search)
    const faults = parseFaults(parsed.searchParams)
    res.on('close', () => {
      entry.closedAt = Date.now()
      if (!res.writableFinished) entry.clientClosed = true
    })
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Expose-Headers', '*')
    res.setHeader('X-Request-Id', String(entry.id))

    if (isTusRequest(req.method, pathname)) return tus.handle(req, res, entry, pathname)
    if (pathname.startsWith('/tus/')) {
      await drain(req)
      const body = await tus.control(req.method, pathname, parsed.searchParams)
      entry.outcome = body ? 'tus-control' : 'not-found'
      return body ? sendJSON(res, 200, body) : sendJSON(res, 404, { error: 'Not Found', path: pathname })
    }

    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*',
        'Access-Control-Max-Age': '600',
      })
      entry.outcome = 'preflight'
      return res.end()
    }

    if (pathname === '/stats' && req.method === 'GET') {
      entry.outcome = 'stats'
      return sendJSON(res, 200, stats())
    }
    if (pathname === '/reset-stats' && req.method === 'POST') {
      await drain(req)
      await resetStats()
      entry.outcome = 'reset-stats'
      return sendJSON(res, 200, { ok: true })
    }
    if (pathname === '/upload') {
      if (req.method !== 'POST') {
        entry.outcome = 'bad-method'
        await drain(req)
        return sendJSON(res, 405, { error: 'Method Not Allowed' }, { Allow: 'POST' })
      }
      return handleUpload(req, res, entry, faults)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      entry.outcome = 'bad-method'
      await drain(req)
      return sendJSON(res, 405, { error: 'Method Not Allowed' })
    }
    if (pathname.startsWith('/files/')) return handleFile(req, res, entry, faults, pathname.slice(7), parsed)
    return handleStatic(req, res, entry, faults, pathname)
  }

  /**
   * /files/ is shared: the playground's own files (demo.png, random.bin, stored f<n>) are read
   * with GET/HEAD there; everything else under it is the tus server's.
   */
  function isTusRequest(method, pathname) {
    if (pathname === TUS_PATH || pathname === TUS_PATH + '/') return method !== 'GET' && method !== 'HEAD'
    const id = tus.idOf(pathname)
    if (!id) return false
    if (method !== 'GET' && method !== 'HEAD') return true
    return id !== 'demo.png' && id !== 'random.bin' && !files.has(id)
  }

  // ---- request body ---------------------------------------------------------------------

  /** A pass-through that counts request bytes, reads at `rate` and resets after `reset` bytes. */
  function meter(req, entry, { rate, reset }) {
    return new Transform({
      transform(chunk, _enc, cb) {
        ;(async () => {
          let offset = 0
          while (offset < chunk.length) {
            if (closed) return cb(new Error('server closed'))
            let size = chunk.length - offset
            if (rate) size = Math.min(size, Math.max(1, Math.floor(rate / 20)))
            if (reset != null && entry.bytesIn + size >= reset) {
              const rest = reset - entry.bytesIn
              if (rest > 0) this.push(chunk.subarray(offset, offset + rest))
              entry.bytesIn = reset
              entry.outcome = 'reset'
              resetSocket(req.socket)
              return cb(new Error('connection reset by fault option'))
            }
            this.push(chunk.subarray(offset, offset + size))
            entry.bytesIn += size
            offset += size
            if (rate) await sleep((size / rate) * 1000)
          }
          cb()
        })().catch(cb)
      },
    })
  }

  /** Reads (and throws away) a request body through the meter. */
  function drain(req, entry, faults = {}) {
    return new Promise((resolve, reject) => {
      const sink = new Writable({ write: (_c, _e, cb) => cb() })
      if (!entry) {
        req.resume()
        req.on('end', resolve)
        req.on('error', reject)
        return
      }
      pipeline(req, meter(req, entry, faults), sink, (err) => (err ? reject(err) : resolve()))
    })
  }

  // ---- responses ------------------------------------------------------------------------

  function sendJSON(res, status, body, headers = {}) {
    const buf = Buffer.from(JSON.stringify(body, null, 2))
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': buf.length,
      'Cache-Control': 'no-store',
      ...headers,
    })
    res.end(buf)
  }

  /**
   * Applies hang / close / delay / status (in that order) after the request body was read.
   * Returns true when the request was answered (or will never be) by a fault.
   */
  async function applyFaults(req, res, entry, faults) {
    if (faults.hang) {
      entry.outcome = 'hang'
      return true
    }
    if (faults.close) {
      entry.outcome = 'closed'
      req.socket.destroy()
      return true
    }
    if (faults.delay) await sleep(faults.delay)
    if (closed || res.destroyed) return true
    if (faults.status && faults.status >= 400) {
      entry.outcome = `status:${faults.status}`
      entry.status = faults.status
      await sendBody(req, res, entry, faults, faults.status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      }, Buffer.from(JSON.stringify({ error: http.STATUS_CODES[faults.status] || 'Error', status: faults.status }, null, 2)))
      return true
    }
    return false
  }

  /** Writes a response body at `rate`, resetting the connection after `reset` bytes. */
  async function sendBody(req, res, entry, faults, status, headers, body) {
    const { rate, reset } = faults
    entry.status = status
    res.writeHead(status, { ...headers, 'Content-Length': body.length })
    if (req.method === 'HEAD') return void res.end()
    if (!rate && reset == null) {
      entry.bytesOut = body.length
      return void res.end(body)
    }
    const slice = rate ? Math.max(1, Math.floor(rate / 20)) : 64 * 1024
    let offset = 0
    while (offset < body.length) {
      if (closed || res.destroyed) return
      let size = Math.min(slice, body.length - offset)
      if (reset != null && offset + size >= reset) {
        size = Math.max(0, reset - offset)
        if (size) res.write(body.subarray(offset, offset + size))
        entry.bytesOut = offset + size
        entry.outcome = 'reset'
        // let the bytes already written leave before the RST
        await sleep(30)
        resetSocket(req.socket)
        return
      }
      const ok = res.write(body.subarray(offset, offset + size))
      offset += size
      entry.bytesOut = offset
      if (!ok) await new Promise((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
      if (rate) await sleep((size / rate) * 1000)
    }
    res.end()
  }

  // ---- POST /upload ---------------------------------------------------------------------

  async function handleUpload(req, res, entry, faults) {
    const upload = countUpload(entry)
    uploadsInFlight.add(entry.id)
    if (uploadsInFlight.size > maxConcurrentUploads) {
      maxConcurrentUploads = uploadsInFlight.size
      maxConcurrentIds = [...uploadsInFlight]
    }
    res.once('close', () => void uploadsInFlight.delete(entry.id))
    const stored = [] // files written to tmp by this request
    const fields = []
    entry.fields = fields
    entry.files = stored.map((f) => f.id)
    let bb
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8' })
    } catch (err) {
      entry.outcome = 'bad-request'
      upload.outcomes.push(entry.outcome)
      await drain(req, entry, faults).catch(() => {})
      return sendJSON(res, 400, { error: 'Bad Request', message: String(err.message) })
    }
    const writes = []
    bb.on('field', (name, value) => fields.push([name, value]))
    bb.on('file', (field, stream, info) => {
      const id = `f${nextFile++}`
      const file = {
        id,
        field,
        filename: info.filename,
        mimeType: info.mimeType,
        size: 0,
        sha256: '',
        path: path.join(tmpDir, id),
        requestId: entry.id,
        uploadId: entry.uploadId,
      }
      stored.push(file)
      const hash = crypto.createHash('sha256')
      writes.push(
        new Promise((resolve, reject) => {
          const tap = new Transform({
            transform(chunk, _e, cb) {
              hash.update(chunk)
              file.size += chunk.length
              cb(null, chunk)
            },
          })
          pipeline(stream, tap, fs.createWriteStream(file.path), (err) => {
            if (err) return reject(err)
            file.sha256 = hash.digest('hex')
            resolve()
          })
        }),
      )
    })
    try {
      await new Promise((resolve, reject) => {
        bb.on('close', resolve)
        bb.on('error', reject)
        pipeline(req, meter(req, entry, faults), bb, (err) => (err ? reject(err) : undefined))
      })
      await Promise.all(writes)
    } catch (err) {
      // the client went away, the connection was reset, or the body was not valid multipart
      await Promise.allSettled(writes)
      await Promise.all(stored.map((f) => fsp.rm(f.path, { force: true })))
      if (entry.outcome === 'pending') {
        const aborted = req.destroyed || req.socket.destroyed || entry.clientClosed
        entry.outcome = aborted ? 'aborted' : 'bad-request'
      }
      upload.outcomes.push(entry.outcome)
      if (!res.destroyed && !res.headersSent && entry.outcome === 'bad-request') {
        sendJSON(res, 400, { error: 'Bad Request', message: String(err?.message || err) })
      }
      return
    }

    const failed = faults.hang || faults.close || (faults.status && faults.status >= 400)
    if (failed) await Promise.all(stored.map((f) => fsp.rm(f.path, { force: true })))
    if (await applyFaults(req, res, entry, faults)) {
      upload.outcomes.push(entry.outcome)
      return
    }
    if (closed || res.destroyed) {
      await Promise.all(stored.map((f) => fsp.rm(f.path, { force: true })))
      entry.outcome = 'aborted'
      upload.outcomes.push(entry.outcome)
      return
    }
    for (const f of stored) files.set(f.id, f)
    entry.files = stored.map((f) => f.id)
    upload.stored += stored.length
    entry.outcome = 'stored'
    upload.outcomes.push(entry.outcome)
    const status = faults.status ?? 200
    const body = {
      ok: true,
      requestId: entry.id,
      uploadId: entry.uploadId ?? null,
      attempt: upload.attempts,
      files: stored.map(publicFile),
      fields: Object.fromEntries(fields),
      fieldList: fields,
      headers: req.headers,
      rawHeaders: pairs(req.rawHeaders),
      bytesReceived: entry.bytesIn,
    }
    await sendBody(req, res, entry, faults, status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Upload-Id': entry.uploadId ?? '',
      'X-Stored-Files': String(stored.length),
    }, Buffer.from(JSON.stringify(body, null, 2)))
  }

  // ---- GET /files/:id -------------------------------------------------------------------

  async function handleFile(req, res, entry, faults, id, parsed) {
    await drain(req, entry, { ...faults, reset: undefined })
    if (await applyFaults(req, res, entry, faults)) return
    let body
    let type = 'application/octet-stream'
    let name = id
    if (id === 'demo.png') {
      body = demoImage()
      type = 'image/png'
    } else if (id === 'random.bin') {
      const size = Math.min(MAX_RANDOM, Math.max(0, Math.floor(Number(parsed.searchParams.get('size') ?? 1024 * 1024)) || 0))
      body = pseudoRandomBytes(size, Number(parsed.searchParams.get('seed') ?? 1) >>> 0)
    } else {
      const file = files.get(id)
      if (!file) {
        entry.outcome = 'not-found'
        return sendJSON(res, 404, { error: 'Not Found', id })
      }
      body = await fsp.readFile(file.path)
      type = file.mimeType || type
      name = file.filename || id
    }
    entry.outcome = 'served'
    await sendBody(req, res, entry, faults, faults.status ?? 200, {
      'Content-Type': type,
      'Content-Disposition': `inline; filename="${encodeURIComponent(name)}"`,
      'Cache-Control': 'no-store',
      'X-Content-SHA256': crypto.createHash('sha256').update(body).digest('hex'),
    }, body)
  }

  // ---- the built playground -------------------------------------------------------------

  async function handleStatic(req, res, entry, faults, pathname) {
    await drain(req, entry, { ...faults, reset: undefined })
    if (await applyFaults(req, res, entry, faults)) return
    if (!rootDir || !fs.existsSync(path.join(rootDir, 'index.html'))) {
      entry.outcome = 'not-built'
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      return res.end('The playground is not built: run `npm run playground:build`.\n')
    }
    let file = path.normalize(path.join(rootDir, pathname))
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) {
      entry.outcome = 'not-found'
      return sendJSON(res, 404, { error: 'Not Found' })
    }
    let stat = await fsp.stat(file).catch(() => undefined)
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html')
      stat = await fsp.stat(file).catch(() => undefined)
    }
    if (!stat?.isFile()) {
      // unknown paths without an extension get the app (history-mode routes); assets 404
      if (path.extname(pathname)) {
        entry.outcome = 'not-found'
        return sendJSON(res, 404, { error: 'Not Found', path: pathname })
      }
      file = path.join(rootDir, 'index.html')
    }
    const body = await fsp.readFile(file)
    const ext = path.extname(file).toLowerCase()
    entry.outcome = 'served'
    await sendBody(req, res, entry, faults, faults.status ?? 200, {
      'Content-Type': MIME[ext] || 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    }, body)
  }

  // ---- stats ----------------------------------------------------------------------------

  function publicFile(f) {
    return {
      id: f.id,
      field: f.field,
      filename: f.filename,
      mimeType: f.mimeType,
      size: f.size,
      sha256: f.sha256,
      url: `/files/${f.id}`,
      requestId: f.requestId,
      uploadId: f.uploadId ?? null,
    }
  }

  function stats() {
    return {
      count: files.size,
      files: [...files.values()].map(publicFile),
      uploads: Object.fromEntries(uploads),
      uploadsInFlight: uploadsInFlight.size,
      maxConcurrentUploads,
      maxConcurrentIds,
      requests: requests.filter((r) => r.path !== '/stats'),
    }
  }

  async function resetStats() {
    const old = [...files.values()]
    files.clear()
    uploads.clear()
    requests.length = 0
    maxConcurrentUploads = uploadsInFlight.size
    maxConcurrentIds = [...uploadsInFlight]
    await Promise.all(old.map((f) => fsp.rm(f.path, { force: true })))
    await tus.reset()
  }

  async function close() {
    if (closed) return
    closed = true
    sleeper.close()
    tus.close()
    const done = new Promise((resolve) => server.close(() => resolve()))
    for (const s of sockets) s.destroy()
    server.closeAllConnections?.()
    await done
    await fsp.rm(tmpDir, { recursive: true, force: true })
  }

  return { url, port: address.port, tmpDir, close }
}

function pairs(raw) {
  const out = []
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]])
  return out
}

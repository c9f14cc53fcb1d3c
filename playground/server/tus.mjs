// The playground's tus 1.0 server: a real @tus/server 2.x with @tus/file-store, mounted at
// /files/ by index.mjs on the same origin, plus the records and fault controls the e2e tests and
// the playground's "Large file, resumable" card use.
//
// @tus/server 2.x ignores X-HTTP-Method-Override (1.x honoured it; tusd does), and uni.request has
// no PATCH anywhere, so the three override lines sit right before tus.handle(req, res).
//
// Controls (POST unless said; answered with JSON):
//   GET  /tus/uploads            every upload: size, metadata, each PATCH (offset, bytes read,
//                                status, fault, whether the store is still writing it), HEADs,
//                                whether it is complete or terminated, the sha256 of the
//                                completed file (a moment after `complete`: it is hashed after
//                                the last answer), and which uploads are on disk
//   POST /tus/next-patch?fault=reset[&after=<bytes>]
//                                reset (RST) the connection of the next PATCH after <bytes> of its
//                                body were read (default: half its Content-Length); faults armed
//                                one after another apply to the PATCHes that follow, in order
//   POST /tus/next-patch?fault=500[&afterHead=1]
//                                read the next PATCH's body and answer 500, storing nothing
//                                (afterHead=1: the next PATCH that follows a HEAD)
//   POST /tus/expire[?id=<id>]   make that upload (default: every unfinished one) expired: the
//                                server then answers 410 for it, as @tus/server does for expiry
//   POST /tus/restart[?down=<ms>]
//                                restart the tus part: connections of tus requests in flight are
//                                reset, requests meanwhile get 503, then a new @tus/server over the
//                                same store directory takes over
//   POST /tus/rate?bps=<n>       read PATCH bodies at <n> bytes/s from now on (0: unlimited)
import fsp from 'node:fs/promises'
import path from 'node:path'
import crypto from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AsyncLocalStorage } from 'node:async_hooks'
import { Server, EVENTS } from '@tus/server'
import { FileStore } from '@tus/file-store'
import { createSleeper, resetSocket } from './timers.mjs'

/** Where the tus server is mounted (no trailing slash, as @tus/server wants its `path`). */
export const TUS_PATH = '/files'

const DAY = 24 * 60 * 60 * 1000
/** Bounds the disk a playground upload may take. */
const MAX_UPLOAD = 1024 * 1024 * 1024

/** The request a store write belongs to (the PATCH being read), across @tus/server's awaits. */
const currentRequest = new AsyncLocalStorage()

/** The three lines every @tus/server 2.x needs for clients that send POST + override. */
function honourMethodOverride(req) {
  const o = req.headers['x-http-method-override']
  if (o) req.method = String(o).toUpperCase()
}

function sha256File(file) {
  const hash = crypto.createHash('sha256')
  return pipeline(createReadStream(file), hash).then(() => hash.digest('hex'))
}

/**
 * A FileStore whose writes are counted into the PATCH record of the request they belong to, read
 * at the configured rate, and cut when a reset fault is armed for that request.
 */
class RecordingFileStore extends FileStore {
  constructor(options, part) {
    super(options)
    this.part = part
  }

  write(readable, id, offset) {
    const ctx = currentRequest.getStore()
    if (!ctx?.patch) return super.write(readable, id, offset)
    const { patch, req } = ctx
    const { part } = this
    const meter = new Transform({
      transform(chunk, _enc, cb) {
        // after the cut nothing more of this request reaches the store (what the stream had
        // buffered already would otherwise follow the gap)
        if (ctx.cut) return cb()
        ;(async () => {
          let at = 0
          while (at < chunk.length) {
            let size = chunk.length - at
            if (part.rate) size = Math.min(size, Math.max(1, Math.floor(part.rate / 20)))
            if (ctx.resetAfter != null && patch.bytes + size >= ctx.resetAfter) {
              const rest = ctx.resetAfter - patch.bytes
              if (rest > 0) this.push(chunk.subarray(at, at + rest))
              patch.bytes = ctx.resetAfter
              patch.fault = 'reset'
              ctx.resetAfter = undefined
              ctx.cut = true
              resetSocket(req.socket)
              return cb()
            }
            this.push(chunk.subarray(at, at + size))
            patch.bytes += size
            at += size
            if (part.rate) await part.sleep((size / part.rate) * 1000)
          }
          cb()
        })().catch(cb)
      },
    })
    readable.on('error', (err) => meter.destroy(err))
    // the store may still be taking in what was buffered after the connection closed
    patch.writing = true
    const written = super.write(readable.pipe(meter), id, offset)
    written.then(
      () => (patch.writing = false),
      () => (patch.writing = false),
    )
    return written
  }
}

/**
 * Creates the tus part over `dir` (the caller removes it). `expiryMs`: how long an unfinished
 * upload lives (the expiration extension; Upload-Expires on every answer).
 */
export function createTusPart({ dir, expiryMs = DAY, log = () => {} }) {
  /** @type {Map<string, any>} per upload id */
  const records = new Map()
  /** tus requests being answered: a restart resets their connections */
  const inFlight = new Set()
  const sleeper = createSleeper()
  /** faults armed for the next PATCHes, in order, one each: { fault: 'reset' | 500, after?: number } */
  const armedFaults = []
  let downUntil = 0 // restarting: answer 503 until then
  let restarts = 0

  /** what the store's writes read: the PATCH read rate, and a sleep that close() ends */
  const part = { rate: 0, sleep: sleeper.sleep }

  function recordOf(id) {
    let r = records.get(id)
    if (!r) {
      r = { id, size: undefined, metadata: {}, createdAt: undefined, patches: [], heads: 0, complete: false, terminated: false, expired: false, sha256: undefined }
      records.set(id, r)
    }
    return r
  }

  function makeStore() {
    return new RecordingFileStore({ directory: dir, expirationPeriodInMilliseconds: expiryMs }, part)
  }

  function makeServer() {
    const server = new Server({
      path: TUS_PATH,
      datastore: makeStore(),
      maxSize: MAX_UPLOAD,
    })
    server.on(EVENTS.POST_CREATE, (_req, upload) => {
      const r = recordOf(upload.id)
      r.size = upload.size
      r.metadata = upload.metadata ?? {}
      r.createdAt = upload.creation_date
    })
    server.on(EVENTS.POST_FINISH, (_req, _res, upload) => {
      // hashed after the last answer, off the timed path (the bench compares against /upload,
      // which hashes as it streams): the record has `sha256` a moment after `complete`
      const r = recordOf(upload.id)
      r.complete = true
      sha256File(path.join(dir, upload.id)).then(
        (hash) => (r.sha256 = hash),
        (err) => log(`tus: could not hash ${upload.id}: ${err.message}`),
      )
    })
    server.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
      recordOf(id).terminated = true
    })
    return server
  }

  let tus = makeServer()

  const idOf = (pathname) => {
    const m = /^\/files\/([^/]+)\/?$/.exec(pathname)
    return m ? m[1] : undefined
  }

  /** Answers a request under /files/ (entry: the server's request record). */
  async function handle(req, res, entry, pathname) {
    honourMethodOverride(req)
    if (entry.method !== req.method) entry.override = req.method
    const id = idOf(pathname)
    const ctx = { patch: undefined, req, resetAfter: undefined, cut: false }
    const flight = { req, entry }
    inFlight.add(flight)
    res.once('close', () => inFlight.delete(flight))
    entry.outcome = 'tus'
    res.once('close', () => {
      entry.status = res.statusCode
      if (ctx.patch) {
        ctx.patch.status = res.writableFinished ? res.statusCode : undefined
        ctx.patch.endedAt = Date.now()
        entry.bytesIn = ctx.patch.bytes
      }
    })

    if (req.method === 'HEAD' && id) {
      recordOf(id).heads++
      recordOf(id).headSincePatch = true
    }
    if (req.method === 'PATCH' && id) {
      ctx.patch = { requestId: entry.id, offset: Number(req.headers['upload-offset']), bytes: 0, status: undefined, fault: undefined, writing: false, at: Date.now(), endedAt: undefined }
      recordOf(id).patches.push(ctx.patch)
      // A fault armed with afterHead waits for a PATCH that follows a HEAD: the client's own retry,
      // not a request Chromium resent by itself after a reset.
      const first = armedFaults[0]
      const fault = first && (!first.afterHead || recordOf(id).headSincePatch) ? armedFaults.shift() : undefined
      recordOf(id).headSincePatch = false
      if (fault?.fault === 500) {
        ctx.patch.fault = '500'
        await drainCounted(req, ctx.patch)
        return answer(res, 500, 'Internal Server Error (fault armed by /tus/next-patch)\n')
      }
      if (fault?.fault === 'reset') {
        const length = Number(req.headers['content-length']) || 0
        ctx.resetAfter = fault.after ?? Math.floor(length / 2)
      }
    }
    if (Date.now() < downUntil) {
      await drainCounted(req, ctx.patch)
      if (ctx.patch) ctx.patch.fault = 'restarting'
      return answer(res, 503, 'Service Unavailable (the tus server is restarting)\n', { 'Retry-After': '1' })
    }
    await currentRequest.run(ctx, () => tus.handle(req, res))
  }

  function answer(res, status, body, headers = {}) {
    if (res.destroyed || res.headersSent) return
    res.writeHead(status, { 'Tus-Resumable': '1.0.0', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers })
    res.end(body)
  }

  function drainCounted(req, patch) {
    return new Promise((resolve) => {
      req.on('data', (c) => {
        if (patch) patch.bytes += c.length
      })
      req.on('end', resolve)
      req.on('error', resolve)
      req.on('close', resolve)
    })
  }

  /** The uploads whose data file (and info file) are in the store directory. */
  async function onDisk() {
    const names = await fsp.readdir(dir).catch(() => [])
    return names.filter((n) => !n.endsWith('.json'))
  }

  async function expire(id) {
    const store = tus.datastore
    const ids = id ? [id] : [...records.values()].filter((r) => !r.complete && !r.terminated).map((r) => r.id)
    const done = []
    for (const one of ids) {
      const info = await store.configstore.get(one)
      if (!info) continue
      // born long enough ago that the expiration extension now answers 410 for it
      info.creation_date = new Date(Date.now() - expiryMs - 60_000).toISOString()
      await store.configstore.set(one, info)
      recordOf(one).expired = true
      done.push(one)
    }
    return done
  }

  function restart(down = 0) {
    for (const { req, entry } of inFlight) {
      entry.outcome = 'reset by restart'
      resetSocket(req.socket)
    }
    inFlight.clear()
    tus.removeAllListeners()
    downUntil = Date.now() + down
    // the new instance: a new locker and store over the same directory, as after a process restart
    tus = makeServer()
    restarts++
    log(`tus: restarted (${restarts})`)
  }

  /** Answers /tus/* controls; returns undefined for paths that are not controls. */
  async function control(method, pathname, params) {
    if (pathname === '/tus/uploads' && method === 'GET') {
      return { uploads: [...records.values()], onDisk: await onDisk(), restarts, expiryMs, rate: part.rate, armed: armedFaults }
    }
    if (method !== 'POST') return undefined
    if (pathname === '/tus/next-patch') {
      const fault = params.get('fault')
      if (fault === '500') armedFaults.push({ fault: 500, afterHead: params.get('afterHead') === '1' })
      else if (fault === 'reset') {
        const after = params.get('after')
        armedFaults.push({ fault: 'reset', after: after == null ? undefined : Number(after) })
      } else return { error: 'fault must be reset or 500' }
      return { armed: armedFaults }
    }
    if (pathname === '/tus/expire') return { expired: await expire(params.get('id') || undefined) }
    if (pathname === '/tus/restart') {
      restart(Number(params.get('down')) || 0)
      return { restarts }
    }
    if (pathname === '/tus/rate') {
      part.rate = Math.max(0, Number(params.get('bps')) || 0)
      return { rate: part.rate }
    }
    return undefined
  }

  /** Forgets the records and faults and deletes every stored upload. */
  async function reset() {
    records.clear()
    armedFaults.length = 0
    downUntil = 0
    part.rate = 0
    const names = await fsp.readdir(dir).catch(() => [])
    await Promise.all(names.map((n) => fsp.rm(path.join(dir, n), { force: true, recursive: true })))
  }

  function close() {
    sleeper.close()
    tus.removeAllListeners()
  }

  return { handle, control, reset, close, idOf }
}

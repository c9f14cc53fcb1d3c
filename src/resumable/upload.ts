import { timeoutOf } from '../config.js'
import { endCall, startCall, tell } from '../core/call.js'
import { failMessage, userError } from '../core/fail.js'
import { emit, listenerAdder, listenerRemover, outcomeOf, type Listener } from '../core/listeners.js'
import { createProgress } from '../core/progress.js'
import { nextRetry, worthRetry, type RetryDefaults } from '../core/retry.js'
import type { OnTask } from '../core/transfer.js'
import { checkShared, checkUrl, isObject, type Problem } from '../core/validate.js'
import { AbortError, HTTPError, NetworkError, TimeoutError, TransferError } from '../errors.js'
import { platformOf } from '../transport/platform.js'
import type { UploaderConfig } from '../types.js'
import { resolveLocation, resolveUrl } from '../url.js'
import { defaultFingerprint } from './fingerprint.js'
import { checkMetadata, encodeMetadata } from './metadata.js'
import {
  API,
  byteHeader,
  createdUrl,
  createRequest,
  deleteRequest,
  expiresAt,
  headRequest,
  notTus,
  patchRequest,
  responseError,
  serverOffset,
} from './protocol.js'
import { findRecord, removeRecord, saveRecord } from './records.js'
import { requestHeaders, sendTimed, type Stop } from './send.js'
import { targetOf, type Target } from './target.js'
import type { ResumableAbortOptions, ResumableHeader, TusRequest, TusResponse, TusTransport } from './types.js'

/** Retry when the call says nothing: on, 5 retries, waits of 0, 1, 3, 5 and 10 s; a 423 (locked) is retried too. */
export const RESUMABLE_RETRY: RetryDefaults = {
  limit: 5,
  delay: [0, 1000, 3000, 5000, 10000],
  when: (error) => worthRetry(error) || (error instanceof HTTPError && error.statusCode == 423),
}

/** `409`s in a row, without the offset moving, before the call fails with the last one. */
export const CONFLICT_LIMIT = 5

/** Statuses that mean the upload is gone from the server: forget it and create a new one, once per call. */
const GONE = [403, 404, 410]

/** Given to what the upload waits on: `pause()` ended it. */
const PAUSED = { reason: 'paused' }
/** Given to what the upload waits on: `resume()` lets it go on. */
const RESUMED = { reason: 'resumed' }
/** Given to what the upload waits on: the call settled. */
const ENDED = { reason: 'ended' }

/** One upload on the server, as far as it is known: what a request, the record and a termination need. */
interface Session {
  config: UploaderConfig
  transport: TusTransport
  header: ResumableHeader | undefined
  timeout: number
  endpoint: string
  fingerprint: string
  size: number
  uploadUrl?: string
  createdAt: number
  /** The creation request is in flight. */
  creating?: boolean
}

/** What is wrong with the options of a resumable upload, the platform's own checks aside. */
export function checkResumable(options: Record<string, any>, config: UploaderConfig): Problem {
  const { chunkSize, fingerprint } = options
  return (
    checkUrl('endpoint', options.endpoint) ||
    (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize > 0) ? 'chunkSize must be a positive integer' : undefined) ||
    checkMetadata(options.metadata) ||
    (fingerprint !== undefined && typeof fingerprint != 'function' ? 'fingerprint must be a function' : undefined) ||
    // A header function is checked on each of its results, before each request.
    checkShared(typeof options.header == 'function' ? { ...options, header: undefined } : options, config)
  )
}

/** Stores where `session` stands on the server, to resume it after a failure or a restart. */
const store = (session: Session, expires?: number) =>
  saveRecord(
    session.config,
    session.fingerprint,
    { uploadUrl: session.uploadUrl!, endpoint: session.endpoint, size: session.size, createdAt: session.createdAt, expiresAt: expires },
    Date.now(),
  )

/** DELETE `uploadUrl` in the background: its failure changes nothing (the call has settled already). */
function deleteQuietly(session: Session, uploadUrl: string) {
  const request = deleteRequest(uploadUrl)
  requestHeaders(session.config, session.header, request.headers)
    .then((headers) => sendTimed(session.transport, { ...request, headers }, session.timeout, () => {}))
    .catch(() => {})
}

/**
 * abort({ terminate: true }): forgets the record and deletes the upload on the server; a creation
 * in flight is let through (`stop`) and what it created is deleted when its `Location` arrives.
 */
function terminate(session: Session, stop: Stop | undefined) {
  removeRecord(session.config, session.fingerprint, session.endpoint)
  if (session.creating && stop) {
    stop(ENDED, (response) => response.headers.location && deleteQuietly(session, resolveLocation(response.headers.location, session.endpoint)))
  } else if (session.uploadUrl) deleteQuietly(session, session.uploadUrl)
}

/** Internal: told of every offset the server confirmed (the highest is what the composable shows), with the upload's URL. */
export type OnConfirm = (offset: number, uploadUrl: string) => void

/**
 * A resumable upload (tus 1.0: core, creation, termination, expiration) with `config`; see
 * `uploadResumable`. The promise-or-task contract of `upload`: exactly one outcome, through the
 * callbacks or the promise; `onTask` gets the task before the call starts, `onConfirm` each offset
 * the server confirmed (the composable's `offset` and `uploadUrl`).
 */
export function resumableUpload(config: UploaderConfig, options: any, onTask?: OnTask, onConfirm?: OnConfirm): any {
  const call: Record<string, any> = isObject(options) ? options : {}
  const [callbacks, promise] = outcomeOf(call)
  const listeners: Listener[] = []
  const progress = createProgress(1, true)
  let done = false
  let paused = false
  /** Ends what the upload waits on now (a request, a retry wait, a pause), if anything. */
  let interrupt: Stop | undefined
  /** Set once the file is known: what a termination needs. */
  let session: Session | undefined

  const task = {
    abort(abortOptions?: ResumableAbortOptions) {
      if (done) return
      if (abortOptions && abortOptions.terminate && session) terminate(session, interrupt)
      finish(new AbortError(failMessage(API, 'abort')))
    },
    pause() {
      if (done || paused) return
      paused = true
      if (interrupt) interrupt(PAUSED)
    },
    resume() {
      if (done || !paused) return
      paused = false
      if (interrupt) interrupt(RESUMED)
    },
    onProgressUpdate: listenerAdder(listeners, () => done),
    offProgressUpdate: listenerRemover(listeners),
  }

  function deliver(error: TransferError | null, result?: any) {
    if (!error) emit(listeners, progress.final())
    listeners.length = 0
    tell(callbacks, error, result)
  }

  function finish(error: TransferError | null, result?: any, later?: boolean) {
    if (done) return
    done = true
    if (interrupt) interrupt(ENDED)
    endCall(API, config, call, error, result, deliver, later)
  }

  /** Waits `ms` (a retry), or until `resume()` (no `ms`); `pause()` or the end of the call cut it short. */
  const waitFor = (ms?: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = ms === undefined ? undefined : setTimeout(() => ((interrupt = undefined), resolve()), ms)
      interrupt = (reason) => {
        clearTimeout(timer)
        interrupt = undefined
        if (reason === RESUMED) resolve()
        else reject(reason)
      }
    })

  async function run(opts: Record<string, any>, target: Target) {
    const source = await target.open(opts)
    const size = source.size
    const fingerprint = await (opts.fingerprint
      ? opts.fingerprint({ file: source.file, filePath: source.filePath, name: source.name, size })
      : defaultFingerprint(source))
    if (done) return
    if (typeof fingerprint != 'string') throw new TransferError(failMessage(API, 'fingerprint must return a string'))
    const endpoint = resolveUrl(opts.endpoint, opts.domain || config.baseURI)
    const record = opts.resume !== false ? findRecord(config, fingerprint, endpoint, size, Date.now()) : undefined
    const s: Session = (session = {
      config,
      transport: target.transport,
      header: opts.header,
      timeout: timeoutOf(opts, config),
      endpoint,
      fingerprint,
      size,
      uploadUrl: record && record.uploadUrl,
      createdAt: record ? record.createdAt : Date.now(),
    })
    const defaults: Record<string, string> = {}
    if (source.name) defaults.filename = source.name
    if (source.type) defaults.filetype = source.type
    const metadata = encodeMetadata({ ...defaults, ...opts.metadata })
    const chunkSize: number = opts.chunkSize || target.chunkSize
    let offset = 0
    let highest = 0
    let needHead = !!s.uploadUrl
    let failures = 0
    let conflicts = 0
    let recreated = false

    const report = (bytes: number) => emit(listeners, progress.update(0, { totalBytesSent: bytes, totalBytesExpectedToSend: size }))

    /** The server confirmed `next`: the counters reset when it passed the highest offset so far. */
    const confirm = (next: number) => {
      if (next > highest) {
        highest = next
        failures = conflicts = 0
      }
      offset = next
      if (onConfirm) onConfirm(next, s.uploadUrl!)
      report(next)
    }

    /** Forgets the upload: the next step creates a new one. Once per call; false when that was used. */
    const recreate = () => {
      if (recreated) return false
      recreated = true
      removeRecord(config, fingerprint, endpoint)
      s.uploadUrl = undefined
      return true
    }

    const send = async (request: TusRequest): Promise<TusResponse> => {
      const headers = await requestHeaders(config, opts.header, request.headers)
      if (done) throw ENDED
      if (paused) throw PAUSED
      const response = await sendTimed(s.transport, { ...request, headers }, s.timeout, (stop) => (interrupt = stop))
      interrupt = undefined
      const error = responseError(request.method, response)
      if (error) throw error
      const expires = expiresAt(response)
      if (expires && s.uploadUrl) store(s, expires)
      return response
    }

    const succeed = (response: TusResponse) => {
      removeRecord(config, fingerprint, endpoint)
      finish(null, { uploadUrl: s.uploadUrl, statusCode: response.status, header: response.headers, errMsg: API + ':ok' })
    }

    for (;;) {
      let step = 'create'
      try {
        if (paused) {
          await waitFor()
          // resume() starts with HEAD even when the pause came between two requests.
          needHead = !!s.uploadUrl
        }
        if (!s.uploadUrl) {
          s.creating = true
          const response = await send(createRequest(endpoint, size, metadata))
          s.creating = false
          s.uploadUrl = createdUrl(response, endpoint)
          store(s, expiresAt(response))
          needHead = false
          confirm(0)
          if (!size) return succeed(response)
        } else if (needHead) {
          step = 'head'
          const response = await send(headRequest(s.uploadUrl))
          const length = byteHeader(response, 'upload-length')
          if (length !== undefined && length != size) {
            // Another file's upload (or a changed one): start a new upload.
            if (recreate()) continue
            throw notTus('Upload-Length ' + length + ' for a file of ' + size + ' bytes', response)
          }
          confirm(serverOffset(response, size))
          needHead = false
          if (offset == size) return succeed(response)
        } else {
          step = 'patch'
          const start = offset
          // One chunk in memory at a time (none on H5: a Blob slice).
          const body = await source.read(start, Math.min(size, start + chunkSize))
          const request = patchRequest(s.uploadUrl, start, body)
          request.onUploadProgress = (loaded) => report(start + loaded)
          const response = await send(request)
          const next = serverOffset(response, size)
          if (next <= start) throw notTus('Upload-Offset ' + next + ' after a chunk sent at ' + start, response)
          confirm(next)
          if (offset == size) return succeed(response)
        }
      } catch (thrown) {
        s.creating = false
        if (done || thrown === ENDED) return
        if (thrown === PAUSED) {
          // resume() starts with HEAD: the server's offset is the only truth.
          needHead = !!s.uploadUrl
          continue
        }
        const error = thrown instanceof TransferError ? thrown : userError(API, thrown)
        const status = error instanceof HTTPError ? error.statusCode : 0
        if (step != 'create' && GONE.indexOf(status) >= 0 && recreate()) continue
        if (status == 409) {
          // Not a try, no onRetry: HEAD and go on from the server's offset; bounded all the same.
          if (++conflicts >= CONFLICT_LIMIT) return finish(error)
          needHead = true
          continue
        }
        // Only what may pass is retried: never a plain TransferError ("not a tus 1.0 answer", a
        // server that ignores the override) nor an OptionError.
        if (!(error instanceof NetworkError || error instanceof TimeoutError || error instanceof HTTPError)) return finish(error)
        let wait: number | undefined
        try {
          wait = nextRetry(opts.retry, RESUMABLE_RETRY, ++failures, error, opts.onRetry)
        } catch (thrownByCaller) {
          return finish(userError(API, thrownByCaller))
        }
        if (wait === undefined) return finish(error)
        // After a failed request the retry starts with HEAD (Chromium may have resent a reset PATCH by itself).
        needHead = !!s.uploadUrl
        try {
          if (!paused && !done) await waitFor(wait)
        } catch (reason) {
          // A wait that pause() interrupted is dropped, not owed; the end of the call ends the loop.
          if (reason === ENDED) return
        }
        if (done) return
      }
    }
  }

  function start() {
    const platform = platformOf(config)
    const target = targetOf(config, platform)
    const problemOf = (opts: Record<string, any>) => (typeof target == 'string' ? target : checkResumable(opts, config) || target.checkSource(opts))
    const begin = (opts: Record<string, any>) =>
      run(opts, target as Target).catch((thrown) => finish(thrown instanceof TransferError ? thrown : userError(API, thrown)))
    startCall(API, config, options, problemOf, begin, finish, () => done)
  }

  if (onTask) onTask(task)
  start()
  return promise ? Object.assign(promise, task) : task
}

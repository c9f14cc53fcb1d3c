import type { TransferError } from '../errors.js'
import type { Header, RetryOptions, Uploader, UploadProgress } from '../types.js'

/** What a fingerprint function is given: the file, as far as it is known. */
export interface FingerprintSource {
  /** H5: the File or Blob. */
  file?: File | Blob
  /** The local path (mini-programs, App) or the `blob:` URL it was picked as. */
  filePath?: string
  /** The file's name, where known (a File's name, else the last segment of `filePath`). */
  name?: string
  /** Size in bytes. */
  size: number
}

/** `header` of a resumable upload: an object, or a function (sync or async) called before every request. */
export type ResumableHeader = Header | (() => Header | Promise<Header>)

export interface ResumableOptions {
  /** The tus creation URL; absolute, or relative to `domain ?? baseURI`. */
  endpoint: string
  /** Base for a relative `endpoint` for this call; an empty string counts as none. @default config.baseURI */
  domain?: string
  /** H5 only: the File or Blob to upload. @default undefined */
  file?: File | Blob
  /** Path of the file to upload (a local path, or the `blob:` URL H5 pickers give). @default undefined */
  filePath?: string
  /** Sent as `Upload-Metadata`; values must be strings, keys without spaces or commas. Merged over the default. @default { filename, filetype } when known */
  metadata?: Record<string, string>
  /** Bytes per PATCH request; a positive integer. @default 8 MiB on H5, 4 MiB on mini-programs and App */
  chunkSize?: number
  /** Merged over the config header before every request; a function is called before every request (a token that changes). @default {} */
  header?: ResumableHeader
  /** Milliseconds per request; `0` turns the wrapper's timer off. @default config.timeout, else 60000 */
  timeout?: number
  /** Retry policy, a retry count, or `0`/`false` for none. The counter resets whenever the offset moves forward. @default { limit: 5, delay: [0, 1000, 3000, 5000, 10000] } */
  retry?: number | false | RetryOptions
  /** Called before each retry wait. @default undefined */
  onRetry?: (info: { attempt: number; error: TransferError; delay: number }) => void
  /** The key a stored upload is found by. @default H5 File: name, size, type, lastModified; elsewhere: size and a hash of the first and last 64 KiB */
  fingerprint?: (source: FingerprintSource) => string | Promise<string>
  /** Look for a stored upload of the same fingerprint and endpoint first. @default true */
  resume?: boolean
  /** The instance whose config (baseURI, header, timeout, hooks, uni, platform) to use. @default the default instance */
  uploader?: Pick<Uploader, 'config'>
  /** Called with the result. */
  success?: (result: ResumableResult) => void
  /** Called with the error. */
  fail?: (error: TransferError) => void
  /** Called after `success` or `fail`. */
  complete?: (outcome: ResumableResult | TransferError) => void
}

export interface ResumableResult {
  /** The upload's URL on the server. */
  uploadUrl: string
  /** Status of the last response (204 after a PATCH, 201 for an empty file, 200 when a HEAD found it complete). */
  statusCode: number
  /** Headers of the last response, names lower-cased. */
  header: Record<string, string>
  errMsg: 'uploadResumable:ok'
}

/** Progress of a resumable upload: bytes the server confirmed plus the chunk in flight (where measurable). */
export type ResumableProgress = UploadProgress

export interface ResumableAbortOptions {
  /** Also `DELETE` the upload on the server and forget it (else both are kept, to resume later). @default false */
  terminate?: boolean
}

export interface ResumableTask {
  /** Ends the call with `AbortError` at once; ignored after it settled. */
  abort(options?: ResumableAbortOptions): void
  /** Ends the request in flight and holds everything until `resume()`. */
  pause(): void
  /** Goes on after `pause()`: a `HEAD` at once, then the rest. Does nothing without a pause. */
  resume(): void
  onProgressUpdate(listener: (event: ResumableProgress) => void): void
  /** Without a listener, removes all. */
  offProgressUpdate(listener?: (event: ResumableProgress) => void): void
}

/** A promise that can also be aborted, paused and watched. */
export type ResumablePromise = Promise<ResumableResult> & ResumableTask

/** One HTTP request of the tus protocol, as a transport sends it. */
export interface TusRequest {
  method: 'POST' | 'HEAD' | 'PATCH' | 'DELETE'
  url: string
  headers: Record<string, string>
  /** PATCH: the chunk (a Blob slice on H5, an ArrayBuffer elsewhere). */
  body?: Blob | ArrayBuffer
  /** Milliseconds, for a runtime that has its own timer; the caller's timer holds anyway. */
  timeout?: number
  /** Bytes of `body` sent so far, where the transport can tell. */
  onUploadProgress?: (loaded: number) => void
}

/** The answer to a {@link TusRequest}: the status and the headers, names lower-cased. */
export interface TusResponse {
  status: number
  headers: Record<string, string>
  /** The request went as `POST` with `X-HTTP-Method-Override` (the platform lacks its method). */
  overridden?: boolean
}

/** One request in flight: its outcome (a failure rejects with the runtime's `{ errMsg }`) and a way to end it. */
export interface TusExchange {
  response: Promise<TusResponse>
  abort(): void
}

/** Sends tus requests (tus-js-client's HttpStack idea): the page's XMLHttpRequest, or `uni.request`. */
export type TusTransport = (request: TusRequest) => TusExchange

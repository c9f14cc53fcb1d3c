import { failMessage } from '../core/fail.js'
import { HTTPError, TransferError } from '../errors.js'
import { resolveLocation } from '../url.js'
import type { TusRequest, TusResponse } from './types.js'

/** The name in every message of a resumable upload. */
export const API = 'uploadResumable'

/** Sent on every request. */
export const TUS_HEADERS = { 'Tus-Resumable': '1.0.0' }

/** Creation: `POST endpoint` with the size and the metadata; answered `201` + `Location`. */
export const createRequest = (endpoint: string, size: number, metadata: string): TusRequest => ({
  method: 'POST',
  url: endpoint,
  headers: metadata ? { 'Upload-Length': String(size), 'Upload-Metadata': metadata } : { 'Upload-Length': String(size) },
})

/** Resume: `HEAD uploadUrl`; answered with the server's `Upload-Offset`. */
export const headRequest = (uploadUrl: string): TusRequest => ({ method: 'HEAD', url: uploadUrl, headers: {} })

/** One chunk at `offset`; answered `204` + the new `Upload-Offset`. */
export const patchRequest = (uploadUrl: string, offset: number, body: Blob | ArrayBuffer): TusRequest => ({
  method: 'PATCH',
  url: uploadUrl,
  headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
  body,
})

/** Termination: `DELETE uploadUrl`. */
export const deleteRequest = (uploadUrl: string): TusRequest => ({ method: 'DELETE', url: uploadUrl, headers: {} })

/** What an error of a response carries as `cause`: uni's result shape. */
const causeOf = (response: TusResponse) => ({ statusCode: response.status, header: response.headers })

/** A server that answered, but not as tus 1.0 says: `TransferError`, never retried. */
export const notTus = (what: string, response: TusResponse): TransferError =>
  new TransferError(failMessage(API, 'not a tus 1.0 answer: ' + what), causeOf(response))

/**
 * The error a response to `method` means, or `undefined` for a 2xx. A server that ignores
 * `X-HTTP-Method-Override` takes the overridden request for a creation: a `201` or a `Location`
 * fails at once with a plain `TransferError` naming the header, a `400` is an `HTTPError` asking
 * about it; neither is retried, so nothing loops.
 */
export function responseError(method: string, response: TusResponse): TransferError | undefined {
  const status = response.status
  if (response.overridden && (status == 201 || response.headers.location)) {
    return new TransferError(
      failMessage(API, `${method} went as POST with X-HTTP-Method-Override: ${method} and the server created an upload: it ignores X-HTTP-Method-Override`),
      causeOf(response),
    )
  }
  if (status >= 200 && status < 300) return
  const hint = response.overridden && status == 400 ? ` (${method} went as POST with X-HTTP-Method-Override: does the server honour it?)` : ''
  return new HTTPError(failMessage(API, 'status ' + status + hint), causeOf(response))
}

/** A header holding a byte count: a non-negative integer, else `undefined`. */
export function byteHeader(response: TusResponse, name: string): number | undefined {
  const value = response.headers[name]
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined
}

/** The created upload's URL: the `Location`, resolved against the endpoint. */
export function createdUrl(response: TusResponse, endpoint: string): string {
  const location = response.headers.location
  if (!location) throw notTus(response.status + ' without Location', response)
  return resolveLocation(location, endpoint)
}

/** The server's offset: a valid `Upload-Offset` no greater than `size`. */
export function serverOffset(response: TusResponse, size: number): number {
  const offset = byteHeader(response, 'upload-offset')
  if (offset === undefined || offset > size) throw notTus('Upload-Offset ' + (response.headers['upload-offset'] ?? 'missing') + ' for a file of ' + size + ' bytes', response)
  return offset
}

/** `Upload-Expires` in ms since the epoch, when the response has a valid one. */
export function expiresAt(response: TusResponse): number | undefined {
  const time = Date.parse(response.headers['upload-expires'] || '')
  return time >= 0 ? time : undefined
}

import type { TusExchange, TusRequest, TusResponse } from '../resumable/types.js'

/** `getAllResponseHeaders()` text as an object, names lower-cased. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':')
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim()
  }
  return headers
}

/**
 * H5: one tus request through the page's XMLHttpRequest, with the real method (`uni.request`
 * would turn `PATCH` into `GET`), upload progress within a chunk, and a Blob slice sent as it is
 * (the browser streams it from the file: no copy in JS memory). A failure rejects like uni's
 * fail callback, with `{ errMsg }`.
 */
export function xhrTransport(request: TusRequest): TusExchange {
  const xhr = new XMLHttpRequest()
  const response = new Promise<TusResponse>((resolve, reject) => {
    xhr.open(request.method, request.url)
    for (const name of Object.keys(request.headers)) xhr.setRequestHeader(name, request.headers[name])
    xhr.onload = () => resolve({ status: xhr.status, headers: parseHeaderLines(xhr.getAllResponseHeaders()) })
    xhr.onerror = () => reject({ errMsg: 'request:fail network error' })
    const onProgress = request.onUploadProgress
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded)
    xhr.send(request.body === undefined ? null : request.body)
  })
  return { response, abort: () => xhr.abort() }
}

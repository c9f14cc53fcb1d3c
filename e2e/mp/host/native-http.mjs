// The lowest layer of the host: what a mini-program client does on the wire, with no platform
// shapes. Each platform file (weixin.mjs, alipay.mjs, baidu.mjs) turns these neutral outcomes into
// the result and failure objects its own documentation describes.
//
// Outcomes: { ok: true, statusCode, header, body } or { ok: false, reason, message } where reason
// is 'abort', 'timeout' or 'network' (connection refused or reset, file missing…).
import http from 'node:http'
import fs from 'node:fs'
import crypto from 'node:crypto'

/** Lower-cased response headers as one object, as the mini-programs hand them over. */
const headerObject = (res) => Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]))

/** The multipart body: form fields first, then the one file (one file per call on every mini-program). */
function multipart({ boundary, formData, name, fileName, bytes, mimeType }) {
  const parts = []
  for (const [key, value] of Object.entries(formData || {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`))
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${mimeType}\r\n\r\n`))
  parts.push(bytes)
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`))
  return Buffer.concat(parts)
}

/**
 * One HTTP exchange with a body sent in chunks (progress per chunk written) and an optional
 * timer; `settle` is called once. Returns `abort()`.
 */
function exchange({ url, method, header, body, timeout, onSent, onResponse, settle }) {
  let done = false
  const finish = (outcome) => {
    if (done) return
    done = true
    clearTimeout(timer)
    settle(outcome)
  }
  let req
  try {
    req = http.request(url, { method, headers: { ...header, 'Content-Length': body ? body.length : 0 } })
  } catch (error) {
    queueMicrotask(() => finish({ ok: false, reason: 'network', message: error.message }))
    return () => {}
  }
  const timer = timeout ? setTimeout(() => (finish({ ok: false, reason: 'timeout', message: 'timeout' }), req.destroy()), timeout) : undefined
  req.on('error', (error) => finish({ ok: false, reason: 'network', message: error.code || error.message }))
  req.on('response', (res) => onResponse(res, finish))
  if (body) {
    const chunk = 16 * 1024
    let offset = 0
    const writeNext = () => {
      while (!done && offset < body.length) {
        const end = Math.min(offset + chunk, body.length)
        const more = req.write(body.subarray(offset, end), () => !done && onSent && onSent(end, body.length))
        offset = end
        if (!more) return req.once('drain', writeNext)
      }
      if (!done) req.end()
    }
    writeNext()
  } else req.end()
  return () => {
    finish({ ok: false, reason: 'abort', message: 'abort' })
    req.destroy()
  }
}

/** Reads the whole response body. */
function readBody(res, finish, then) {
  const chunks = []
  res.on('data', (c) => chunks.push(c))
  res.on('end', () => then(Buffer.concat(chunks)))
  res.on('error', (error) => finish({ ok: false, reason: 'network', message: error.message }))
  res.on('aborted', () => finish({ ok: false, reason: 'network', message: 'response aborted' }))
}

/**
 * A multipart upload of the file at `realPath`. `onProgress(sent, total)` per chunk written.
 * Returns `abort()`.
 */
export function upload({ url, realPath, name, fileName, mimeType = 'application/octet-stream', header, formData, timeout }, onProgress, settle) {
  let bytes
  try {
    bytes = fs.readFileSync(realPath)
  } catch (error) {
    queueMicrotask(() => settle({ ok: false, reason: 'file', message: error.code || error.message }))
    return () => {}
  }
  const boundary = '----host' + crypto.randomBytes(8).toString('hex')
  const body = multipart({ boundary, formData, name, fileName, bytes, mimeType })
  return exchange({
    url,
    method: 'POST',
    header: { ...header, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
    timeout,
    onSent: onProgress,
    onResponse: (res, finish) => readBody(res, finish, (data) => finish({ ok: true, statusCode: res.statusCode, header: headerObject(res), body: data })),
    settle,
  })
}

/** A GET whose body is written to `realPath`; `onProgress(written, total)` per chunk received. */
export function download({ url, header, timeout, realPath }, onProgress, settle) {
  return exchange({
    url,
    method: 'GET',
    header,
    timeout,
    onResponse: (res, finish) => {
      const total = Number(res.headers['content-length']) || 0
      let written = 0
      const out = fs.createWriteStream(realPath)
      res.on('data', (chunk) => {
        written += chunk.length
        onProgress && onProgress(written, total)
      })
      res.on('aborted', () => finish({ ok: false, reason: 'network', message: 'response aborted' }))
      res.pipe(out)
      out.on('finish', () => finish({ ok: true, statusCode: res.statusCode, header: headerObject(res), bytes: written }))
      out.on('error', (error) => finish({ ok: false, reason: 'file', message: error.message }))
    },
    settle,
  })
}

/** A request with a string or JSON body; the answer's body as text. */
export function request({ url, method = 'GET', header = {}, data, timeout }, settle) {
  let body
  if (data !== undefined && data !== null && method !== 'GET') {
    body = Buffer.from(typeof data == 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : JSON.stringify(data))
  }
  return exchange({
    url,
    method,
    header: { 'content-type': 'application/json', ...header },
    body,
    timeout,
    onResponse: (res, finish) => readBody(res, finish, (data) => finish({ ok: true, statusCode: res.statusCode, header: headerObject(res), body: data })),
    settle,
  })
}

import { AbortError, HTTPError, NetworkError, OptionError, TimeoutError, TransferError } from 'uni-uploader'

export { formatBytes } from './bytes'

/**
 * The class of a transfer error, decided with instanceof (class names do not survive a
 * minified production build, so `constructor.name` cannot be used).
 */
export function errorKind(e: unknown): string {
  if (e == null) return ''
  if (e instanceof TimeoutError) return 'TimeoutError'
  if (e instanceof AbortError) return 'AbortError'
  if (e instanceof HTTPError) return 'HTTPError'
  if (e instanceof NetworkError) return 'NetworkError'
  if (e instanceof OptionError) return 'OptionError'
  if (e instanceof TransferError) return 'TransferError'
  if (e instanceof Error) return 'Error'
  return typeof e
}

export function errMsgOf(e: unknown): string {
  if (e && typeof e === 'object' && 'errMsg' in e) return String((e as { errMsg: unknown }).errMsg)
  if (e instanceof Error) return e.message
  return e == null ? '' : String(e)
}

/** Hex sha256 of a Blob, a blob: URL or bytes (crypto.subtle: loopback counts as secure). */
export async function sha256Hex(input: Blob | ArrayBuffer | string): Promise<string> {
  let buf: ArrayBuffer
  if (typeof input === 'string') buf = await (await fetch(input)).arrayBuffer()
  else if (input instanceof Blob) buf = await input.arrayBuffer()
  else buf = input
  const digest = await crypto.subtle.digest('SHA-256', buf)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export async function byteLength(url: string): Promise<number> {
  return (await (await fetch(url)).arrayBuffer()).byteLength
}

export function parseJSON<T = any>(data: unknown): T | undefined {
  if (data == null) return undefined
  if (typeof data !== 'string') return data as T
  try {
    return JSON.parse(data) as T
  } catch {
    return undefined
  }
}

export const shortHash = (h?: string) => (h ? `${h.slice(0, 10)}…${h.slice(-6)}` : '–')

let seq = 0
export function newId(prefix: string): string {
  seq += 1
  return `${prefix}-${Date.now().toString(36)}-${seq}-${Math.random().toString(36).slice(2, 7)}`
}

/** What the playground server answers to POST /upload. */
export interface ServerUpload {
  ok: boolean
  requestId: number
  uploadId: string | null
  attempt: number
  files: Array<{ id: string; field: string; filename: string; mimeType: string; size: number; sha256: string; url: string }>
  fields: Record<string, string>
  fieldList: Array<[string, string]>
  headers: Record<string, string>
  bytesReceived: number
}

export function withQuery(url: string, query: Record<string, string | number | undefined | false>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== false && v !== '' && v !== 0)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  if (!parts.length) return url
  return url + (url.includes('?') ? '&' : '?') + parts.join('&')
}

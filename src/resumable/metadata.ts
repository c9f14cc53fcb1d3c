import { checkValues, isObject, type Problem } from '../core/validate.js'

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The UTF-8 bytes of `text` (mini-programs have no TextEncoder). */
function utf8(text: string): number[] {
  const bytes: number[] = []
  encodeURIComponent(text).replace(/%([\dA-F]{2})|[^%]/g, (char, hex) => String(bytes.push(hex ? parseInt(hex, 16) : char.charCodeAt(0))))
  return bytes
}

/** Base64 of the UTF-8 bytes of `text`, as tus wants metadata values (mini-programs have no btoa). */
export function base64Utf8(text: string): string {
  const bytes = utf8(text)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0)
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] + (i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? BASE64[n & 63] : '=')
  }
  return out
}

/** What is wrong with a `metadata` option: not an object, a key with a space or comma (or empty), a value that is not a string. */
export function checkMetadata(metadata: unknown): Problem {
  if (isObject(metadata)) {
    for (const key of Object.keys(metadata)) if (!key || /[\s,]/.test(key)) return `metadata key "${key}" must be non-empty, without spaces or commas`
  }
  return checkValues('metadata', metadata, (value) => typeof value == 'string', 'a string')
}

/** The `Upload-Metadata` value: `key base64(value)` pairs, comma-separated; an empty value is sent as the key alone. */
export const encodeMetadata = (metadata: Record<string, string>): string =>
  Object.keys(metadata)
    .map((key) => (metadata[key] ? key + ' ' + base64Utf8(metadata[key]) : key))
    .join(',')

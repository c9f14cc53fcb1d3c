import { bytesOf, type FileSource } from './source.js'

/** Bytes read from each end of a file for its content fingerprint. */
const EDGE = 64 * 1024

/** 32-bit FNV-1a of `bytes`, continuing from `hash`. */
export function fnv1a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0
  return hash
}

/**
 * The default fingerprint. An H5 File: its name, size, type and lastModified (no read). Anything
 * else (a path on mini-programs and App, whose temp paths change on every pick; a bare Blob): the
 * size and a 32-bit hash of the first and last 64 KiB, at most two reads.
 */
export async function defaultFingerprint(source: FileSource): Promise<string> {
  const file: any = source.file
  if (file && typeof file.name == 'string' && typeof file.lastModified == 'number') {
    return 'file:' + JSON.stringify([file.name, source.size, file.type, file.lastModified])
  }
  const size = source.size
  let hash = fnv1a(await bytesOf(await source.read(0, Math.min(EDGE, size))))
  if (size > EDGE) hash = fnv1a(await bytesOf(await source.read(Math.max(EDGE, size - EDGE), size)), hash)
  return 'content:' + size + ':' + hash.toString(16)
}

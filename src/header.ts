import type { Header } from './types.js'

/** `Object.keys`, under a name the minifier can shorten (config.ts, validate.ts and queue.ts use it too). */
export const keys = Object.keys

/**
 * Merges header objects left to right: names compared case-insensitively, the later value and its
 * spelling kept; `undefined` values are skipped so they never erase an earlier one. Never mutates
 * its inputs.
 */
export function mergeHeaders(...sources: (Header | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const source of sources) {
    for (const name of keys(source || {})) {
      const value = source![name]
      if (value === undefined) continue
      dropHeaders(out, [name])
      out[name] = value
    }
  }
  return out
}

/** Deletes `names` (any case) from `header` in place and returns it. */
export function dropHeaders<H extends Header>(header: H, names: string[]): H {
  const lower = names.map((n) => n.toLowerCase())
  for (const name of keys(header)) if (lower.indexOf(name.toLowerCase()) >= 0) delete header[name]
  return header
}

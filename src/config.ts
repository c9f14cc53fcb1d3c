import type { InjectionKey } from 'vue'
import { isObject } from './core/validate.js'
import { keys, mergeHeaders } from './header.js'
import type { Uploader, UploaderConfig } from './types.js'

/** A call's timeout in ms: the call's, then the config's, then 60000 (rule 4's default; a literal, not a named const: fewer bytes). */
export const timeoutOf = (options: { timeout?: number }, config: UploaderConfig): number =>
  options.timeout !== undefined ? options.timeout : config.timeout !== undefined ? config.timeout : 60000

/** What `app.use(uploader)` provides; composables inject it. */
export const uploaderKey: InjectionKey<Pick<Uploader, 'config'>> = Symbol('uni-uploader')

/** The default instance's config. It lives here, not in plugin.ts, so composables can use it without pulling in both transfer kinds. */
export const defaultConfig: UploaderConfig = {}

/**
 * Merges `patch` into `target`, field by field: `undefined` is ignored, `header` merges by name
 * (case-insensitively, the later spelling kept) and hook lists are appended. Returns `target`.
 */
export function mergeConfig(target: UploaderConfig, patch?: UploaderConfig): UploaderConfig
/** `appendLists`: every field of `patch` is a list (or one item), appended to `target`'s. */
export function mergeConfig(target: Record<string, any>, patch: Record<string, any>, appendLists: true): Record<string, any>
export function mergeConfig(target: Record<string, any>, patch?: Record<string, any>, appendLists?: boolean): Record<string, any> {
  for (const key of keys(patch || {})) {
    const value = patch![key]
    if (value === undefined) continue
    // One assignment for every kind of field: fewer bytes than one per branch. The hook lists go
    // through this same loop one level down, appending: fewer bytes than a loop of their own.
    target[key] = appendLists
      ? (target[key] || []).concat(value || [])
      : key == 'header' && isObject(value)
        ? mergeHeaders(target.header, value)
        : key == 'hooks' && isObject(value)
          ? mergeConfig({ ...target.hooks }, value, true)
          : value
  }
  return target
}

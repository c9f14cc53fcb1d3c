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
export function mergeConfig(target: UploaderConfig, patch?: UploaderConfig): UploaderConfig {
  for (const key of keys(patch || {}) as (keyof UploaderConfig)[]) {
    const value: any = patch![key]
    if (value === undefined) continue
    if (key == 'header' && isObject(value)) target.header = mergeHeaders(target.header, value)
    else if (key == 'hooks' && isObject(value)) target.hooks = appendHooks(target.hooks, value)
    else (target as any)[key] = value
  }
  return target
}

/** `hooks` with each list of `more` appended to its own (a single hook counts as a list of one); `undefined` lists are skipped. */
function appendHooks(hooks: Record<string, any> | undefined, more: Record<string, any>): Record<string, any> {
  const merged: Record<string, any> = { ...hooks }
  for (const name of keys(more)) if (more[name] !== undefined) merged[name] = (merged[name] || []).concat(more[name] || [])
  return merged
}

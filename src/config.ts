import type { InjectionKey } from 'vue'
import { isObject } from './core/validate.js'
import { keys, mergeHeaders } from './header.js'
import type { Uploader, UploaderConfig } from './types.js'

/** The timeout when neither the call nor the config sets one. */
export const DEFAULT_TIMEOUT = 60000

/** A call's timeout in ms: the call's, then the config's, then 60000. */
export const timeoutOf = (options: { timeout?: number }, config: UploaderConfig): number =>
  options.timeout !== undefined ? options.timeout : config.timeout !== undefined ? config.timeout : DEFAULT_TIMEOUT

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
    else if (key == 'hooks' && isObject(value)) {
      const hooks: any = (target.hooks = { ...target.hooks })
      for (const name of keys(value)) hooks[name] = (hooks[name] || []).concat(value[name] || [])
    } else (target as any)[key] = value
  }
  return target
}

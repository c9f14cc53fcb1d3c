import type { UploaderConfig } from '../types.js'

/**
 * `uni.getSystemInfoSync()` (or the injected runtime's), read at call time; `{}` where it throws
 * or gives nothing. The call is written literally: in a uni production build `globalThis.uni` is
 * an empty placeholder and only literal `uni.<api>(…)` member calls are rewritten into imports of
 * the runtime.
 */
function systemInfo(config: UploaderConfig): Record<string, any> {
  try {
    return (config.uni ? config.uni.getSystemInfoSync!() : uni.getSystemInfoSync()) || {}
  } catch {
    return {}
  }
}

/** `config.platform`, else `uni.getSystemInfoSync().uniPlatform`, read at call time. */
export const platformOf = (config: UploaderConfig): string => config.platform || systemInfo(config).uniPlatform || ''

/** H5 (`web`; `h5` on older runtimes): the only place a `File`/`Blob` can be uploaded. */
export const isWeb = (platform: string): boolean => /^(web|h5)$/.test(platform)

/** The mini-program base library version (`SDKVersion`), or `''` where there is none. */
export const sdkVersionOf = (config: UploaderConfig): string => String(systemInfo(config).SDKVersion || '')

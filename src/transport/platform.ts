import type { UploaderConfig } from '../types.js'

/**
 * `config.platform`, else `uni.getSystemInfoSync().uniPlatform`, read at call time. The call is
 * written literally: in a uni production build `globalThis.uni` is an empty placeholder and only
 * literal `uni.<api>(…)` member calls are rewritten into imports of the runtime.
 */
export function platformOf(config: UploaderConfig): string {
  if (config.platform) return config.platform
  try {
    const info = config.uni ? config.uni.getSystemInfoSync!() : uni.getSystemInfoSync()
    return (info && info.uniPlatform) || ''
  } catch {
    return ''
  }
}

/** H5 (`web`; `h5` on older runtimes): the only place a `File`/`Blob` can be uploaded. */
export const isWeb = (platform: string): boolean => /^(web|h5)$/.test(platform)

/** The mini-program base library version (`SDKVersion`), or `''` where there is none. Literal call: see platformOf. */
export function sdkVersionOf(config: UploaderConfig): string {
  try {
    const info: any = config.uni ? config.uni.getSystemInfoSync!() : uni.getSystemInfoSync()
    return String((info && info.SDKVersion) || '')
  } catch {
    return ''
  }
}

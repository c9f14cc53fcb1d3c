import type { UploaderConfig } from '../types.js'
import type { RuntimeOptions } from './adapter.js'
import { prepareAlipayUpload } from './alipay.js'
import { isWeb } from './platform.js'
import { prepareWebUpload } from './web.js'

/**
 * H5 and App (`app`; `app-plus`, `app-harmony` on older runtimes) send `files[]` themselves, in one
 * request. Everywhere else (WeChat, Alipay, Baidu, every other mini-program, and unknown platforms)
 * one request per file, which works everywhere.
 */
export const sendsFilesNatively = (platform: string): boolean => isWeb(platform) || /^app(-plus|-harmony)?$/.test(platform)

/**
 * Shapes one request's options in place for the platform's quirks (H5: web.ts, Alipay: alipay.ts;
 * the others need nothing); adds to `cleanups` what must run when the call settles.
 */
export function prepareUpload(platform: string, options: RuntimeOptions, cleanups: (() => void)[]): void {
  if (isWeb(platform)) prepareWebUpload(options, cleanups)
  else if (platform == 'mp-alipay') prepareAlipayUpload(options)
}

/** One runtime upload request. Literal `uni.uploadFile(…)`: see platform.ts for why. */
export function sendUpload(config: UploaderConfig, options: RuntimeOptions): unknown {
  return config.uni ? config.uni.uploadFile(options) : uni.uploadFile(options as UniNamespace.UploadFileOption)
}

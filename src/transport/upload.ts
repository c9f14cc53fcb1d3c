import type { UploaderConfig } from '../types.js'
import type { RuntimeOptions, UploadAdapter } from './adapter.js'
import { alipayAdapter } from './alipay.js'
import { appAdapter } from './app.js'
import { miniProgramAdapter } from './miniprogram.js'
import { isWeb } from './platform.js'
import { webAdapter } from './web.js'

/** The adapter for a `uniPlatform` value. Unknown platforms get one request per file, which works everywhere. */
export function uploadAdapter(platform: string): UploadAdapter {
  if (isWeb(platform)) return webAdapter
  if (/^app(-plus|-harmony)?$/.test(platform)) return appAdapter
  if (platform == 'mp-alipay') return alipayAdapter
  return miniProgramAdapter
}

/** One runtime upload request. Literal `uni.uploadFile(…)`: see platform.ts for why. */
export function sendUpload(config: UploaderConfig, options: RuntimeOptions): unknown {
  return config.uni ? config.uni.uploadFile(options) : uni.uploadFile(options as UniNamespace.UploadFileOption)
}

import type { UploaderConfig } from '../types.js'
import type { RuntimeOptions } from './adapter.js'

/** One runtime download request. Literal `uni.downloadFile(…)`: see platform.ts for why. */
export function sendDownload(config: UploaderConfig, options: RuntimeOptions): unknown {
  return config.uni ? config.uni.downloadFile(options) : uni.downloadFile(options as UniNamespace.DownloadFileOption)
}

import type { Problem } from '../core/validate.js'
import { fileSize, readRange } from '../transport/fileSystem.js'
import { isWeb, sdkVersionOf } from '../transport/platform.js'
import { plusFileSize, plusReadRange } from '../transport/plusFile.js'
import { uniRequestTransport } from '../transport/tusRequest.js'
import { xhrTransport } from '../transport/tusXhr.js'
import type { UploaderConfig } from '../types.js'
import { lastSegment, type FileSource } from './source.js'
import type { TusTransport } from './types.js'

const MiB = 1024 * 1024

/** What a platform uses to send a resumable upload. */
export interface Target {
  transport: TusTransport
  /** The default chunk size. */
  chunkSize: number
  /** What is wrong with the file options on this platform. */
  checkSource(options: Record<string, any>): Problem
  /** The file, ready to be read a slice at a time. */
  open(options: Record<string, any>): Promise<FileSource>
}

/** H5: a File/Blob, or the blob: URL a picker gave, read into a Blob first (slicing it copies nothing). */
const webTarget: Target = {
  transport: xhrTransport,
  chunkSize: 8 * MiB,
  checkSource(options) {
    const { file, filePath } = options
    if (!file && !filePath) return 'file or filePath is required'
    if (file !== undefined && !(typeof Blob != 'undefined' && file instanceof Blob)) return 'file must be a File or Blob'
    if (filePath !== undefined && typeof filePath != 'string') return 'filePath must be a string'
  },
  async open({ file, filePath }) {
    const blob: Blob = file || (await (await fetch(filePath)).blob())
    const name = (blob as File).name
    return { size: blob.size, file: blob, filePath, name, type: blob.type || undefined, read: async (start, end) => blob.slice(start, end) }
  },
}

/** Mini-programs and App: a local path; slices read by `readRange` as ArrayBuffers, one at a time. */
function pathTarget(
  config: UploaderConfig,
  platform: string,
  size: (filePath: string) => Promise<number>,
  readRange: (filePath: string, start: number, end: number) => Promise<ArrayBuffer>,
): Target {
  return {
    transport: uniRequestTransport(config, platform),
    chunkSize: 4 * MiB,
    checkSource(options) {
      if (!options.filePath) return 'filePath is required'
      if (typeof options.filePath != 'string') return 'filePath must be a string'
    },
    async open({ filePath }) {
      return { size: await size(filePath), filePath, name: lastSegment(filePath), read: (start, end) => readRange(filePath, start, end) }
    },
  }
}

/** Mini-programs whose `readFile` takes `position` and `length`, and whose `uni.request` sends an ArrayBuffer. */
const POSITIONAL = ['mp-weixin', 'mp-qq', 'mp-toutiao', 'mp-lark']

/** Why a platform cannot, for the OptionError. */
const UNSUPPORTED: Record<string, string> = {
  'mp-alipay': 'Alipay (mp-alipay): its readFile has no position or length',
  'mp-baidu': 'Baidu (mp-baidu): swan.request sends no binary body',
}

/** `a.b.c` versions compared part by part: negative when `a` is older. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.')
  const y = b.split('.')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (parseInt(x[i]) || 0) - (parseInt(y[i]) || 0)
    if (d) return d
  }
  return 0
}

/** The WeChat base library that reads a file by position and length. */
export const WECHAT_MIN_SDK = '2.10.0'

/** The platform's target, or why it has none (the message names the platform). */
export function targetOf(config: UploaderConfig, platform: string): Target | string {
  if (isWeb(platform)) return webTarget
  if (/^app(-plus)?$/.test(platform)) {
    return pathTarget(config, platform, plusFileSize, (filePath, start, end) => plusReadRange(config, filePath, start, end))
  }
  if (POSITIONAL.indexOf(platform) >= 0) {
    const version = platform == 'mp-weixin' ? sdkVersionOf(config) : ''
    if (version && compareVersions(version, WECHAT_MIN_SDK) < 0) {
      return `uploadResumable needs WeChat base library ${WECHAT_MIN_SDK} or later (positional file reads); this is ${version}`
    }
    return pathTarget(
      config,
      platform,
      (filePath) => fileSize(config, filePath),
      (filePath, start, end) => readRange(config, filePath, start, end - start),
    )
  }
  return `uploadResumable is not supported on ${UNSUPPORTED[platform] || (platform || 'this platform') + ': no chunked upload there'}`
}

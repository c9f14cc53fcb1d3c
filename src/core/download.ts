import { sendDownload } from '../transport/download.js'
import type { DownloadOptions, DownloadPromise, DownloadTask, UploaderConfig, WithCallback } from '../types.js'
import { checkString } from './validate.js'
import { transfer, type OnTask, type TransferSpec } from './transfer.js'

const downloadSpec: TransferSpec = {
  api: 'downloadFile',
  check: (options) => checkString('filePath', options.filePath),
  plan: (options) => [[options], false],
  send: sendDownload,
}

/** Downloads with `config`; see `Uploader.download`. */
export function download(config: UploaderConfig, options: WithCallback<DownloadOptions>, onTask?: OnTask): DownloadTask
export function download(config: UploaderConfig, options: DownloadOptions): DownloadPromise
export function download(config: UploaderConfig, options: any, onTask?: OnTask): any {
  return transfer(downloadSpec, config, options, onTask)
}

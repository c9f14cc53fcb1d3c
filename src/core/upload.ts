import { isWeb } from '../transport/platform.js'
import { prepareUpload, sendsFilesNatively, sendUpload } from '../transport/upload.js'
import type { UploaderConfig, UploadOptions, UploadPromise, UploadTask, WithCallback } from '../types.js'
import { transfer, type OnTask, type TransferSpec } from './transfer.js'
import { checkUpload } from './validate.js'

const uploadSpec: TransferSpec = {
  api: 'uploadFile',
  upload: true,
  check: (options, platform) => checkUpload(options, isWeb(platform)),
  plan(options, platform, cleanups) {
    // Shaped before the split, so every request of files[] sent one by one inherits it (H5 shapes
    // files[] itself and ignores a top-level file beside it; options is the call's own copy).
    prepareUpload(platform, options, cleanups)
    const { files, ...rest } = options
    if (!files) return [[{ ...rest, name: rest.name || 'file' }], false]
    // With files[], the top-level file fields are ignored (rule 5).
    delete rest.filePath
    delete rest.file
    delete rest.name
    if (sendsFilesNatively(platform)) return [[{ ...rest, files: files.map((item: any) => ({ ...item, name: item.name || 'file' })) }], false]
    // Where the runtime has no files[], one request per file, in order.
    return [files.map((item: any) => ({ ...rest, filePath: item.uri, name: item.name || 'file' })), true]
  },
  send: sendUpload,
}

/** Uploads with `config`; see `Uploader.upload`. `onTask` gets the task before the call starts. */
export function upload<T = string>(config: UploaderConfig, options: WithCallback<UploadOptions<T>>, onTask?: OnTask): UploadTask
export function upload<T = string>(config: UploaderConfig, options: UploadOptions<T>): UploadPromise<T>
export function upload(config: UploaderConfig, options: any, onTask?: OnTask): any {
  return transfer(uploadSpec, config, options, onTask)
}

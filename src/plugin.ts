import { defaultConfig, mergeConfig, uploaderKey } from './config.js'
import { download } from './core/download.js'
import { upload } from './core/upload.js'
import type { Uploader, UploaderConfig } from './types.js'

function createInstance(config: UploaderConfig): Uploader {
  const instance: Uploader = {
    config,
    upload: (options: any): any => upload(config, options as any),
    download: (options: any): any => download(config, options as any),
    install(app, patch) {
      mergeConfig(config, patch)
      app.provide(uploaderKey, instance)
    },
  }
  return instance
}

/** An independent instance: its own config (a copy of `config`), the same shape as the default. */
export function createUploader(config?: UploaderConfig): Uploader {
  return createInstance(mergeConfig({}, config))
}

/** The default instance: a Vue plugin that also works outside components. */
const uploader: Uploader = /* #__PURE__ */ createInstance(defaultConfig)
export default uploader

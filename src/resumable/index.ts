import { defaultConfig } from '../config.js'
import { isObject } from '../core/validate.js'
import type { WithCallback } from '../types.js'
import type { ResumableOptions, ResumablePromise, ResumableTask } from './types.js'
import { resumableUpload } from './upload.js'

/**
 * Uploads a file with tus 1.0 so that it survives dropped connections and restarts: chunks, resume
 * from storage, `pause()`/`resume()`, `abort({ terminate })`. The same promise-or-task contract as
 * `upload`; the config of `options.uploader`, else the default instance. A separate export: an
 * app that does not import it carries none of its code.
 */
export function uploadResumable(options: WithCallback<ResumableOptions>): ResumableTask
export function uploadResumable(options: ResumableOptions): ResumablePromise
export function uploadResumable(options: any): any {
  const uploader = isObject(options) && options.uploader
  return resumableUpload((uploader && uploader.config) || defaultConfig, options)
}

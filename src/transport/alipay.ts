import type { UploadAdapter } from './adapter.js'

/**
 * Alipay: one file per call, and `my.uploadFile` requires `fileType`, which uni does not add:
 * `'image'` when the call gives none. The field `name` needs nothing: uni's Alipay runtime sends
 * it as `fileName` itself.
 */
export const alipayAdapter: UploadAdapter = {
  prepare(options) {
    options.fileType = options.fileType || 'image'
  },
}

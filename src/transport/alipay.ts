import type { UploadAdapter } from './adapter.js'

/**
 * Alipay: one file per call; the field name travels as `fileName` and `fileType` is required
 * (`'image'` when the call gives none). `name` is kept too, for runtimes that map it themselves.
 */
export const alipayAdapter: UploadAdapter = {
  prepare(options) {
    options.fileName = options.name
    options.fileType = options.fileType || 'image'
  },
}

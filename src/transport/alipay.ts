import type { RuntimeOptions } from './adapter.js'

/**
 * Alipay: `my.uploadFile` requires `fileType`, which uni does not add: `'image'` when the call
 * gives none. The field `name` needs nothing: uni's Alipay runtime sends it as `fileName` itself.
 */
export function prepareAlipayUpload(options: RuntimeOptions): void {
  options.fileType = options.fileType || 'image'
}

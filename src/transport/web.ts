import type { RuntimeOptions } from './adapter.js'

/**
 * H5: a `File`/`Blob` without a path gets an object URL: since 3.0.0-4080420251103001 uni-h5 fails
 * a bare `file` with `uploadFile:fail file error` while still sending it. The URLs are revoked when
 * the call settles (they are added to `cleanups`).
 */
export function prepareWebUpload(options: RuntimeOptions, cleanups: (() => void)[]): void {
  const url = (file: Blob) => {
    const href = URL.createObjectURL(file)
    cleanups.push(() => URL.revokeObjectURL(href))
    return href
  }
  if (options.files) {
    options.files = options.files.map((item: any) => (item.uri || !item.file ? item : { ...item, uri: url(item.file) }))
  } else if (options.file && !options.filePath) options.filePath = url(options.file)
}

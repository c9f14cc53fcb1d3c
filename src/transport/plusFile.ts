import type { UploaderConfig } from '../types.js'

/** App: the HTML5+ runtime global (`plus.io`). */
declare const plus: any

/** App: the `plus.io` File at `filePath` (a plain absolute path is given a `file://` scheme). */
function plusFile(filePath: string): Promise<any> {
  const url = filePath[0] == '/' ? 'file://' + filePath : filePath
  return new Promise((resolve, reject) => plus.io.resolveLocalFileSystemURL(url, (entry: any) => entry.file(resolve, reject), reject))
}

/** App: the size in bytes of the file at `filePath`. */
export const plusFileSize = (filePath: string): Promise<number> => plusFile(filePath).then((file) => file.size)

/**
 * App: bytes `[start, end)` of the file as an ArrayBuffer: `File.slice`, read as a data URL by
 * `plus.io.FileReader`, its base64 decoded by `uni.base64ToArrayBuffer` (literally: see
 * platform.ts). Only that slice is read.
 */
export function plusReadRange(config: UploaderConfig, filePath: string, start: number, end: number): Promise<ArrayBuffer> {
  return plusFile(filePath).then(
    (file) =>
      new Promise((resolve, reject) => {
        const reader = new plus.io.FileReader()
        reader.onload = (event: any) => {
          const url = String(event.target.result)
          const base64 = url.slice(url.indexOf(',') + 1)
          const runtime: any = config.uni
          resolve(runtime ? runtime.base64ToArrayBuffer(base64) : uni.base64ToArrayBuffer(base64))
        }
        reader.onerror = reject
        reader.readAsDataURL(file.slice(start, end))
      }),
  )
}

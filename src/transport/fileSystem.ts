import type { UploaderConfig } from '../types.js'

/** `uni.getFileSystemManager()`, literally: see platform.ts for why. */
const fileSystem = (config: UploaderConfig): any => {
  const runtime: any = config.uni
  return runtime ? runtime.getFileSystemManager() : uni.getFileSystemManager()
}

/** Mini-programs: the size in bytes of the file at `filePath`. Rejects with the runtime's `{ errMsg }`. */
export function fileSize(config: UploaderConfig, filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    fileSystem(config).getFileInfo({ filePath, success: (res: any) => resolve(res.size), fail: reject })
  })
}

/**
 * Mini-programs: bytes `[position, position + length)` of the file as an ArrayBuffer, read with
 * `readFile({ position, length })` (WeChat base library 2.10.0): only that slice is in memory.
 */
export function readRange(config: UploaderConfig, filePath: string, position: number, length: number): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    fileSystem(config).readFile({ filePath, position, length, success: (res: any) => resolve(res.data), fail: reject })
  })
}

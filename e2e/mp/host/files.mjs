// The host's local files: a real temporary directory behind the platform's virtual paths
// (WeChat `wxfile://tmp/…`, Alipay `https://resource/…`, Baidu `bdfile://tmp/…`), and the
// `getFileSystemManager()` reads on top of it. Paths are opaque strings to the page, as on a device.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * `tempPrefix` starts every temporary path (downloads, files the test adds), `userPrefix` is
 * `env.USER_DATA_PATH`. `failure(api, reason)` builds the platform's failure object.
 */
export function createFiles({ tempPrefix, userPrefix, failure }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uni-uploader-mp-host-'))
  fs.mkdirSync(path.join(dir, 'tmp'))
  fs.mkdirSync(path.join(dir, 'usr'))
  let next = 1

  /** The real path behind a virtual one, or undefined for a path the host never handed out. */
  function realPath(virtual) {
    if (typeof virtual != 'string') return undefined
    if (virtual.startsWith(tempPrefix)) return path.join(dir, 'tmp', path.basename(virtual.slice(tempPrefix.length)))
    if (virtual.startsWith(userPrefix + '/')) return path.join(dir, 'usr', path.basename(virtual.slice(userPrefix.length + 1)))
    return undefined
  }

  /** A fresh temporary path (what a download or a file picker hands out). */
  const newTempPath = (ext = '') => `${tempPrefix}${next++}-${Date.now().toString(36)}${ext}`

  /** Puts `bytes` in a new temporary file (the test's stand-in for a file picker). */
  function add(bytes, ext = '') {
    const virtual = newTempPath(ext)
    fs.writeFileSync(realPath(virtual), bytes)
    return virtual
  }

  const settleWith = (options, api, run) => {
    try {
      const res = { errMsg: api + ':ok', ...run() }
      queueMicrotask(() => (options.success && options.success(res), options.complete && options.complete(res)))
    } catch (error) {
      const res = failure(api, error.code === 'ENOENT' ? 'no such file or directory ' + (options.filePath || options.path) : error.message)
      queueMicrotask(() => (options.fail && options.fail(res), options.complete && options.complete(res)))
    }
  }

  /** Reads `length` bytes from `position`, as text for an `encoding`, else an ArrayBuffer. */
  function read(filePath, encoding, position, length) {
    const real = realPath(filePath)
    if (!real) throw Object.assign(new Error('no such file'), { code: 'ENOENT' })
    let bytes = fs.readFileSync(real)
    if (position !== undefined || length !== undefined) bytes = bytes.subarray(position || 0, length === undefined ? undefined : (position || 0) + length)
    if (encoding) return bytes.toString(encoding === 'utf-8' ? 'utf8' : encoding)
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  }

  /** WeChat's FileSystemManager subset the page set and uni need (Baidu and Alipay document the same names). */
  const fileSystemManager = {
    readFile: (o) => settleWith(o, 'readFile', () => ({ data: read(o.filePath, o.encoding, o.position, o.length) })),
    readFileSync: (filePath, encoding, position, length) => read(filePath, encoding, position, length),
    access: (o) =>
      settleWith(o, 'access', () => {
        if (!realPath(o.path) || !fs.existsSync(realPath(o.path))) throw Object.assign(new Error('no such file'), { code: 'ENOENT' })
        return {}
      }),
    getFileInfo: (o) => settleWith(o, 'getFileInfo', () => ({ size: fs.statSync(realPath(o.filePath) || '/nonexistent').size })),
  }

  return { dir, realPath, newTempPath, add, fileSystemManager, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

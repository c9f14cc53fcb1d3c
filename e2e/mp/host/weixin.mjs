// `wx` for the host, written from WeChat's API documentation:
//   wx.uploadFile   https://developers.weixin.qq.com/miniprogram/dev/api/network/upload/wx.uploadFile.html
//                   (url, filePath, name, header, formData, timeout from 2.10.0; success
//                   { data: string, statusCode: number }; fail { errMsg }; returns an UploadTask:
//                   abort, onProgressUpdate { progress, totalBytesSent, totalBytesExpectedToSend },
//                   offProgressUpdate, onHeadersReceived, offHeadersReceived)
//   wx.downloadFile https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html
//                   (url, header, timeout, filePath from 1.8.0; success { tempFilePath } without a
//                   filePath, { filePath } "the same as the filePath passed" with one, and
//                   statusCode: number; progress { progress, totalBytesWritten, totalBytesExpectedToWrite })
//   wx.request      https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html
//   errMsg          '<api>:ok' / '<api>:fail <reason>' ('…:fail abort', '…:fail timeout'), the
//                   convention of every WeChat API callback.
//   FileSystemManager.readFile, wx.env.USER_DATA_PATH (本地用户文件), wx.getStorageSync(key).
import { request } from './native-http.mjs'
import { createFiles } from './files.mjs'
import { callbacks, downloadCall, parseBody, percent, uploadCall } from './task.mjs'

const failure = (api, reason) => ({ errMsg: `${api}:fail ${reason}` })
/** The words of a failed outcome: the socket's error code, or abort / timeout / the file's problem. */
const reasonOf = (outcome) => (outcome.reason == 'network' ? outcome.message : outcome.reason)

export function createWeixin({ storage }) {
  const files = createFiles({ tempPrefix: 'wxfile://tmp_', userPrefix: 'wxfile://usr', failure })
  const wx = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getSystemInfoSync: () => ({ platform: 'devtools', system: 'Linux', SDKVersion: '3.4.0', version: '8.0.50', language: 'zh_CN', pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, brand: 'devtools', model: 'host' }),
    getStorageSync: (key) => storage.get(key),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.remove(key),
    getFileSystemManager: () => files.fileSystemManager,

    uploadFile: (options) =>
      uploadCall(files, options, {
        name: options.name,
        timeout: options.timeout,
        missing: () => failure('uploadFile', 'file not found'),
        progress: (sent, total) => ({ progress: percent(sent, total), totalBytesSent: sent, totalBytesExpectedToSend: total }),
        settle(outcome, cb, t) {
          if (!outcome.ok) return cb.fail(failure('uploadFile', reasonOf(outcome)))
          t.headers({ header: outcome.header })
          cb.success({ data: outcome.body.toString('utf8'), statusCode: outcome.statusCode, errMsg: 'uploadFile:ok' })
        },
      }),

    downloadFile(options) {
      const target = options.filePath || files.newTempPath('.bin')
      return downloadCall(files, options, {
        target,
        timeout: options.timeout,
        settle(outcome, cb, t) {
          if (!outcome.ok) return cb.fail(failure('downloadFile', reasonOf(outcome)))
          t.headers({ header: outcome.header })
          const where = options.filePath ? { filePath: target } : { tempFilePath: target }
          cb.success({ ...where, statusCode: outcome.statusCode, errMsg: 'downloadFile:ok' })
        },
      })
    },

    request(options) {
      const cb = callbacks(options)
      const abort = request({ url: options.url, method: options.method, header: options.header, data: options.data, timeout: options.timeout }, (outcome) => {
        if (!outcome.ok) return cb.fail(failure('request', reasonOf(outcome)))
        // WeChat hands over the text when it is not JSON.
        cb.success({ data: parseBody(outcome.body, options.dataType).data, statusCode: outcome.statusCode, header: outcome.header, errMsg: 'request:ok' })
      })
      return { abort }
    },
  }
  return { api: wx, files }
}

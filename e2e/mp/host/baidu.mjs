// `swan` for the host, written from Baidu's smart-program API documentation
// (smartprogram.baidu.com/docs/develop/api/net/, mirrored at w3cschool.cn/baiduapp):
//   swan.uploadFile url, filePath, name, header, formData: no timeout option. success
//                   { data: string, statusCode: number }; fail { errCode, errMsg }; UploadTask:
//                   abort, onProgressUpdate { progress, totalBytesSent, totalBytesExpectedToSend },
//                   onHeadersReceived, offHeadersReceived, offProgressUpdate.
//   swan.downloadFile url, header. success { tempFilePath, statusCode }; fail { errCode, errMsg }.
//   swan.request    url, method, header, data, dataType; success { data, statusCode, header }.
//   A failure's errMsg can read '<api>:ok' while errCode carries the reason (measured, RUNTIME.md
//   "Chunked uploads": "Baidu: a failure may carry errMsg 'uploadFile:ok'"): the host fails every
//   network error that way, with errCode 1001 (执行失败).
//   swan.getStorageSync(key), swan.env.USER_DATA_PATH (bdfile://usr).
import { request } from './native-http.mjs'
import { createFiles } from './files.mjs'
import { callbacks, downloadCall, parseBody, percent, uploadCall } from './task.mjs'

const failure = (api, errCode) => ({ errCode, errMsg: api + ':ok' })

export function createBaidu({ storage }) {
  const files = createFiles({ tempPrefix: 'bdfile://tmp_', userPrefix: 'bdfile://usr', failure: (api) => failure(api, 1001) })
  const swan = {
    env: { USER_DATA_PATH: 'bdfile://usr' },
    getSystemInfoSync: () => ({ platform: 'devtools', system: 'Linux', SDKVersion: '3.500.0', host: 'baiduboxapp', version: '13.0.0', language: 'zh_CN', pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, brand: 'host', model: 'host' }),
    getStorageSync: (key) => storage.get(key),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.remove(key),
    getFileSystemManager: () => files.fileSystemManager,

    uploadFile: (options) =>
      uploadCall(files, options, {
        name: options.name, // and no timeout: swan.uploadFile documents none
        missing: () => failure('uploadFile', 1001),
        progress: (sent, total) => ({ progress: percent(sent, total), totalBytesSent: sent, totalBytesExpectedToSend: total }),
        settle(outcome, cb, t) {
          if (!outcome.ok) return cb.fail(failure('uploadFile', 1001))
          t.headers({ header: outcome.header })
          cb.success({ data: outcome.body.toString('utf8'), statusCode: outcome.statusCode, errMsg: 'uploadFile:ok' })
        },
      }),

    downloadFile(options) {
      const target = files.newTempPath('.bin')
      return downloadCall(files, options, {
        target,
        settle(outcome, cb, t) {
          if (!outcome.ok) return cb.fail(failure('downloadFile', 1001))
          t.headers({ header: outcome.header })
          cb.success({ tempFilePath: target, statusCode: outcome.statusCode, errMsg: 'downloadFile:ok' })
        },
      })
    },

    request(options) {
      const cb = callbacks(options)
      const abort = request({ url: options.url, method: options.method, header: options.header, data: options.data }, (outcome) => {
        if (!outcome.ok) return cb.fail(failure('request', 1001))
        cb.success({ data: parseBody(outcome.body, options.dataType).data, statusCode: outcome.statusCode, header: outcome.header, errMsg: 'request:ok' })
      })
      return { abort }
    },
  }
  return { api: swan, files }
}

// `my` for the host, written from Alipay's mini-program API documentation
// (opendocs.alipay.com, 开发 > API > 基础 API > 网络):
//   my.uploadFile   url, filePath, fileName ("文件对应的 key"), fileType (required: image / video /
//                   audio), header, formData, timeout (60000). success { data: string, statusCode,
//                   header }; the IDE reports statusCode as a string (measured, RUNTIME.md "Other
//                   platforms"), and so does this host. fail { error: number, errorMessage }: 11 file
//                   not found, 12 upload failed (上传文件失败; also what a timeout of Alipay's own
//                   looks like, RUNTIME.md), 13 no permission; 2 for an invalid parameter (Alipay's
//                   common error codes). UploadTask: abort, onProgressUpdate with the download
//                   names { progress, totalBytesWritten, totalBytesExpectedToWrite }, offProgressUpdate.
//   my.downloadFile url, header, timeout. success { apFilePath } on the base libraries before 2.7.23
//                   (tempFilePath) and 2.8.8 (statusCode, header): this host plays one of those,
//                   so a download has no statusCode. fail { error, errorMessage }: 12 download failed.
//   my.request      url, method, headers/header, data, dataType; success { data, status, headers }.
//   my.getStorageSync({ key }) → { data }; my.setStorageSync({ key, data }).
// An abort's failure code is not documented; the host fails an aborted call with error 9.
import { request } from './native-http.mjs'
import { createFiles } from './files.mjs'
import { callbacks, createTask, downloadCall, parseBody, percent, uploadCall } from './task.mjs'

const failure = (error, errorMessage) => ({ error, errorMessage })

export function createAlipay({ storage }) {
  const files = createFiles({ tempPrefix: 'https://resource/apml', userPrefix: 'https://usr', failure: (_api, reason) => failure(10022, reason) })
  const my = {
    env: { USER_DATA_PATH: 'https://usr' },
    getSystemInfoSync: () => ({ platform: 'iOS', system: '17.0', version: '10.5.0', SDKVersion: '2.9.0', app: 'alipay', language: 'zh-Hans', pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, brand: 'host', model: 'host' }),
    getStorageSync: ({ key }) => ({ data: storage.get(key) }),
    setStorageSync: ({ key, data }) => void storage.set(key, data),
    removeStorageSync: ({ key }) => void storage.remove(key),
    getFileSystemManager: () => files.fileSystemManager,

    uploadFile(options) {
      if (!options.fileType || !options.fileName) {
        const cb = callbacks(options)
        cb.fail(failure(2, 'invalid parameter: ' + (!options.fileType ? 'fileType' : 'fileName')))
        return createTask({ headers: false }).task
      }
      return uploadCall(files, options, {
        name: options.fileName,
        mimeType: { image: 'image/jpeg', video: 'video/mp4', audio: 'audio/mpeg' }[options.fileType],
        timeout: options.timeout,
        headers: false,
        missing: () => failure(11, '文件不存在'),
        // Alipay reports upload progress with the download names.
        progress: (sent, total) => ({ progress: percent(sent, total), totalBytesWritten: sent, totalBytesExpectedToWrite: total }),
        settle(outcome, cb) {
          if (outcome.ok) return cb.success({ data: outcome.body.toString('utf8'), statusCode: String(outcome.statusCode), header: outcome.header })
          cb.fail(outcome.reason == 'abort' ? failure(9, 'abort') : failure(12, '上传文件失败'))
        },
      })
    },

    downloadFile(options) {
      const target = files.newTempPath('.bin')
      return downloadCall(files, options, {
        target,
        timeout: options.timeout,
        headers: false,
        settle(outcome, cb) {
          if (outcome.ok) return cb.success({ apFilePath: target })
          cb.fail(outcome.reason == 'abort' ? failure(9, 'abort') : failure(12, '下载文件失败'))
        },
      })
    },

    request(options) {
      const cb = callbacks(options)
      const abort = request({ url: options.url, method: options.method, header: options.headers || options.header, data: options.data, timeout: options.timeout }, (outcome) => {
        if (!outcome.ok) return cb.fail(failure(outcome.reason == 'timeout' ? 13 : 12, outcome.message))
        const { data, notJson } = parseBody(outcome.body, options.dataType)
        if (notJson) return cb.fail(failure(14, 'JSON parse error'))
        cb.success({ data, status: outcome.statusCode, headers: outcome.header })
      })
      return { abort }
    },
  }
  return { api: my, files }
}

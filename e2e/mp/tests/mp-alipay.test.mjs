import { scenarios } from './scenarios.mjs'

scenarios('mp-alipay', {
  resumable: 'mp-alipay',
  tempPrefix: 'https://resource/apml',
  // uni turns my's { error, errorMessage } into errMsg '<api>:fail <errorMessage>'.
  nativeFailure: { errMsg: 'uploadFile:fail 上传文件失败', cause: { errMsg: 'uploadFile:fail 上传文件失败' } },
})

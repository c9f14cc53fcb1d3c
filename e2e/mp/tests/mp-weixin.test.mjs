import { scenarios } from './scenarios.mjs'

scenarios('mp-weixin', {
  resumable: true,
  tempPrefix: 'wxfile://tmp_',
  downloadTo: 'wxfile://usr/saved.bin',
  // wx copies its failure through as it is.
  nativeFailure: { errMsg: 'uploadFile:fail ECONNREFUSED', cause: { errMsg: 'uploadFile:fail ECONNREFUSED' } },
})

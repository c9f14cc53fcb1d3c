import { scenarios } from './scenarios.mjs'

scenarios('mp-baidu', {
  resumable: 'mp-baidu',
  tempPrefix: 'bdfile://tmp_',
  // swan fails with { errCode, errMsg: 'uploadFile:ok' }: the reason is the errCode.
  nativeFailure: { errMsg: 'uploadFile:fail errCode 1001', cause: { errCode: 1001, errMsg: 'uploadFile:ok' } },
})

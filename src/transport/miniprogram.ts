import type { UploadAdapter } from './adapter.js'

/** WeChat, Baidu and every other mini-program: one file per call, no `files[]`, nothing to shape. */
export const miniProgramAdapter: UploadAdapter = {}

import type { UploadAdapter } from './adapter.js'

/** WeChat, Baidu and every other mini-program: one file per call, no `files[]`. */
export const miniProgramAdapter: UploadAdapter = { multiFile: false }

import type { UploadAdapter } from './adapter.js'

/** App (`app`; `app-plus`, `app-harmony` on older runtimes): `files[]` natively, paths only. */
export const appAdapter: UploadAdapter = { multiFile: true }

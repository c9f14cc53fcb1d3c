// The names README examples use without declaring them: examples are fragments of an app, so they
// refer to "your" app, file and helpers, and to the library's exports as the API section imported
// them. Every README code block is compiled as its own module with these in scope; a block's own
// `import` or `const` of the same name shadows them. Keep this list short and obvious: a name a
// reader could not guess belongs in the example itself.

/** The app `createApp()` in main.ts made (`createSSRApp(App)`). */
declare const app: import('vue').App
/** A local file path, e.g. from `uni.chooseImage`. */
declare const filePath: string
/** An H5 `File`, e.g. from an `<input type="file">`. */
declare const file: File
/** Your own token refresh. */
declare function freshToken(): Promise<string>
/** Your own logger. */
declare function log(value: unknown): void

// The library's exports, as the README's API section imports them once for all later examples.
declare const uploader: typeof import('uni-uploader').default
declare const createUploader: typeof import('uni-uploader').createUploader
declare const useUpload: typeof import('uni-uploader').useUpload
declare const useDownload: typeof import('uni-uploader').useDownload
declare const useUploadQueue: typeof import('uni-uploader').useUploadQueue
declare const TransferError: typeof import('uni-uploader').TransferError
declare const AbortError: typeof import('uni-uploader').AbortError
declare const TimeoutError: typeof import('uni-uploader').TimeoutError
declare const NetworkError: typeof import('uni-uploader').NetworkError
declare const HTTPError: typeof import('uni-uploader').HTTPError
declare const OptionError: typeof import('uni-uploader').OptionError
declare const ParseError: typeof import('uni-uploader').ParseError

export { default } from './plugin.js'
export { createUploader } from './plugin.js'
export { useUpload } from './composables/useUpload/index.js'
export { useDownload } from './composables/useDownload/index.js'
export { useUploadQueue } from './composables/useUploadQueue/index.js'
export { createUploadQueue } from './composables/useUploadQueue/queue.js'
export { uploadResumable } from './resumable/index.js'
export { useResumableUpload } from './composables/useResumableUpload/index.js'
export type {
  FingerprintSource,
  ResumableHeader,
  ResumableOptions,
  ResumableResult,
  ResumableProgress,
  ResumableAbortOptions,
  ResumableTask,
  ResumablePromise,
  TusRequest,
  TusResponse,
  TusExchange,
  TusTransport,
} from './resumable/types.js'
export { TransferError, AbortError, TimeoutError, NetworkError, HTTPError, OptionError, ParseError } from './errors.js'
export type {
  Header,
  UniRuntime,
  RetryOptions,
  BeforeTransferHook,
  AfterTransferHook,
  UploaderHooks,
  UploaderConfig,
  UploadFileItem,
  ParseOption,
  UploadOptions,
  DownloadOptions,
  UploadResult,
  DownloadResult,
  UploadProgress,
  DownloadProgress,
  HeadersEvent,
  TransferTask,
  UploadTask,
  DownloadTask,
  UploadPromise,
  DownloadPromise,
  WithCallback,
  Uploader,
  TransferStatus,
  UseTransferOptions,
  UploadCallOptions,
  DownloadCallOptions,
  UseUploadReturn,
  UseDownloadReturn,
  ResumableStatus,
  ResumableCallOptions,
  UseResumableUploadReturn,
  ResumableQueueOptions,
  QueueItemStatus,
  QueueSource,
  QueueItem,
  UploadQueueOptions,
  UseUploadQueueOptions,
  UploadQueue,
} from './types.js'

import type { ComputedRef, ShallowRef } from 'vue'
import type { TransferError } from './errors.js'
import type {
  ResumableAbortOptions,
  ResumableOptions,
  ResumableProgress,
  ResumablePromise,
  ResumableResult,
  ResumableTask,
} from './resumable/types.js'

/** Request headers. `undefined` values are dropped before merging (an optional token). */
export type Header = Record<string, string | undefined>

/** The members of `uni` the library calls; tests and custom runtimes pass one as `config.uni`. */
export interface UniRuntime {
  uploadFile(options: any): unknown
  downloadFile(options: any): unknown
  getSystemInfoSync?(): { uniPlatform?: string }
}

/** Retry policy. Never retries an `AbortError`. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 0 */
  limit: number
  /** Wait before retry n (1-based): a list (the last entry repeats) or a function. @default (n) => 300 * 2 ** (n - 1) */
  delay?: number[] | ((attempt: number, error: TransferError) => number)
  /** Whether this error is worth a retry. @default TimeoutError, NetworkError and 5xx HTTPError */
  when?: (error: TransferError) => boolean
}

/** Called with a call's options before it is sent; may return replacement options or a Promise of them. */
export type BeforeTransferHook = (options: any) => unknown
/** Called with the result or the error once a call has an outcome, before the caller sees it. */
export type AfterTransferHook = (outcome: any, options: any) => unknown

export interface UploaderHooks {
  /** Run in order before each call (e.g. add a fresh token). A throw or rejection fails the call. @default [] */
  beforeTransfer?: BeforeTransferHook[]
  /** Run in order after each call. A throw or rejection fails the call. @default [] */
  afterTransfer?: AfterTransferHook[]
}

export interface UploaderConfig {
  /** Prefix for relative `url`s; an absolute `http(s)://` URL. @default undefined */
  baseURI?: string
  /** Milliseconds, for every call that does not set its own; `0` turns the wrapper's timer off. @default 60000 */
  timeout?: number
  /** Merged under each call's `header` (names case-insensitive, the call wins). @default {} */
  header?: Header
  /** The runtime to call. @default the runtime's `uni`, called literally at call time */
  uni?: UniRuntime
  /** `'web'`, `'app'`, `'mp-weixin'`, `'mp-alipay'`, `'mp-baidu'`, … @default uni.getSystemInfoSync().uniPlatform, read at call time */
  platform?: string
  /** Instance hooks, like ky's. @default {} */
  hooks?: UploaderHooks
}

/** A file of a `files[]` upload. */
export interface UploadFileItem {
  /** Multipart field name. @default 'file' */
  name?: string
  /** H5 only: the File or Blob (a `uri` is made for it). @default undefined */
  file?: File | Blob
  /** Path of the file (temp path, blob: URL). @default undefined */
  uri?: string
}

interface TransferOptions<R> {
  /** Absolute, or relative to `domain ?? baseURI`. */
  url: string
  /** Base for a relative `url` for this call; an empty string counts as none. @default config.baseURI */
  domain?: string
  /** Merged over the config header. `Referer` is always removed. @default {} */
  header?: Header
  /** Milliseconds; `0` turns the wrapper's timer off. @default config.timeout, else 60000 */
  timeout?: number
  /** Which HTTP statuses are a success; the rest fail with `HTTPError`. @default every status succeeds */
  validateStatus?: (statusCode: number) => boolean
  /** Retry policy, or a retry count. @default no retry */
  retry?: number | RetryOptions
  /** Called before each retry wait. @default undefined */
  onRetry?: (info: { attempt: number; error: TransferError; delay: number }) => void
  /** Called with the result. */
  success?: (result: R) => void
  /** Called with the error. */
  fail?: (error: TransferError) => void
  /** Called after `success` or `fail`. */
  complete?: (outcome: R | TransferError) => void
}

/** How upload response text becomes `data`. */
export type ParseOption<T> = 'text' | 'json' | ((text: string) => T)

export interface UploadOptions<T = string> extends TransferOptions<UploadResult<T>> {
  /** Path of the file to upload. @default undefined */
  filePath?: string
  /** H5 only: the File or Blob to upload (a `filePath` is made for it). @default undefined */
  file?: File | Blob
  /** Multipart field name of the file. @default 'file' */
  name?: string
  /** Several files; native in one request on H5/App, one request per file elsewhere. @default undefined */
  files?: UploadFileItem[]
  /** Alipay only (required there). @default 'image' on Alipay */
  fileType?: 'image' | 'video' | 'audio'
  /** Extra multipart fields; values must not be objects. @default undefined */
  formData?: Record<string, unknown>
  /** How the response text becomes `data`. @default 'text' */
  parse?: ParseOption<T>
}

export interface DownloadOptions extends TransferOptions<DownloadResult> {
  /** Where to save the file (mini-programs). @default a temp path */
  filePath?: string
}

export interface UploadResult<T = string> {
  /** Response body: the text, or what `parse` made of it. */
  data: T
  /** HTTP status; always a number. */
  statusCode: number
  /** Response headers, where the platform gives them. */
  header?: Record<string, string>
  errMsg: string
  /** One result per file, when files were sent one request each (mini-programs). */
  results?: UploadResult<T>[]
}

export interface DownloadResult {
  /** Path of the downloaded file (Alipay `apFilePath`, WeChat `filePath`, normalised). */
  tempFilePath: string
  /** The saved path, when the call gave a `filePath`. */
  filePath?: string
  /** HTTP status; always a number (200 where the runtime gives none). */
  statusCode: number
  /** Response headers, where the platform gives them (not on H5). */
  header?: Record<string, string>
  errMsg: string
}

export interface DownloadProgress {
  /** Integer 0–100; never NaN, never goes down. */
  progress: number
  totalBytesWritten: number
  totalBytesExpectedToWrite: number
}

export interface UploadProgress extends DownloadProgress {
  totalBytesSent: number
  totalBytesExpectedToSend: number
}

export interface HeadersEvent {
  header: Record<string, string>
}

export interface TransferTask<P> {
  /** Ends the call with `AbortError` at once; ignored after it settled. */
  abort(): void
  onProgressUpdate(listener: (event: P) => void): void
  /** Without a listener, removes all. */
  offProgressUpdate(listener?: (event: P) => void): void
  onHeadersReceived(listener: (event: HeadersEvent) => void): void
  offHeadersReceived(listener?: (event: HeadersEvent) => void): void
}

export type UploadTask = TransferTask<UploadProgress>
export type DownloadTask = TransferTask<DownloadProgress>
/** A promise that can also be aborted and watched. */
export type UploadPromise<T = string> = Promise<UploadResult<T>> & UploadTask
export type DownloadPromise = Promise<DownloadResult> & DownloadTask

/** Options with at least one callback: the call returns the task. */
export type WithCallback<O extends { success?: unknown; fail?: unknown; complete?: unknown }> = O &
  ({ success: NonNullable<O['success']> } | { fail: NonNullable<O['fail']> } | { complete: NonNullable<O['complete']> })

/** Status of a queue item: `queued` waits for a slot, then as a transfer; `paused`: a resumable item held by the queue's `pause()`. */
export type QueueItemStatus = 'queued' | 'pending' | 'transferring' | 'paused' | 'success' | 'error' | 'aborted'

/** What `queue.add` takes: a file path, an H5 File/Blob, or a `files[]`-style item. */
export type QueueSource = string | File | Blob | UploadFileItem

export interface QueueItem<T = string> {
  /** Unique within its queue, increasing in the order added. */
  id: number
  /** What was added. */
  source: QueueSource
  status: Readonly<ShallowRef<QueueItemStatus>>
  /** Integer 0–100, written at most once per animation frame. */
  progress: Readonly<ShallowRef<number>>
  error: Readonly<ShallowRef<TransferError | undefined>>
  /** The upload's result; with the queue's `resumable` option it is uploadResumable's (`{ uploadUrl, statusCode, header, errMsg }`). */
  result: Readonly<ShallowRef<UploadResult<T> | undefined>>
  /** Aborts it if running, or takes it out of the queue if waiting. */
  abort(): void
  /** Queues a failed or aborted item again (at the end). */
  retry(): void
}

export interface UploadQueueOptions<T = string> extends Partial<UploadCallOptions<T>> {
  /** Uploads at once: an integer >= 1, else `OptionError` when the queue is made. @default 3 */
  concurrency?: number
  /**
   * Send each item as a resumable (tus) upload with these options instead of a multipart upload;
   * the queue's other upload options are then not used. `send` is `uploadResumable`, passed in so
   * that a queue without this option carries none of its code. @default undefined
   */
  resumable?: ResumableQueueOptions
}

/** `useUploadQueue`'s second argument. */
export interface UseUploadQueueOptions {
  /** The instance to use. @default the one the nearest app installed, else the default instance */
  uploader?: Pick<Uploader, 'config'>
}

/** The queue's `resumable` option: uploadResumable's options for every item, and uploadResumable itself. */
export interface ResumableQueueOptions extends Omit<ResumableOptions, 'file' | 'filePath' | 'uploader' | 'success' | 'fail' | 'complete'> {
  /** `uploadResumable`, imported by the app. */
  send: (options: ResumableOptions) => ResumableTask | ResumablePromise
}

export interface UploadQueue<T = string> {
  /** Every item not cleared, in the order added. Shallow: the array triggers on add and clear. */
  items: Readonly<ShallowRef<readonly QueueItem<T>[]>>
  /** Overall progress by bytes, 0–100, over the items that are not aborted. */
  progress: Readonly<ShallowRef<number>>
  /** How many items are in each status. */
  counts: Readonly<ShallowRef<Record<QueueItemStatus, number>>>
  isPaused: Readonly<ShallowRef<boolean>>
  /** Adds files (one, an array, or a FileList) to the end of the queue and starts what the concurrency allows. */
  add(sources: QueueSource | ArrayLike<QueueSource>): QueueItem<T>[]
  /** Aborts every item that is waiting or running. */
  abortAll(): void
  /** Queues every failed item again (not the aborted ones). */
  retryFailed(): void
  /** Starts no new uploads; running ones go on, except resumable ones, which pause until `resume()`. */
  pause(): void
  resume(): void
  /** Removes finished items (success, error, aborted). */
  clear(): void
}

export interface Uploader {
  /** The instance's configuration; `install` merges into it. */
  config: UploaderConfig
  upload<T = string>(options: WithCallback<UploadOptions<T>>): UploadTask
  upload<T = string>(options: UploadOptions<T>): UploadPromise<T>
  download(options: WithCallback<DownloadOptions>): DownloadTask
  download(options: DownloadOptions): DownloadPromise
  /** Vue plugin entry: merges `config` into this instance and provides it to the app. */
  install(app: { provide(key: any, value: any): unknown }, config?: UploaderConfig): void
}

export type TransferStatus = 'idle' | 'pending' | 'transferring' | 'success' | 'error' | 'aborted'

/** Status of a resumable upload: a transfer's, plus `paused` between `pause()` and `resume()`. */
export type ResumableStatus = TransferStatus | 'paused'

type CallOptions<O> = Omit<O, 'success' | 'fail' | 'complete'>

export interface UseTransferOptions {
  /** Start a transfer at once. @default false */
  immediate?: boolean
  /** Abort a running transfer when the calling scope is disposed. @default true */
  abortOnScopeDispose?: boolean
  /** Which statuses are a success. @default 2xx */
  validateStatus?: (statusCode: number) => boolean
  /** Make `execute` reject with the error instead of resolving `undefined`. @default false */
  throwOnError?: boolean
  /** The instance to use. @default the one the nearest app installed, else the default instance */
  uploader?: Pick<Uploader, 'config'>
}

export type UploadCallOptions<T = string> = CallOptions<UploadOptions<T>>
export type DownloadCallOptions = CallOptions<DownloadOptions>

interface UseTransferReturn<R, P, S = TransferStatus, K = TransferTask<P>> {
  status: Readonly<ShallowRef<S>>
  /** Integer 0–100. */
  progress: Readonly<ShallowRef<number>>
  /** Response headers of the newest transfer. */
  headers: Readonly<ShallowRef<Record<string, string> | undefined>>
  statusCode: Readonly<ShallowRef<number | undefined>>
  result: Readonly<ShallowRef<R | undefined>>
  error: Readonly<ShallowRef<TransferError | undefined>>
  /** Attempt number of the running transfer (1 on the first try, +1 per retry); 0 before any. */
  attempt: Readonly<ShallowRef<number>>
  /** The running task, or `undefined`. */
  task: Readonly<ShallowRef<K | undefined>>
  isTransferring: ComputedRef<boolean>
  isFinished: ComputedRef<boolean>
  isAborted: ComputedRef<boolean>
  abort(): void
  onProgress(fn: (event: P) => void): { off(): void }
  onSuccess(fn: (result: R) => void): { off(): void }
  onError(fn: (error: TransferError) => void): { off(): void }
}

export interface UseUploadReturn<T = string> extends UseTransferReturn<UploadResult<T>, UploadProgress> {
  totalBytesSent: Readonly<ShallowRef<number | undefined>>
  totalBytesExpectedToSend: Readonly<ShallowRef<number | undefined>>
  data: ComputedRef<T | undefined>
  execute(overrides?: Partial<UploadCallOptions<T>>): Promise<UploadResult<T> | undefined>
}

export interface UseDownloadReturn extends UseTransferReturn<DownloadResult, DownloadProgress> {
  totalBytesWritten: Readonly<ShallowRef<number | undefined>>
  totalBytesExpectedToWrite: Readonly<ShallowRef<number | undefined>>
  tempFilePath: ComputedRef<string | undefined>
  execute(overrides?: Partial<DownloadCallOptions>): Promise<DownloadResult | undefined>
}

/** The options of one resumable upload in useResumableUpload: uploadResumable's, without callbacks and instance. */
export type ResumableCallOptions = Omit<ResumableOptions, 'success' | 'fail' | 'complete' | 'uploader'>

export interface UseResumableUploadReturn extends UseTransferReturn<ResumableResult, ResumableProgress, ResumableStatus, ResumableTask> {
  totalBytesSent: Readonly<ShallowRef<number | undefined>>
  totalBytesExpectedToSend: Readonly<ShallowRef<number | undefined>>
  /** The upload's URL on the server, once known (created, or a stored one found); `undefined` before. */
  uploadUrl: Readonly<ShallowRef<string | undefined>>
  /** The highest offset the server confirmed; never goes down. `undefined` until the first is known. */
  offset: Readonly<ShallowRef<number | undefined>>
  /** `status` is `paused`. */
  isPaused: ComputedRef<boolean>
  /** Pauses the running upload (the request in flight ends); a no-op when none runs or it is paused. */
  pause(): void
  /** Goes on after `pause()`: `pending` until the next progress event, then `transferring`. */
  resume(): void
  /** Aborts the running or paused upload; `{ terminate: true }` also deletes it on the server. */
  abort(options?: ResumableAbortOptions): void
  execute(overrides?: Partial<ResumableCallOptions>): Promise<ResumableResult | undefined>
}

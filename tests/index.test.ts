/**
 * The package entry: what API.md's "Exports" lists, and nothing unexpected.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as entry from '../src/index'
import uploader, {
  AbortError,
  HTTPError,
  NetworkError,
  OptionError,
  ParseError,
  TimeoutError,
  TransferError,
  createUploader,
  createUploadQueue,
  useDownload,
  useUpload,
  type DownloadOptions,
  type DownloadPromise,
  type DownloadResult,
  type DownloadTask,
  type TransferStatus,
  type UploadOptions,
  type UploadPromise,
  type UploadResult,
  type UploadTask,
  type Uploader,
  type UploaderConfig,
  type UploadQueueOptions,
  type UseDownloadReturn,
  type UseUploadReturn,
} from '../src/index'

/** API.md, "Exports": the default export plus these names. */
const API_MD_VALUES = ['createUploader', 'useUpload', 'useDownload', 'TransferError', 'AbortError', 'TimeoutError', 'NetworkError', 'HTTPError', 'OptionError']
/**
 * Beyond API.md's first section, the extensions of its last one: the error of the `parse` upload
 * option, the upload queue in and outside components (tested with the composables), and the
 * resumable upload and its composable (RESUMABLE.md).
 */
const EXTENSIONS = ['ParseError', 'useUploadQueue', 'createUploadQueue', 'uploadResumable', 'useResumableUpload']

describe('runtime exports', () => {
  it('exports exactly the default instance, the names API.md lists, and the documented extensions', () => {
    expect(Object.keys(entry).sort()).toEqual(['default', ...API_MD_VALUES, ...EXTENSIONS].sort())
  })

  it('the default export is the default instance (a plugin with upload, download and config)', () => {
    expect(entry.default).toBe(uploader)
    expect(typeof uploader.install).toBe('function')
    expect(typeof uploader.upload).toBe('function')
    expect(typeof uploader.download).toBe('function')
    expect(typeof uploader.config).toBe('object')
  })

  it('createUploader, useUpload and useDownload are functions', () => {
    expect([createUploader, useUpload, useDownload].map((f) => typeof f)).toEqual(['function', 'function', 'function'])
  })

  it('every error class is a TransferError subclass', () => {
    for (const E of [AbortError, TimeoutError, NetworkError, HTTPError, OptionError, ParseError]) {
      expect(E.prototype).toBeInstanceOf(TransferError)
    }
    expect(TransferError.prototype).toBeInstanceOf(Error)
  })
})

describe('public types (checked by `tsc --noEmit`, which includes tests/)', () => {
  it('the types API.md lists are exported and fit together', () => {
    expectTypeOf<UploaderConfig['timeout']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<UploadOptions['url']>().toEqualTypeOf<string>()
    expectTypeOf<DownloadOptions['url']>().toEqualTypeOf<string>()
    expectTypeOf<UploadResult['statusCode']>().toEqualTypeOf<number>()
    expectTypeOf<DownloadResult['tempFilePath']>().toEqualTypeOf<string>()
    expectTypeOf<UploadTask>().toHaveProperty('abort')
    expectTypeOf<DownloadTask>().toHaveProperty('onHeadersReceived')
    expectTypeOf<UploadPromise>().toMatchTypeOf<Promise<UploadResult>>()
    expectTypeOf<UploadPromise>().toHaveProperty('onProgressUpdate')
    expectTypeOf<DownloadPromise>().toMatchTypeOf<Promise<DownloadResult>>()
    expectTypeOf<TransferStatus>().toEqualTypeOf<'idle' | 'pending' | 'transferring' | 'success' | 'error' | 'aborted'>()
    expectTypeOf<UseUploadReturn>().toHaveProperty('execute')
    expectTypeOf<UseDownloadReturn>().toHaveProperty('tempFilePath')
  })

  it("ParseError's data is the raw response text: a string", () => {
    expectTypeOf<ParseError['data']>().toEqualTypeOf<string>()
  })

  it('the upload queue is its own import: the instance type has no queue', () => {
    expectTypeOf<typeof uploader>().not.toHaveProperty('queue')
    expectTypeOf(createUploadQueue<string>).parameters.toEqualTypeOf<[options?: UploadQueueOptions<string>, uploader?: Pick<Uploader, 'config'>]>()
  })

  it('with a callback upload returns the task type, without one the promise type', () => {
    expectTypeOf(uploader.upload({ url: 'u', filePath: 'p', success() {} })).toEqualTypeOf<UploadTask>()
    expectTypeOf(uploader.download({ url: 'u', complete() {} })).toEqualTypeOf<DownloadTask>()
    const promise = uploader.upload({ url: 'u', filePath: 'p' })
    promise.catch(() => {})
    expectTypeOf(promise).toEqualTypeOf<UploadPromise<string>>()
  })
})

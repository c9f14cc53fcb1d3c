import { keys } from '../header.js'
import type { UploaderConfig } from '../types.js'
import { isHttpBase } from '../url.js'

export const isObject = (value: unknown): value is Record<string, any> => !!value && typeof value == 'object'

/** A finite number >= 0: a timeout, or a byte count or percentage a runtime may report (not NaN, Infinity, negatives, strings). */
export const isCount = (value: unknown): value is number => typeof value == 'number' && value >= 0 && value < Infinity

/** A File or Blob, where the platform has them (mini-programs have no Blob). */
export const isBlob = (value: unknown): value is Blob => typeof Blob != 'undefined' && value instanceof Blob

/** `undefined`, or what is wrong: the option named, then what it must be. */
export type Problem = string | undefined

const must = (option: string, what: string) => option + ' must be ' + what

/** Checks an optional string option (download's `filePath`): `label` names it. */
export const checkString = (label: string, value: unknown): Problem =>
  value === undefined || typeof value == 'string' ? undefined : must(label, 'a string')

/** Checks a timeout; `label` is `timeout` or `config.timeout`. */
const checkTimeout = (label: string, timeout: unknown): Problem =>
  timeout === undefined || isCount(timeout) ? undefined : must(label, 'a finite number >= 0')

/**
 * Checks an option whose values are checked one by one (`header`, `formData`, the resumable
 * `metadata`): `undefined`, or an object whose every value passes `test`; a bad one is named by its key.
 */
export function checkValues(label: string, object: unknown, test: (value: unknown, key: string) => unknown, what: string): Problem {
  if (object === undefined) return
  if (!isObject(object)) return must(label, 'an object')
  for (const key of keys(object)) if (!test(object[key], key)) return must(`${label} "${key}"`, what)
}

/** A header value may be left out (`undefined`); CR or LF in it or its name would forge headers. */
const isHeaderValue = (value: unknown, name: string) => value === undefined || (typeof value == 'string' && !/[\r\n]/.test(name + value))

/** Checks a header object; `label` is `header` or `config.header`. */
export const checkHeader = (label: string, header: unknown): Problem => checkValues(label, header, isHeaderValue, 'a string without CR or LF')

/** Checks a base URL; `label` is `domain` or `baseURI`. An empty one counts as none. */
const checkBase = (label: string, base: unknown): Problem =>
  !base || isHttpBase(base as string) ? undefined : must(label, 'an http(s):// URL')

/** What is wrong with a call's url (or a resumable upload's endpoint: `label`); `null`, `0` or `false` counts as none. */
export function checkUrl(label: string, url: unknown): Problem {
  if (!url) return label + ' is required'
  if (typeof url != 'string') return must(label, 'a string')
}

/** What is wrong with the timeout, header and base of a call or its config, the call's first. */
export function checkShared(options: Record<string, any>, config: UploaderConfig): Problem {
  return (
    checkTimeout('timeout', options.timeout) ||
    checkTimeout('config.timeout', config.timeout) ||
    checkHeader('header', options.header) ||
    checkHeader('config.header', config.header) ||
    checkBase('domain', options.domain) ||
    checkBase('baseURI', config.baseURI)
  )
}

/** What is wrong with the upload's own options. `web`: a `files[]` item may carry a File instead of a uri. */
export function checkUpload(options: Record<string, any>, web: boolean): Problem {
  const { files, formData } = options
  // Not checkString: upload's own inline test is cheaper in the useUpload-only bundle, which has no download.
  const notString = (value: unknown) => value !== undefined && typeof value != 'string'
  // On H5 a File/Blob becomes an object URL, which only a Blob can have.
  const notBlob = (value: unknown) => web && value !== undefined && !isBlob(value)
  if (files === undefined) {
    // With files[], the top-level filePath and name are ignored, so they are checked only here.
    if (!options.filePath && !options.file) return 'filePath, file or files is required'
    if (notString(options.filePath)) return must('filePath', 'a string')
    if (notString(options.name)) return must('name', 'a string')
    if (!options.filePath && notBlob(options.file)) return must('file', 'a File or Blob')
  } else {
    // Empty files[] fails even beside a filePath: it is almost always a bug upstream.
    if (!Array.isArray(files) || !files.length) return must('files', 'a non-empty array')
    for (const [i, item] of files.entries()) {
      if (!isObject(item) || !((typeof item.uri == 'string' && item.uri) || (web && item.file))) {
        return `files[${i}] needs a uri${web ? ' or a file' : ''}`
      }
      if (notString(item.name)) return must(`files[${i}].name`, 'a string')
      if (!item.uri && notBlob(item.file)) return must(`files[${i}].file`, 'a File or Blob')
    }
  }
  // Only an object value is refused: the runtime sends numbers, booleans and null as text.
  return checkValues('formData', formData, (value) => !isObject(value), 'a string or number')
}

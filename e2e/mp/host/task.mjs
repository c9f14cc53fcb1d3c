// The task object every platform returns from uploadFile/downloadFile, with the methods its
// documentation lists, and the callback plumbing (success or fail, then complete, once).
import { download, upload } from './native-http.mjs'

/**
 * `methods` names what the platform's task has beyond `abort`/`onProgressUpdate` (e.g.
 * `onHeadersReceived`). `offAll`: `offProgressUpdate()` without an argument removes every listener
 * (WeChat documents that).
 */
export function createTask({ headers = true } = {}) {
  const progress = new Set()
  const headerListeners = new Set()
  let abort = () => {}
  const task = {
    abort: () => abort(),
    onProgressUpdate: (fn) => progress.add(fn),
    offProgressUpdate: (fn) => (fn ? progress.delete(fn) : progress.clear()),
  }
  if (headers) {
    task.onHeadersReceived = (fn) => headerListeners.add(fn)
    task.offHeadersReceived = (fn) => (fn ? headerListeners.delete(fn) : headerListeners.clear())
  }
  return {
    task,
    setAbort: (fn) => (abort = fn),
    progress: (event) => [...progress].forEach((fn) => fn(event)),
    headers: (event) => [...headerListeners].forEach((fn) => fn(event)),
  }
}

/** Calls success or fail, then complete, each at most once, never synchronously. */
export function callbacks(options) {
  let called = false
  const call = (which, res) => {
    if (called) return
    called = true
    setImmediate(() => {
      if (typeof options[which] == 'function') options[which](res)
      if (typeof options.complete == 'function') options.complete(res)
    })
  }
  return { success: (res) => call('success', res), fail: (res) => call('fail', res) }
}

/** 0–100, as the platforms report it. */
export const percent = (done, total) => (total ? Math.floor((done / total) * 100) : 0)

/**
 * The plumbing of one uploadFile call, the same on every platform: the callbacks, the task, the
 * file behind `options.filePath`, the native upload. The platform gives its shapes:
 * `missing()` the failure for a path it never handed out, `progress(sent, total)` its progress
 * event, `settle(outcome, cb, task)` its success or failure for the neutral outcome.
 */
export function uploadCall(files, options, { name, mimeType, timeout, headers = true, missing, progress, settle }) {
  const cb = callbacks(options)
  const t = createTask({ headers })
  const realPath = files.realPath(options.filePath)
  if (!realPath) {
    cb.fail(missing())
    return t.task
  }
  const request = { url: options.url, realPath, name, fileName: options.filePath.split('/').pop(), mimeType, header: options.header, formData: options.formData, timeout }
  t.setAbort(upload(request, (sent, total) => t.progress(progress(sent, total)), (outcome) => settle(outcome, cb, t)))
  return t.task
}

/** The same for downloadFile: the body goes to `target` (a virtual path of `files`). */
export function downloadCall(files, options, { target, timeout, headers = true, settle }) {
  const cb = callbacks(options)
  const t = createTask({ headers })
  const request = { url: options.url, header: options.header, timeout, realPath: files.realPath(target) }
  const onProgress = (written, total) => t.progress({ progress: percent(written, total), totalBytesWritten: written, totalBytesExpectedToWrite: total })
  t.setAbort(download(request, onProgress, (outcome) => settle(outcome, cb, t)))
  return t.task
}

/** A response body as `dataType` asks ('json' by default): `{ data }`, with `notJson` when JSON was asked and it is not. */
export function parseBody(body, dataType = 'json') {
  const text = body.toString('utf8')
  if (dataType != 'json') return { data: text }
  try {
    return { data: JSON.parse(text) }
  } catch {
    return { data: text, notJson: true }
  }
}

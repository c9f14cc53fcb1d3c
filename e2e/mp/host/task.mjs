// The task object every platform returns from uploadFile/downloadFile, with the methods its
// documentation lists, and the callback plumbing (success or fail, then complete, once).

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

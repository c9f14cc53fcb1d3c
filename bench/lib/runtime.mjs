// A minimal in-process uni runtime for benchmarks: each call returns a task whose events the
// benchmark fires by hand (no timers, no I/O), so the figures measure the library alone.
export function benchRuntime({ autoSucceed = false, events = 0 } = {}) {
  const calls = []
  const uni = {
    getSystemInfoSync: () => ({ uniPlatform: 'mp-weixin' }),
    uploadFile(options) {
      const listeners = []
      const task = {
        abort() {},
        onProgressUpdate: (fn) => listeners.push(fn),
        offProgressUpdate: (fn) => listeners.splice(listeners.indexOf(fn), 1),
        onHeadersReceived() {},
        offHeadersReceived() {},
      }
      const call = {
        options,
        listeners,
        progress(raw) {
          for (let i = 0; i < listeners.length; i++) listeners[i](raw)
        },
        succeed: () => options.success({ data: '{}', statusCode: 200, errMsg: 'uploadFile:ok' }),
      }
      calls.push(call)
      if (autoSucceed) {
        queueMicrotask(() => {
          for (let i = 1; i <= events; i++) call.progress({ progress: (i * 100) / (events + 1), totalBytesSent: i * 10, totalBytesExpectedToSend: (events + 1) * 10 })
          call.succeed()
        })
      }
      return task
    },
    downloadFile() {
      throw new Error('not used')
    },
  }
  return { uni, calls }
}

/** A hand-driven requestAnimationFrame: `runFrame()` runs what is due. */
export function manualFrames() {
  let due = []
  globalThis.requestAnimationFrame = (fn) => due.push(fn)
  globalThis.cancelAnimationFrame = (handle) => {
    if (due[handle - 1]) due[handle - 1] = () => {}
  }
  return {
    runFrame() {
      const now = due
      due = []
      now.forEach((fn) => fn(performance.now()))
    },
  }
}

// Progress overhead: 100,000 runtime events through normalisation and useUpload's reactive state.
// Prints the cost per event against a bare listener on the same runtime, and how many reactive
// writes of `progress` happen per animation frame (target: at most 1).
import { fileURLToPath } from 'node:url'
import { effectScope, watch } from 'vue'
import { benchRuntime, manualFrames } from './lib/runtime.mjs'

export async function progressBench({ events = 100_000, perFrame = 100 } = {}) {
  const frames = manualFrames()
  const { createUploader, useUpload } = await import('../dist/index.js')
  const { uni, calls } = benchRuntime()
  const uploader = createUploader({ uni, timeout: 0 })

  // Baseline: the same events to a bare listener on the raw task.
  const rawTask = uni.uploadFile({ url: 'x', filePath: 'f', success() {} })
  let seen = 0
  rawTask.onProgressUpdate((event) => (seen += event.progress >= 0 ? 1 : 0))
  const raw = calls.at(-1)
  const events1 = Array.from({ length: events }, (_, i) => ({ progress: ((i + 1) * 100) / events, totalBytesSent: i + 1, totalBytesExpectedToSend: events }))
  let t = performance.now()
  for (let i = 0; i < events; i++) raw.progress(events1[i])
  const bareMs = performance.now() - t

  // Through the library and the composable.
  const scope = effectScope()
  let writesThisFrame = 0
  let maxWritesPerFrame = 0
  let writes = 0
  let hookEvents = 0
  const state = scope.run(() => {
    const upload = useUpload({ url: 'https://example.test/upload', filePath: 'f' }, { uploader })
    watch(upload.progress, () => (writes++, writesThisFrame++), { flush: 'sync' })
    upload.onProgress(() => hookEvents++)
    return upload
  })
  const done = state.execute()
  const call = calls.at(-1)
  t = performance.now()
  for (let i = 0; i < events; i++) {
    call.progress(events1[i])
    if ((i + 1) % perFrame === 0) {
      frames.runFrame()
      maxWritesPerFrame = Math.max(maxWritesPerFrame, writesThisFrame)
      writesThisFrame = 0
    }
  }
  const libraryMs = performance.now() - t
  call.succeed()
  await done
  scope.stop()
  return {
    events,
    frames: events / perFrame,
    bareNsPerEvent: (bareMs * 1e6) / events,
    libraryNsPerEvent: (libraryMs * 1e6) / events,
    hookEvents,
    stateWrites: writes,
    maxWritesPerFrame,
    finalProgress: state.progress.value,
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await progressBench())

// Queue cost per item at 1,000 and 10,000 items (ratio near 1 means linear): every item runs
// through createUploadQueue with concurrency 3 against an in-process runtime that reports two
// progress events and succeeds on the next microtask.
import { fileURLToPath } from 'node:url'
import { benchRuntime, manualFrames } from './lib/runtime.mjs'

async function runQueue(count) {
  const frames = manualFrames()
  const { createUploader, createUploadQueue } = await import('../dist/index.js')
  const { uni } = benchRuntime({ autoSucceed: true, events: 2 })
  const queue = createUploadQueue({ url: 'https://example.test/upload', concurrency: 3 }, createUploader({ uni, timeout: 0 }))
  const paths = Array.from({ length: count }, (_, i) => `file-${i}`)
  const t = performance.now()
  queue.add(paths)
  while (queue.counts.value.success < count) {
    await new Promise((resolve) => setImmediate(resolve))
    frames.runFrame()
  }
  return performance.now() - t
}

export async function queueBench() {
  await runQueue(1000) // warm-up
  const small = await runQueue(1000)
  const large = await runQueue(10000)
  return { usPerItemAt1k: (small * 1000) / 1000, usPerItemAt10k: (large * 1000) / 10000, ratio: large / 10 / small }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await queueBench())

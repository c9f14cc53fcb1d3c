// Resumable uploads in real Chromium, against the playground's real tus server (@tus/server +
// @tus/file-store on loopback), through the built playground's bench page (pages/bench/resumable):
//   link      32 MB through uploadResumable (default chunk size) over uploader.upload of the same
//             file, on a CDP-emulated 40 Mbit/s uplink (20 ms latency) — what a user on a phone
//             feels; target <= 1.10
//   overhead  unthrottled, uploadResumable over a minimal tus client written in the page (the same
//             chunks, the page's XHR): the library's own cost; target <= 1.10
//   heap      peak JS heap (CDP Runtime.getHeapUsage, sampled every 10 ms, after a forced GC)
//             while uploadResumable sends a 256 MB Blob, over the heap before it; target: no more
//             than one chunk (8 MiB)
// Rounds interleave the series in rotating order; each ratio (trimmed means, 95% bootstrap
// interval over paired rounds: bench/lib/stats.mjs) is reported beside its noise floor (the
// baseline series measured twice, the same way), and a target is called met or missed only when
// the ratio's interval is clear of it and the noise floor's interval holds 1.
//   node bench/resumable.mjs [linkRounds] [overheadRounds]     (npm run bench runs it too)
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPlayground, outputDir } from '../playground/scripts/build.mjs'
import { startServer } from '../playground/server/index.mjs'
import { launchBrowser } from '../e2e/lib/browser.mjs'
import { bootstrapRatio, trimmedMean, verdict } from './lib/stats.mjs'

const MiB = 1024 * 1024
const TARGET = 1.1
const CHUNK = 8 * MiB
const LINK = { bytesPerSecond: 40e6 / 8, latency: 20 }

const DROP = 0.1 // the slowest 10% of each series: stalls of a loaded machine (bench/lib/stats.mjs)

/**
 * `res` over `base` and, as the noise floor, `ctl` (the baseline measured again) over `base`,
 * each a trimmed-mean ratio with a 95% bootstrap interval over paired rounds. The target is
 * called met or missed only when the ratio's interval is clear of it and the noise floor's holds
 * 1 (else the setup finds differences where there are none: bench/lib/stats.mjs verdict).
 */
export function compare(res, base, ctl, target) {
  const ratio = bootstrapRatio(res, base, { fraction: DROP })
  const noise = bootstrapRatio(ctl, base, { fraction: DROP, seed: 2 })
  const floorHolds = noise.low <= 1 && noise.high >= 1
  const words = {
    under: 'met',
    over: 'MISSED',
    inconclusive: floorHolds ? 'no call: the interval spans the target' : 'no call: the noise floor is off 1, so this run cannot be trusted',
  }
  const call = words[verdict(ratio, target, noise)]
  const range = (r) => `${r.ratio.toFixed(3)} (95% ${r.low.toFixed(3)}–${r.high.toFixed(3)})`
  return { ratio, noise, call, line: `${range(ratio)}; noise floor ${range(noise)}; target <= ${target}: ${call}` }
}

async function openBench(browser, url, query) {
  const context = await browser.newContext({ viewport: { width: 480, height: 800 } })
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e?.message || e)))
  await page.goto(`${url}/#/pages/bench/resumable?${new URLSearchParams(query)}`)
  await page.locator('[data-testid=bench-setup][data-ready=true]').waitFor({ timeout: 60000 })
  const cdp = await context.newCDPSession(page)
  return { context, page, cdp, errors }
}

/** Clicks Run and waits for the page's result; `during` runs meanwhile (until it resolves). */
async function runBench({ page, errors }, { timeout, during } = {}) {
  const result = page.locator('[data-testid=bench-result]')
  await page.locator('[data-testid=bench-run]').click()
  const finished = page.waitForFunction(
    () => ['done', 'failed'].includes(document.querySelector('[data-testid=bench-result]')?.getAttribute('data-state') ?? ''),
    null,
    { timeout, polling: 200 },
  )
  const sampled = during ? during(finished) : undefined
  await finished
  const attr = (name) => result.getAttribute(`data-${name}`)
  if ((await attr('state')) !== 'done') throw new Error(`resumable bench page failed: ${await attr('error')} ${errors.join('; ')}`)
  return { res: JSON.parse(await attr('res')), base: JSON.parse(await attr('base')), ctl: JSON.parse(await attr('ctl')), sampled: await sampled }
}

/** Polls the page's used JS heap until `finished` settles; resolves to the highest sample. */
async function sampleHeap(cdp, finished) {
  let done = false
  finished.then(
    () => (done = true),
    () => (done = true),
  )
  let peak = 0
  let samples = 0
  while (!done) {
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    peak = Math.max(peak, usedSize)
    samples++
    await new Promise((r) => setTimeout(r, 10))
  }
  return { peak, samples }
}

export async function resumableBench({ linkRounds = 6, overheadRounds = 12, size = 32 * MiB, heapSize = 256 * MiB } = {}) {
  if (!existsSync(path.join(outputDir, 'index.html'))) await buildPlayground({ quiet: true })
  const server = await startServer({ root: outputDir, port: 0, host: '127.0.0.1' })
  let chrome
  const lines = []
  const mb = (b) => `${(b / MiB).toFixed(1)} MB`
  const ms = (x) => `${x.toFixed(0).padStart(6)} ms`
  try {
    chrome = await launchBrowser()

    // 1. the link a user feels: CDP throttles the page's uplink
    const link = await openBench(chrome.browser, server.url, { mode: 'link', n: linkRounds, size, warmup: 0 })
    await link.cdp.send('Network.enable')
    await link.cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LINK.latency,
      uploadThroughput: LINK.bytesPerSecond,
      downloadThroughput: LINK.bytesPerSecond,
    })
    const l = await runBench(link, { timeout: linkRounds * 3 * 60000 })
    await link.context.close()
    const lv = compare(l.res, l.base, l.ctl, TARGET)
    const rate = (xs) => `${(size / MiB / (trimmedMean(xs, DROP) / 1000)).toFixed(2)} MB/s`
    lines.push(
      `40 Mbit/s uplink (${LINK.latency} ms latency), ${mb(size)}, ${l.res.length} rounds:`,
      `  uploadResumable       mean ${ms(trimmedMean(l.res, DROP))}   ${rate(l.res)}`,
      `  uploader.upload       mean ${ms(trimmedMean(l.base, DROP))}   ${rate(l.base)}`,
      `  resumable / upload    ${lv.line}`,
    )

    // 2. the library's own cost: the same tus exchange written by hand in the page
    const over = await openBench(chrome.browser, server.url, { mode: 'overhead', n: overheadRounds, size, warmup: 2 })
    const o = await runBench(over, { timeout: overheadRounds * 3 * 60000 })
    await over.context.close()
    const ov = compare(o.res, o.base, o.ctl, TARGET)
    lines.push(
      `unthrottled loopback, ${mb(size)}, ${o.res.length} rounds:`,
      `  uploadResumable       mean ${ms(trimmedMean(o.res, DROP))}`,
      `  minimal tus client    mean ${ms(trimmedMean(o.base, DROP))}`,
      `  resumable / minimal   ${ov.line}`,
    )

    // 3. peak JS heap for a large Blob: the page holds no chunk in JS (Blob slices go to XHR)
    const heap = await openBench(chrome.browser, server.url, { mode: 'heap', n: 1, size: heapSize, warmup: 0 })
    await heap.cdp.send('HeapProfiler.enable')
    await heap.cdp.send('HeapProfiler.collectGarbage')
    const { usedSize: before } = await heap.cdp.send('Runtime.getHeapUsage')
    const h = await runBench(heap, { timeout: 10 * 60000, during: (finished) => sampleHeap(heap.cdp, finished) })
    await heap.context.close()
    const above = h.sampled.peak - before
    lines.push(
      `peak JS heap, uploadResumable of a ${mb(heapSize)} Blob (${ms(h.res[0]).trim()}, ${h.sampled.samples} samples):`,
      `  before ${mb(before)}, peak ${mb(h.sampled.peak)}: ${mb(above)} above; target <= one chunk (${mb(CHUNK)}): ${above <= CHUNK ? 'met' : 'MISSED'}`,
    )
    return {
      description: `the playground's tus server (@tus/server + @tus/file-store) on loopback, headless system Chromium; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
      lines,
      link: { ...l, ...lv },
      overhead: { ...o, ...ov },
      heap: { before, peak: h.sampled.peak, above, samples: h.sampled.samples },
    }
  } finally {
    await chrome?.close()
    await server.close()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const linkRounds = Number(process.argv[2]) || undefined
  const overheadRounds = Number(process.argv[3]) || undefined
  const r = await resumableBench({ linkRounds, overheadRounds })
  console.log(`Resumable uploads in Chromium (${r.description})`)
  for (const line of r.lines) console.log('  ' + line)
}

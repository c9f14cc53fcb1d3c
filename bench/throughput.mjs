// Throughput in real Chromium: the built playground's bench page (pages/bench) uploads the same
// 2 MB payload N times with raw uni.uploadFile and N times with uploader.upload, and N times with
// raw uni.uploadFile again as the control, to the playground server on a free loopback port. The
// series are interleaved: each round runs one upload of each, in an order that rotates through all
// six, so a slow stretch of the machine falls on every series alike.
//
// The analysis (bench/lib/stats.mjs): each series loses its slowest 10% (stalls of a loaded machine
// add time, never remove it), the ratio is of the means of what is left, and a 95% bootstrap
// interval (2,000 resamples of whole rounds) says how sure that ratio is. The control, raw against
// raw analysed the same way, is the noise floor. The verdict against the target (<= 1.05) is given
// only when the interval is clear of it; otherwise "inconclusive". No page.route: intercepting
// requests slows uploads several-fold (RUNTIME.md); the browser is kept on loopback by its proxy
// flags instead.
//   node bench/throughput.mjs [n]        (npm run bench runs it too)
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPlayground, outputDir } from '../playground/scripts/build.mjs'
import { startServer } from '../playground/server/index.mjs'
import { launchBrowser } from '../e2e/lib/browser.mjs'

import { bootstrapRatio, median, trimmedMean, verdict } from './lib/stats.mjs'

const TARGET = 1.05
/** The slowest fraction of each series that is dropped. */
const DROP = 0.1

/** The printed lines and the figures from the three series of upload times (ms). */
export function analyse({ raw, lib, ctl, size }) {
  const ms = (x) => `${x.toFixed(2).padStart(7)} ms`
  const mbps = (x) => `${(size / 1024 / 1024 / (x / 1000)).toFixed(0)} MB/s`
  const series = (name, xs) => `${name.padEnd(20)}  mean ${ms(trimmedMean(xs, DROP))}   median ${ms(median(xs))}   ${mbps(trimmedMean(xs, DROP))}`
  const range = (r) => `${r.ratio.toFixed(3)}   95% interval ${r.low.toFixed(3)}–${r.high.toFixed(3)}`
  const ratio = bootstrapRatio(lib, raw, { fraction: DROP })
  const noise = bootstrapRatio(ctl, raw, { fraction: DROP, seed: 2 })
  const said = verdict(ratio, TARGET)
  const words = { under: `within target (<= ${TARGET})`, over: `OVER TARGET (${TARGET})`, inconclusive: `inconclusive: the interval spans the target ${TARGET}` }
  return {
    lines: [
      series('raw uni.uploadFile', raw),
      series('uploader.upload', lib),
      series('raw again (control)', ctl),
      `uploader / raw        ${range(ratio)}   ${words[said]}`,
      `raw again / raw       ${range(noise)}   the noise floor: the same call twice`,
    ],
    ratio,
    noise,
    verdict: said,
  }
}

export async function throughputBench({ n = 30, size = 2 * 1024 * 1024, timeout = 180000 } = {}) {
  if (!existsSync(path.join(outputDir, 'index.html'))) await buildPlayground({ quiet: true })
  const server = await startServer({ root: outputDir, port: 0, host: '127.0.0.1' })
  let chrome
  try {
    chrome = await launchBrowser()
    const context = await chrome.browser.newContext({ viewport: { width: 480, height: 800 } })
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e?.message || e)))
    await page.goto(`${server.url}/#/pages/bench/bench?n=${n}&size=${size}`)
    const run = page.locator('[data-testid=bench-run]')
    await run.waitFor()
    // onLoad has applied the query once the card says so
    await page.getByText(`uploaded ${n} times`).first().waitFor()
    await run.click()
    const result = page.locator('[data-testid=bench-result]')
    await page.waitForFunction(
      () => ['done', 'failed'].includes(document.querySelector('[data-testid=bench-result]')?.getAttribute('data-state') ?? ''),
      null,
      { timeout, polling: 250 },
    )
    const attr = (name) => result.getAttribute(`data-${name}`)
    if ((await attr('state')) !== 'done') throw new Error(`bench page failed: ${await attr('error')} ${errors.join('; ')}`)
    const raw = JSON.parse(await attr('raw'))
    const lib = JSON.parse(await attr('lib'))
    const ctl = JSON.parse(await attr('ctl'))
    const load = os.loadavg()[0]
    const analysis = analyse({ raw, lib, ctl, size })
    return {
      description: `${(size / 1024 / 1024).toFixed(1)} MB to the playground server on loopback, ${raw.length} interleaved rounds (raw, uploader, raw again in rotating order), headless system Chromium; slowest ${DROP * 100}% of each series dropped, 95% bootstrap interval over rounds; load average ${load.toFixed(1)} on ${os.cpus().length} CPUs`,
      ...analysis,
      raw,
      lib,
      ctl,
    }
  } finally {
    await chrome?.close()
    await server.close()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2]) || undefined
  const t = await throughputBench({ n })
  console.log(`Throughput in Chromium (${t.description})`)
  for (const line of t.lines) console.log('  ' + line)
}

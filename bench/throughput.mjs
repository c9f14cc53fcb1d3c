// Throughput in real Chromium: the built playground's bench page (pages/bench) uploads the same
// 2 MB payload N times with raw uni.uploadFile and N times with uploader.upload (and N times with
// raw uni.uploadFile again, as a control for the machine's noise), in rounds whose order rotates,
// to the playground server on a free loopback port. Reports median and mean ms per upload and the
// ratio uploader / raw (target <= 1.05) beside the control's ratio raw / raw. No page.route:
// intercepting requests slows uploads several-fold (RUNTIME.md); the browser is kept on loopback
// by its proxy flags instead.
//   node bench/throughput.mjs [n]        (npm run bench runs it too)
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPlayground, outputDir } from '../playground/scripts/build.mjs'
import { startServer } from '../playground/server/index.mjs'
import { launchBrowser } from '../e2e/lib/browser.mjs'

const TARGET = 1.05

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
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
    const rawMedian = Number(await attr('raw-median'))
    const libMedian = Number(await attr('lib-median'))
    const rawMean = Number(await attr('raw-mean'))
    const libMean = Number(await attr('lib-mean'))
    const ratio = libMedian / rawMedian
    // each round ran back to back, so its own ratio cancels slow drifts of the machine's load
    const paired = median(lib.map((x, i) => x / raw[i]))
    const ctlRatio = median(ctl) / rawMedian
    const ctlPaired = median(ctl.map((x, i) => x / raw[i]))
    const load = os.loadavg()[0]
    const ms = (x) => `${x.toFixed(2).padStart(7)} ms`
    const mb = (size / 1024 / 1024).toFixed(1)
    return {
      description: `${mb} MB to the playground server on loopback, ${raw.length} rounds of raw, uploader and raw again in rotating order, headless system Chromium; load average ${load.toFixed(1)} on ${os.cpus().length} CPUs`,
      lines: [
        `raw uni.uploadFile    median ${ms(rawMedian)}   mean ${ms(rawMean)}   ${(size / 1024 / 1024 / (rawMedian / 1000)).toFixed(0)} MB/s`,
        `uploader.upload       median ${ms(libMedian)}   mean ${ms(libMean)}   ${(size / 1024 / 1024 / (libMedian / 1000)).toFixed(0)} MB/s`,
        `uploader / raw        ${ratio.toFixed(3)} by median, ${(libMean / rawMean).toFixed(3)} by mean, ${paired.toFixed(3)} median of the rounds' ratios (target <= ${TARGET})${ratio <= TARGET ? '' : '  ABOVE TARGET'}`,
        `raw again / raw       ${ctlRatio.toFixed(3)} by median, ${(mean(ctl) / rawMean).toFixed(3)} by mean, ${ctlPaired.toFixed(3)} median of the rounds' ratios (the same call twice: the noise floor)`,
      ],
      raw,
      lib,
      ctl,
      ratio,
      paired,
      control: ctlRatio,
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

// Shared e2e setup: the built playground served by playground/server on 127.0.0.1, the system
// Chromium (loopback only), phone-sized pages, and helpers to read the server's side.
import { existsSync, mkdirSync } from 'node:fs'
import { after, before, beforeEach } from 'node:test'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer } from '../../playground/server/index.mjs'
import { launchBrowser } from './browser.mjs'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const distDir = path.join(repoRoot, 'playground', 'dist', 'h5')
export const screenshotDir = path.join(repoRoot, 'e2e', 'screenshots')

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }

const isLoopback = (url) => {
  try {
    const { protocol, hostname } = new URL(url)
    if (protocol === 'data:' || protocol === 'blob:') return true
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'
  } catch {
    return false
  }
}

/** Starts the server and the browser; call close() in after(). */
export async function setup({ port = 0 } = {}) {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error('playground/dist/h5 is missing: run `npm run playground:build` (npm run test:e2e does)')
  }
  mkdirSync(screenshotDir, { recursive: true })
  const server = await startServer({ root: distDir, port }).catch((err) => {
    if (port && err.code === 'EADDRINUSE') return startServer({ root: distDir })
    throw err
  })
  const chrome = await launchBrowser()
  const contexts = new Set()
  /** every request a page made that was not to loopback */
  const outside = []

  async function api(p, init) {
    const res = await fetch(server.url + p, init)
    return res.json()
  }

  const h = {
    url: server.url,
    server,
    browser: chrome.browser,
    blocked: chrome.blocked,
    outside,
    stats: () => api('/stats'),
    /** The server's demo picture (a real PNG), as bytes to upload. */
    demoImage: async () => Buffer.from(await (await fetch(server.url + '/files/demo.png')).arrayBuffer()),
    resetStats: () => api('/reset-stats', { method: 'POST' }),
    /** A fresh phone-sized page on the playground (a hash route may be given; colorScheme 'dark' for the dark theme). */
    async open(route = '/', { colorScheme = 'light' } = {}) {
      const context = await chrome.browser.newContext({ ...PHONE, colorScheme })
      contexts.add(context)
      const page = await context.newPage()
      page.errors = []
      page.on('pageerror', (e) => page.errors.push(String(e?.message || e)))
      page.on('request', (r) => {
        if (!isLoopback(r.url())) outside.push(r.url())
      })
      await page.goto(server.url + '/' + (route === '/' ? '' : `#${route}`))
      await page.locator('uni-page-body').first().waitFor()
      page.cdp = async () => (page._cdp ??= await context.newCDPSession(page))
      return page
    },
    async closePage(page) {
      const context = page.context()
      contexts.delete(context)
      await context.close().catch(() => {})
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {})
      await chrome.close()
      await server.close()
    },
    shot: (page, name, opts = {}) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), ...opts }),
  }
  return h
}

/**
 * One suite's harness, registered on node:test where it is called (inside a `describe`): the server
 * and the browser start before the suite's tests and close after them; `resetStats` zeroes the
 * server's counters before each test. The returned object is filled in once `before` has run, so
 * the suite's own `before` hooks, registered after this call, can already use it.
 */
export function useHarness({ resetStats = false, ...options } = {}) {
  const h = {}
  before(async () => Object.assign(h, await setup(options)))
  after(async () => h.close?.())
  if (resetStats) beforeEach(() => h.resetStats())
  return h
}

/** Throttles the page's network with CDP (bytes per second); `null` lifts it. */
export async function throttle(page, rate) {
  const cdp = await page.cdp()
  await cdp.send('Network.enable')
  await cdp.send(
    'Network.emulateNetworkConditions',
    rate
      ? { offline: false, latency: 10, downloadThroughput: rate, uploadThroughput: rate }
      : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
  )
}

/** Records every value a progress bar takes (data-value), from now on, into window.__bars. */
export async function watchBars(page) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (window)
    w.__bars = {}
    w.__barsObserver?.disconnect()
    const record = (el) => {
      const id = el.getAttribute('data-testid')
      const v = Number(el.getAttribute('data-value'))
      const list = (w.__bars[id] ??= [])
      if (list[list.length - 1] !== v) list.push(v)
    }
    w.__barsObserver = new MutationObserver((muts) => {
      for (const m of muts) {
        if (m.type === 'attributes' && m.target instanceof Element && m.target.matches('[role=progressbar]')) record(m.target)
        for (const n of m.addedNodes ?? []) {
          if (n instanceof Element) n.querySelectorAll('[role=progressbar]').forEach(record)
        }
      }
    })
    w.__barsObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] })
  })
}

export const bars = (page) => page.evaluate(() => /** @type {any} */ (window).__bars ?? {})

/** Clicks `selector` and feeds the file chooser it opens (uni.chooseFile's hidden input). */
export async function chooseFiles(page, selector, files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(selector).click()])
  await chooser.setFiles(files)
}

export const text = (locator) => locator.innerText().then((s) => s.trim())

/** The element with `data-testid=id` on the page. */
export const tid = (page, id) => page.locator(`[data-testid=${id}]`)

export function until(fn, { timeout = 10000, interval = 50, message = 'condition' } = {}) {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = async () => {
      try {
        const v = await fn()
        if (v) return resolve(v)
      } catch {
        // keep polling
      }
      if (Date.now() - started > timeout) return reject(new Error(`timed out waiting for ${message}`))
      setTimeout(tick, interval)
    }
    tick()
  })
}

/** Deterministic bytes for uploads. */
export function bytes(size, seed = 7) {
  const b = Buffer.alloc(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    b[i] = x >>> 24
  }
  return b
}

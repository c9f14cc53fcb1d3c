// Drives the playground into a state that shows everything at once and saves a picture of it:
// four phone screens side by side. Written to e2e/screenshots/playground.png, and to
// docs/playground.png when UPDATE_DOCS_SCREENSHOT=1.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { useHarness, chooseFiles, throttle, bytes, until, repoRoot, screenshotDir, tid } from './lib/harness.mjs'


describe('playground picture', () => {
  const h = useHarness({ port: process.env.UPDATE_DOCS_SCREENSHOT ? 5174 : 0 })

  it('shows uploads, the queue, files[], a download and the three failures', async () => {
    const page = await h.open()
    const phones = []
    const phone = async () => phones.push((await page.screenshot({ type: 'png' })).toString('base64'))

    // a finished upload, then a big one caught half-way on a throttled link
    // a real picture, so its card shows the thumbnail
    const png = await h.demoImage()
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'vacation-photo.png', mimeType: 'image/png', buffer: png }])
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor()
    await throttle(page, 600_000)
    await chooseFiles(page, '[data-testid=upload-choose]', [
      { name: 'screen-recording.mp4', mimeType: 'video/mp4', buffer: bytes(4_200_000, 22) },
    ])
    await until(async () => {
      const v = Number(await page.locator('[data-testid=upload-item]').first().locator('[data-testid=upload-bar]').getAttribute('data-value'))
      return v >= 55 && v <= 75
    }, { timeout: 20000, message: 'the second upload half-way' })
    await page.evaluate(() => window.scrollTo(0, 0))
    await phone()
    await page.locator('[data-testid=upload-item][data-status=success]').nth(1).waitFor({ timeout: 30000 })
    await throttle(page, null)

    // the queue, two at a time: caught with one failed (the switch), one done, two under way
    await throttle(page, 500_000)
    await tid(page, 'queue-fail-next').click()
    await chooseFiles(page, '[data-testid=queue-choose]', [
      { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: bytes(260_000, 41) },
      { name: 'IMG_2042.jpg', mimeType: 'image/jpeg', buffer: bytes(300_000, 42) },
      { name: 'IMG_2043.heic', mimeType: 'image/heic', buffer: bytes(900_000, 43) },
      { name: 'clip-0815.mov', mimeType: 'video/quicktime', buffer: bytes(1_500_000, 44) },
      { name: 'scan-page-3.pdf', mimeType: 'application/pdf', buffer: bytes(420_000, 45) },
    ])
    const queueBar = (name) =>
      page.locator(`[data-testid=queue-item][data-name="${name}"] [data-testid=queue-item-bar]`).getAttribute('data-value').then(Number)
    await until(async () => (await queueBar('IMG_2043.heic')) >= 35 && (await queueBar('clip-0815.mov')) >= 12, {
      timeout: 30000,
      message: 'the queue half-way',
    })
    await tid(page, 'queue-card').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.evaluate(() => window.scrollBy(0, -12))
    await phone()
    await throttle(page, null)
    await until(async () => (await tid(page, 'queue-counts').getAttribute('data-success')) === '4', { timeout: 30000, message: 'the queue to finish' })

    // files[] in one request, and a download
    await chooseFiles(page, '[data-testid=files-choose]', [
      { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: bytes(120_000, 23) },
      { name: 'receipt.png', mimeType: 'image/png', buffer: bytes(64_000, 24) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('uni-uploader\n'.repeat(400)) },
    ])
    await tid(page, 'files-summary').waitFor()
    await tid(page, 'download-start').click()
    await tid(page, 'download-image').waitFor()
    await until(() => tid(page, 'download-image').locator('img').evaluate((i) => i.complete && i.naturalWidth > 0))
    await tid(page, 'files-card').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.evaluate(() => window.scrollBy(0, -12))
    await page.waitForTimeout(100)
    await phone()

    // the three failures
    for (const id of ['timeout', 'http500', 'dropped']) await tid(page, `fail-${id}`).click()
    for (const id of ['timeout', 'http500', 'dropped']) {
      await until(async () => !!(await tid(page, `fail-${id}-result`).getAttribute('data-kind')), { message: id })
    }
    assert.deepEqual(
      await Promise.all(['timeout', 'http500', 'dropped'].map((id) => tid(page, `fail-${id}-result`).getAttribute('data-kind'))),
      ['TimeoutError', 'HTTPError', 'NetworkError'],
      'the picture shows the right error kinds',
    )
    // the last phone in the dark theme (it follows the system's prefers-color-scheme)
    await page.emulateMedia({ colorScheme: 'dark' })
    await tid(page, 'failures-card').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.evaluate(() => window.scrollBy(0, -12))
    await page.waitForTimeout(100)
    await phone()
    await h.shot(page, 'everything', { fullPage: true })
    assert.deepEqual(page.errors, [])

    // four phones side by side
    // drawn at 0.7 scale (1260 × 700 px): the README's picture stays under 300 KB
    const board = await h.browser.newPage({ viewport: { width: 1800, height: 1000 }, deviceScaleFactor: 0.7 })
    await board.setContent(`<!doctype html><html><head><style>
      html, body { margin: 0; }
      body { width: 1800px; height: 1000px; display: flex; flex-direction: column; align-items: center;
        justify-content: center; gap: 28px; font-family: -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif;
        background: #eef4f6; } /* flat: a gradient costs the PNG ~100 KB */
      h1 { margin: 0; font-size: 30px; letter-spacing: -0.02em; color: #0f172a; }
      h1 span { color: #0f766e; }
      p { margin: -18px 0 0; color: #64748b; font-size: 16px; }
      .row { display: flex; gap: 44px; }
      .phone { width: 390px; height: 844px; border-radius: 44px; padding: 10px; background: #0f172a;
        box-shadow: 0 30px 60px rgba(15, 23, 42, 0.25), 0 0 0 1px rgba(255,255,255,0.06) inset; transform: scale(0.92); margin: -34px -16px; }
      .phone img { width: 390px; height: 844px; border-radius: 36px; display: block; }
    </style></head><body>
      <h1><span>uni-uploader</span> playground</h1>
      <p>useUpload · useUploadQueue · files[] in one request · useDownload · typed errors — a uni-app H5 build in Chromium</p>
      <div class="row">${phones.map((b) => `<div class="phone"><img src="data:image/png;base64,${b}"></div>`).join('')}</div>
    </body></html>`)
    await board.waitForFunction(() => [...document.images].every((i) => i.complete))
    const out = path.join(screenshotDir, 'playground.png')
    await board.screenshot({ path: out })
    await board.close()
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(path.join(repoRoot, 'docs'), { recursive: true })
      copyFileSync(out, path.join(repoRoot, 'docs', 'playground.png'))
    }
    await h.closePage(page)
  })
})

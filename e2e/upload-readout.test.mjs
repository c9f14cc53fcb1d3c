// What an upload card reads while it runs, in real Chromium: "Waiting for the server…" once the
// body is sent (shown, announced, and no 100% before success or after an abort), speed and time
// left while bytes go up, and an image's thumbnail (the picked file, then the server's copy).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { useHarness, chooseFiles, throttle, bytes, text, until, tid } from './lib/harness.mjs'

const item = (page) => page.locator('[data-testid=upload-item]').first()
const inItem = (page, id) => item(page).locator(`[data-testid=${id}]`)

describe('upload readout in the built playground', () => {
  const h = useHarness({ resetStats: true })

  it('Slow link: a 3 MB upload reads "Waiting for the server…" (shown and announced); aborted, it does not read 100%', async () => {
    const page = await h.open()
    await tid(page, 'speed-slow').click() // the server reads the body at 256 KB/s
    await chooseFiles(page, '[data-testid=upload-choose]', [
      { name: 'three-megs.bin', mimeType: 'application/octet-stream', buffer: bytes(3_000_000, 61) },
    ])
    await inItem(page, 'upload-waiting').waitFor({ timeout: 20000 })
    assert.equal(await text(inItem(page, 'upload-waiting')), 'Waiting for the server…')
    assert.equal(await item(page).getAttribute('data-status'), 'transferring')
    assert.equal(await inItem(page, 'upload-progress').count(), 0, 'no percent while waiting')
    const bar = inItem(page, 'upload-bar')
    assert.ok(Number(await bar.getAttribute('data-value')) <= 99, 'the bar holds below 100')
    assert.equal(await bar.getAttribute('aria-valuetext'), 'all sent, waiting for the server')
    assert.equal(await bar.getAttribute('aria-label'), 'Upload of three-megs.bin')
    const live = inItem(page, 'upload-live')
    assert.equal(await live.getAttribute('aria-live'), 'polite')
    assert.equal(await live.textContent(), 'three-megs.bin: all sent, waiting for the server')
    const served = (await h.stats()).requests.find((r) => r.path === '/upload')
    console.log(`waiting shown with ${served?.bytesIn} of ~3000000 bytes read by the server`)
    assert.ok(served && served.outcome === 'pending', 'the server is still reading')
    await h.shot(page, 'upload-waiting')

    await inItem(page, 'upload-abort').click()
    await page.locator('[data-testid=upload-item][data-status=aborted]').waitFor({ timeout: 5000 })
    const pct = await text(inItem(page, 'upload-progress'))
    assert.notEqual(pct, '100%', 'an aborted upload never reads 100%')
    assert.match(pct, /^\d{1,2}%$/)
    assert.equal(await live.textContent(), 'three-megs.bin: aborted')
    // (the server still drains what the OS buffered at 256 KB/s before it sees the reset: upload.test.mjs
    // checks the server's side of an abort)
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('shows speed and time left while the bytes go up, and neither once done', async () => {
    const page = await h.open()
    await throttle(page, 500_000)
    await chooseFiles(page, '[data-testid=upload-choose]', [
      { name: 'two-megs.bin', mimeType: 'application/octet-stream', buffer: bytes(2_000_000, 62) },
    ])
    await inItem(page, 'upload-eta').waitFor({ timeout: 15000 })
    const speed = await text(inItem(page, 'upload-speed'))
    const eta = await text(inItem(page, 'upload-eta'))
    const bps = Number(await inItem(page, 'upload-speed').getAttribute('data-bytes-per-second'))
    console.log(`readout: ${speed} · ${eta} (${Math.round(bps)} B/s measured by the page)`)
    assert.match(speed, /^\d+(\.\d+)? (B|KB|MB)\/s$/)
    assert.match(eta, /^(< 1 s|\d+ s|\d+ min \d+ s) left$/)
    assert.ok(bps > 0 && Number.isFinite(bps))
    assert.ok(Number(await inItem(page, 'upload-eta').getAttribute('data-seconds')) > 0)
    await throttle(page, null)
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor({ timeout: 30000 })
    assert.equal(await inItem(page, 'upload-speed').count(), 0)
    assert.equal(await inItem(page, 'upload-eta').count(), 0)
    assert.equal(await text(inItem(page, 'upload-progress')), '100%')
    await h.closePage(page)
  })

  it("an image shows its thumbnail: the picked file, then the server's stored copy", async () => {
    const page = await h.open()
    const png = await h.demoImage()
    await throttle(page, 150_000)
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'demo.png', mimeType: 'image/png', buffer: png }])
    const thumb = inItem(page, 'upload-thumb')
    await thumb.waitFor()
    assert.match(await thumb.getAttribute('data-src'), /^blob:/, 'the picked file while it goes up')
    await throttle(page, null)
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor({ timeout: 30000 })
    const stored = (await h.stats()).files.find((f) => f.filename === 'demo.png')
    assert.equal(await thumb.getAttribute('data-src'), `${h.url}/files/${stored.id}`, "the server's copy once stored")
    await until(() => thumb.locator('img').evaluate((i) => i.complete && i.naturalWidth > 0 && i.src.includes('/files/')), {
      message: 'the thumbnail to load',
    })
    assert.ok((await h.stats()).requests.some((r) => r.path === `/files/${stored.id}`), 'the page fetched the stored file')

    // a file that is not an image keeps its extension badge
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi\n') }])
    await page.locator('[data-testid=upload-item][data-status=success]').nth(1).waitFor()
    assert.equal(await inItem(page, 'upload-thumb').count(), 0)
    assert.equal(await text(item(page).locator('.badge')), 'TXT')
    // bytes named .jpg that cannot be drawn: the badge, not an empty square
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: bytes(5000, 63) }])
    await page.locator('[data-testid=upload-item][data-status=success]').nth(2).waitFor()
    await until(async () => (await inItem(page, 'upload-thumb').count()) === 0, { message: 'the broken thumbnail to give way' })
    assert.equal(await text(item(page).locator('.badge')), 'JPG')
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })
})

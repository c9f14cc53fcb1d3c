// Uploads through the built playground in real Chromium, checked on the server's side.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { useHarness, chooseFiles, throttle, watchBars, bars, bytes, text, until } from './lib/harness.mjs'

const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex')
const uploadsOf = (stats) => stats.requests.filter((r) => r.path === '/upload')
const item = (page, n = 0) => page.locator('[data-testid=upload-item]').nth(n)
const inItem = (page, id, n = 0) => item(page, n).locator(`[data-testid=${id}]`)

function assertMultipartHeaders(headers) {
  assert.match(headers['content-type'], /^multipart\/form-data; boundary=\S{8,}$/, 'a boundary the browser made')
  assert.equal(headers.referer, undefined, 'no Referer arrives')
  assert.equal(headers['x-client'], 'uni-uploader-playground', 'the config header (app.use) arrives')
}

/** Progress values a bar took: never down, some in between, 100 at the end. */
function assertRealProgress(values, label, minSteps = 3) {
  assert.ok(values.length > 0, `${label}: progress recorded`)
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `${label}: never goes down (${values})`)
  const between = values.filter((v) => v > 0 && v < 100)
  assert.ok(between.length >= minSteps, `${label}: at least ${minSteps} steps between 0 and 100, got ${values}`)
  assert.equal(values[values.length - 1], 100, `${label}: ends at 100`)
}

describe('upload (useUpload) in the built playground', () => {
  const h = useHarness({ resetStats: true })

  it('uploads a chosen file: the server gets the same bytes, field, form fields and headers', async () => {
    const page = await h.open()
    const buf = bytes(300_000, 1)
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: buf }])
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor({ timeout: 15000 })

    const stats = await h.stats()
    assert.equal(stats.count, 1)
    const [file] = stats.files
    assert.equal(file.field, 'file')
    assert.equal(file.filename, 'photo.jpg')
    assert.equal(file.mimeType, 'image/jpeg')
    assert.equal(file.size, buf.length)
    assert.equal(file.sha256, sha256(buf))

    const reqs = uploadsOf(stats)
    assert.equal(reqs.length, 1, 'one request')
    const [req] = reqs
    assert.equal(req.outcome, 'stored')
    assertMultipartHeaders(req.headers)
    const uploadId = await item(page).getAttribute('data-upload-id')
    assert.equal(req.headers['x-upload-id'], uploadId, 'the call header arrives')
    assert.deepEqual(req.fields, [['source', 'playground'], ['attempt', '1']], 'formData fields, in order')
    assert.deepEqual(stats.uploads[uploadId], { attempts: 1, stored: 1, outcomes: ['stored'] })

    // ...and the page shows what happened
    assert.equal(await text(inItem(page, 'upload-status')), 'success')
    assert.equal(await text(inItem(page, 'upload-progress')), '100%')
    assert.equal(await inItem(page, 'upload-verified').getAttribute('data-verified'), 'true')
    assert.equal(await text(inItem(page, 'upload-response-status')), '200')
    await inItem(page, 'upload-toggle-response').click()
    const headersText = await text(inItem(page, 'upload-response-headers'))
    assert.match(headersText, /x-upload-id\s+up-/i, 'response headers are shown')
    assert.match(headersText, /content-type\s+application\/json/i)
    const body = JSON.parse(await inItem(page, 'upload-response-body').textContent())
    assert.equal(body.requestId, req.id)
    assert.equal(body.files[0].sha256, sha256(buf))
    await h.shot(page, 'upload-success', { fullPage: true })
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('uploads several chosen files, one request each, every byte intact', async () => {
    const page = await h.open()
    const files = [
      { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from uni-uploader\n') },
      { name: 'b.bin', mimeType: 'application/octet-stream', buffer: bytes(150_000, 2) },
      { name: 'résumé 1.pdf', mimeType: 'application/pdf', buffer: bytes(70_000, 3) },
    ]
    await chooseFiles(page, '[data-testid=upload-choose]', files)
    await until(async () => (await page.locator('[data-testid=upload-item][data-status=success]').count()) === 3, {
      message: 'three successful uploads',
    })
    const stats = await h.stats()
    assert.equal(stats.count, 3)
    assert.equal(uploadsOf(stats).length, 3, 'one request per file')
    for (const f of files) {
      const got = stats.files.find((s) => s.filename === f.name)
      assert.ok(got, `${f.name} arrived with its name`)
      assert.equal(got.sha256, sha256(f.buffer), `${f.name} bytes`)
      assert.equal(got.field, 'file')
    }
    for (const r of uploadsOf(stats)) assertMultipartHeaders(r.headers)
    await h.closePage(page)
  })

  it('sends files[] in ONE request with every field name', async () => {
    const page = await h.open()
    const files = [1, 2, 3].map((i) => ({ name: `part-${i}.bin`, mimeType: 'application/octet-stream', buffer: bytes(40_000 * i, 10 + i) }))
    await chooseFiles(page, '[data-testid=files-choose]', files)
    await page.locator('[data-testid=files-summary][data-verified=true]').waitFor({ timeout: 15000 })
    assert.equal(await text(page.locator('[data-testid=files-status]')), 'success')

    const stats = await h.stats()
    const reqs = uploadsOf(stats)
    assert.equal(reqs.length, 1, 'a single request')
    assert.equal(reqs[0].files.length, 3, 'three files in it')
    assertMultipartHeaders(reqs[0].headers)
    assert.deepEqual(Object.fromEntries(reqs[0].fields), { source: 'playground', mode: 'files[]', count: '3' })
    files.forEach((f, i) => {
      const got = stats.files.find((s) => s.field === `file${i + 1}`)
      assert.ok(got, `field file${i + 1}`)
      assert.equal(got.filename, f.name)
      assert.equal(got.sha256, sha256(f.buffer))
      assert.equal(got.requestId, reqs[0].id)
    })
    assert.equal(await text(page.locator('[data-testid=files-request-id]')), String(reqs[0].id))
    await h.shot(page, 'files-one-request', { fullPage: true })
    await h.closePage(page)
  })

  it('reports real progress up to 100 over a throttled link', async () => {
    const page = await h.open()
    await throttle(page, 1_000_000) // ~1 MB/s up and down
    await watchBars(page)
    const buf = bytes(2_500_000, 4)
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'big.bin', mimeType: 'application/octet-stream', buffer: buf }])
    // a screenshot mid-way
    await until(async () => {
      const v = Number(await item(page).locator('[data-testid=upload-bar]').getAttribute('data-value'))
      return v >= 30 && v <= 80
    }, { message: 'progress between 30 and 80' })
    assert.equal(await text(inItem(page, 'upload-status')), 'transferring')
    await h.shot(page, 'upload-progress')
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor({ timeout: 30000 })
    const values = (await bars(page))['upload-bar']
    assertRealProgress(values, 'upload', 5)
    const sent = await text(inItem(page, 'upload-sent'))
    const total = await text(inItem(page, 'upload-total'))
    assert.equal(sent, total, 'bytes sent = total at the end')
    assert.match(total, /^2\.\d\d MB$/)
    const stats = await h.stats()
    assert.equal(stats.files[0].sha256, sha256(buf))
    await throttle(page, null)
    await h.closePage(page)
  })

  it('abort stops the upload, stores nothing, and "Try again" then succeeds', async () => {
    const page = await h.open()
    await throttle(page, 200_000)
    const buf = bytes(2_000_000, 5)
    await chooseFiles(page, '[data-testid=upload-choose]', [{ name: 'abort-me.bin', mimeType: 'application/octet-stream', buffer: buf }])
    await until(async () => Number(await item(page).locator('[data-testid=upload-bar]').getAttribute('data-value')) >= 5, {
      message: 'some progress',
    })
    await inItem(page, 'upload-abort').click()
    await page.locator('[data-testid=upload-item][data-status=aborted]').waitFor({ timeout: 5000 })
    assert.equal(await text(inItem(page, 'upload-error-kind')), 'AbortError')
    assert.match(await text(inItem(page, 'upload-error-msg')), /^uploadFile:fail abort$/)
    await h.shot(page, 'upload-aborted')

    const uploadId = await item(page).getAttribute('data-upload-id')
    const afterAbort = await until(async () => {
      const s = await h.stats()
      const r = uploadsOf(s)[0]
      return r && r.outcome !== 'pending' ? s : undefined
    }, { message: 'the server to notice the abort' })
    assert.equal(afterAbort.count, 0, 'nothing stored')
    assert.equal(uploadsOf(afterAbort)[0].outcome, 'aborted')
    assert.ok(uploadsOf(afterAbort)[0].bytesIn < buf.length, 'the body was cut short')

    await throttle(page, null)
    await inItem(page, 'upload-retry').click()
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor({ timeout: 15000 })
    const stats = await h.stats()
    assert.equal(stats.count, 1)
    assert.equal(stats.files[0].sha256, sha256(buf))
    assert.equal(stats.uploads[uploadId].attempts, 2)
    assert.deepEqual(stats.uploads[uploadId].outcomes, ['aborted', 'stored'])
    assert.deepEqual(uploadsOf(stats)[1].fields, [['source', 'playground'], ['attempt', '2']])
    await h.closePage(page)
  })

  it('made no request outside loopback', () => {
    assert.deepEqual(h.outside, [])
  })
})

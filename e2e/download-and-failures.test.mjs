// Download and the three failure demos of the built playground, in real Chromium.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { useHarness, throttle, watchBars, bars, text, until, tid } from './lib/harness.mjs'

const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex')

describe('download (useDownload) in the built playground', () => {
  const h = useHarness({ resetStats: true })

  it('downloads the demo image with real progress; the page holds the same bytes', async () => {
    const demo = await h.demoImage()
    await h.resetStats()
    const page = await h.open()
    await throttle(page, 300_000)
    await watchBars(page)
    await tid(page, 'download-start').click()
    await until(async () => {
      const v = Number(await tid(page, 'download-bar').getAttribute('data-value'))
      return v >= 25 && v <= 80
    }, { message: 'download progress between 25 and 80' })
    assert.equal(await text(tid(page, 'download-status')), 'transferring')
    await h.shot(page, 'download-progress')
    await tid(page, 'download-sha').and(page.locator('[data-sha256]')).waitFor({ timeout: 20000 })
    await until(async () => (await tid(page, 'download-sha').getAttribute('data-sha256'))?.length === 64, { message: 'page hash' })

    assert.equal(await text(tid(page, 'download-status')), 'success')
    assert.equal(await text(tid(page, 'download-progress')), '100%')
    assert.equal(await tid(page, 'download-sha').getAttribute('data-sha256'), sha256(demo), 'downloaded bytes match')
    assert.equal(Number(await tid(page, 'download-size').getAttribute('data-bytes')), demo.length)
    const values = (await bars(page))['download-bar']
    assert.ok(values.filter((v) => v > 0 && v < 100).length >= 3, `real download progress: ${values}`)
    for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `never goes down: ${values}`)
    assert.equal(values.at(-1), 100)
    assert.equal(await text(tid(page, 'download-written')), await text(tid(page, 'download-total')))

    // the image is really shown
    const natural = await until(
      () => tid(page, 'download-image').locator('img').evaluate((img) => (img.complete ? img.naturalWidth : 0)),
      { message: 'the image to load' },
    )
    assert.equal(natural, 720)
    const stats = await h.stats()
    const got = stats.requests.filter((r) => r.path === '/files/demo.png')
    assert.equal(got.length, 1)
    assert.equal(got[0].bytesOut, demo.length)
    assert.equal(got[0].headers.referer, undefined)
    assert.equal(got[0].headers['x-client'], 'uni-uploader-playground')
    await throttle(page, null)
    await tid(page, 'download-card').scrollIntoViewIfNeeded()
    await h.shot(page, 'download-success')
    await h.closePage(page)
  })

  it('abort stops a download (server-side slow link)', async () => {
    const page = await h.open()
    // CDP throttling delays what Chromium already read; a slow server shows the abort on the wire
    await tid(page, 'speed-slow').click()
    await tid(page, 'download-start').click()
    await until(async () => Number(await tid(page, 'download-bar').getAttribute('data-value')) > 0, { message: 'progress' })
    await tid(page, 'download-abort').click()
    await until(async () => (await text(tid(page, 'download-status'))) === 'aborted', { message: 'aborted' })
    assert.equal(await text(tid(page, 'download-error-kind')), 'AbortError')
    assert.equal(await tid(page, 'download-image').count(), 0)
    const req = await until(async () => {
      const r = (await h.stats()).requests.find((x) => x.path === '/files/demo.png')
      return r?.clientClosed ? r : undefined
    }, { message: 'the server to see the client go' })
    assert.equal(req.query, '?rate=262144')
    assert.ok(req.bytesOut < 600_000, `${req.bytesOut} bytes went out`)
    await h.closePage(page)
  })
})

describe('failure demos in the built playground', () => {
  const h = useHarness({ resetStats: true })

  const result = (page, id) => tid(page, `fail-${id}-result`)
  async function run(page, id) {
    await tid(page, `fail-${id}`).click()
    await until(async () => !!(await result(page, id).getAttribute('data-kind')), { timeout: 15000, message: `${id} to end` })
    return {
      kind: await result(page, id).getAttribute('data-kind'),
      shown: await text(tid(page, `fail-${id}-kind`)),
      errMsg: await text(tid(page, `fail-${id}-errmsg`)),
      status: await result(page, id).getAttribute('data-status'),
      name: await result(page, id).getAttribute('data-name'),
    }
  }

  it('a server that never answers ends in TimeoutError at the timeout', async () => {
    const page = await h.open()
    const t0 = Date.now()
    const r = await run(page, 'timeout')
    const elapsed = Date.now() - t0
    assert.equal(r.kind, 'TimeoutError', `got ${r.kind}: ${r.errMsg}`)
    assert.equal(r.shown, 'TimeoutError')
    assert.equal(r.name, 'TimeoutError', 'error.name')
    assert.equal(r.errMsg, 'uploadFile:fail timeout')
    assert.equal(r.status, 'error')
    assert.ok(elapsed >= 1400 && elapsed < 5000, `ended after ${elapsed} ms (timeout 1500)`)
    const stats = await h.stats()
    const reqs = stats.requests.filter((x) => x.path === '/upload')
    assert.ok(reqs.length >= 1 && reqs.every((x) => x.outcome === 'hang'))
    assert.equal(stats.count, 0)
    await h.closePage(page)
  })

  it('HTTP 500 with validateStatus is an HTTPError carrying the status', async () => {
    const page = await h.open()
    const r = await run(page, 'http500')
    assert.equal(r.kind, 'HTTPError')
    assert.equal(r.name, 'HTTPError', 'error.name')
    assert.equal(r.errMsg, 'uploadFile:fail status 500')
    assert.match(await text(result(page, 'http500')), /status 500/)
    const stats = await h.stats()
    assert.deepEqual(stats.requests.filter((x) => x.path === '/upload').map((x) => x.outcome), ['status:500'])
    assert.equal(stats.count, 0)
    await h.closePage(page)
  })

  it('a connection dropped before any header is a NetworkError', async () => {
    const page = await h.open()
    const r = await run(page, 'dropped')
    assert.equal(r.kind, 'NetworkError')
    assert.equal(r.name, 'NetworkError', 'error.name')
    assert.match(r.errMsg, /^uploadFile:fail/)
    const reqs = (await h.stats()).requests.filter((x) => x.path === '/upload')
    // Chromium resends a POST whose keep-alive connection closed before any response
    assert.ok(reqs.length >= 1 && reqs.every((x) => x.outcome === 'closed'), JSON.stringify(reqs.map((x) => x.outcome)))
    await h.closePage(page)
  })

  it('all three side by side', async () => {
    const page = await h.open()
    // click one after the other (each result box shifts the buttons below it), then wait for all
    for (const id of ['timeout', 'http500', 'dropped']) await tid(page, `fail-${id}`).click()
    for (const id of ['timeout', 'http500', 'dropped']) {
      await until(async () => !!(await result(page, id).getAttribute('data-kind')), { message: `${id} to end` })
    }
    await tid(page, 'failures-card').scrollIntoViewIfNeeded()
    await h.shot(page, 'failures')
    assert.deepEqual(
      await Promise.all(['timeout', 'http500', 'dropped'].map((id) => result(page, id).getAttribute('data-kind'))),
      ['TimeoutError', 'HTTPError', 'NetworkError'],
    )
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('made no request outside loopback', () => {
    assert.deepEqual(h.outside, [])
  })
})

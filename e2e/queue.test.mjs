// The upload queue card (useUploadQueue, concurrency 2) of the built playground, in real
// Chromium over a throttled link, checked on the server's side.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { useHarness, chooseFiles, throttle, watchBars, bars, bytes, until, tid } from './lib/harness.mjs'

const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex')
const row = (page, name) => page.locator(`[data-testid=queue-item][data-name="${name}"]`)

describe('upload queue (useUploadQueue) in the built playground', () => {
  const h = useHarness()
  let page
  before(async () => {
    page = await h.open()
    await tid(page, 'queue-card').scrollIntoViewIfNeeded()
  })

  const counts = async () => {
    const el = tid(page, 'queue-counts')
    const out = {}
    for (const k of ['queued', 'running', 'success', 'error', 'aborted', 'max-running']) out[k] = Number(await el.getAttribute(`data-${k}`))
    return out
  }
  const statusOf = (name) => row(page, name).getAttribute('data-status')
  const progressOf = async (name) => Number(await row(page, name).locator('[data-testid=queue-item-bar]').getAttribute('data-value'))
  const uploadIdOf = (name) => row(page, name).getAttribute('data-upload-id')

  it('pause, two at a time, abort one, one failure, retry failed, clear: the server agrees', async () => {
    const files = [
      { name: 'q1-fails-first.bin', buffer: bytes(420_000, 31) },
      { name: 'q2.bin', buffer: bytes(1_400_000, 32) },
      { name: 'q3-aborted.bin', buffer: bytes(900_000, 33) },
      { name: 'q4.bin', buffer: bytes(380_000, 34) },
      { name: 'q5.txt', buffer: Buffer.from('queued by uni-uploader\n'.repeat(9000)) },
    ].map((f) => ({ ...f, mimeType: 'application/octet-stream' }))
    await h.resetStats()
    await throttle(page, 1_000_000) // ~1 MB/s shared by the uploads in flight
    await watchBars(page)

    // paused: adding starts nothing
    await tid(page, 'queue-pause').click()
    assert.equal(await tid(page, 'queue-pause').getAttribute('data-paused'), 'true')
    await tid(page, 'queue-fail-next').click() // the first upload to start gets HTTP 500
    assert.equal(await tid(page, 'queue-fail-next').getAttribute('data-on'), 'true')
    await chooseFiles(page, '[data-testid=queue-choose]', files)
    await until(async () => (await counts()).queued === 5, { message: '5 queued' })
    await new Promise((resolve) => setTimeout(resolve, 400))
    assert.equal((await counts()).running, 0, 'nothing runs while paused')
    assert.equal((await h.stats()).requests.filter((r) => r.path === '/upload').length, 0, 'nothing reached the server')
    assert.deepEqual(
      await page.locator('[data-testid=queue-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))),
      files.map((f) => f.name),
      'rows in the order added',
    )

    // resume: two at a time; the first fails with HTTP 500 (and the switch turns itself off)
    await tid(page, 'queue-pause').click()
    assert.equal(await tid(page, 'queue-pause').getAttribute('data-paused'), 'false')
    await until(async () => (await statusOf('q1-fails-first.bin')) === 'error', { timeout: 15000, message: 'q1 to fail' })
    assert.equal(await tid(page, 'queue-fail-next').getAttribute('data-on'), 'false')
    const q1Error = row(page, 'q1-fails-first.bin').locator('[data-testid=queue-item-error]')
    assert.equal(await q1Error.getAttribute('data-kind'), 'HTTPError')
    assert.match(await q1Error.innerText(), /uploadFile:fail status 500/)

    // pause while two run: they go on, nothing new starts; abort q3 while its body is going up.
    // (Paused, so that the server's count of requests in flight is exact: an aborted XHR's
    // connection reaches the server as closed a few ms after the abort, and a request the queue
    // started meanwhile would overlap it there, though never in the page.)
    await until(async () => (await statusOf('q3-aborted.bin')) === 'transferring' && (await progressOf('q3-aborted.bin')) >= 5, {
      timeout: 15000,
      message: 'q3 under way',
    })
    await tid(page, 'queue-pause').click()
    await row(page, 'q3-aborted.bin').locator('[data-testid=queue-item-abort]').click()
    await until(async () => (await statusOf('q3-aborted.bin')) === 'aborted', { message: 'q3 aborted' })
    assert.equal(await row(page, 'q3-aborted.bin').locator('[data-testid=queue-item-error]').getAttribute('data-kind'), 'AbortError')
    assert.ok((await progressOf('q3-aborted.bin')) < 100)
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal(await statusOf('q4.bin'), 'queued', 'paused: q4 waits although a slot is free')
    assert.ok((await counts()).running <= 1, 'only q2 may still run')
    assert.equal(await statusOf('q5.txt'), 'queued')
    await tid(page, 'queue-pause').click() // resume

    await until(async () => {
      const c = await counts()
      return c.queued === 0 && c.running === 0 && c.success === 3 ? c : undefined
    }, { timeout: 30000, message: 'the rest to finish' })
    assert.deepEqual(await counts(), { queued: 0, running: 0, success: 3, error: 1, aborted: 1, 'max-running': 2 })
    await h.shot(page, 'queue-failed-and-aborted')

    // retry failed: only q1 goes again, and succeeds
    await throttle(page, null)
    await tid(page, 'queue-retry-failed').click()
    await until(async () => (await statusOf('q1-fails-first.bin')) === 'success', { timeout: 15000, message: 'q1 retried' })
    await until(async () => (await counts()).success === 4, { message: 'counts to catch up' })
    assert.deepEqual(await counts(), { queued: 0, running: 0, success: 4, error: 0, aborted: 1, 'max-running': 2 })
    assert.equal(await statusOf('q3-aborted.bin'), 'aborted', 'retry failed does not touch the aborted one')
    await until(async () => (await tid(page, 'queue-progress').innerText()).trim() === '100%', { message: 'overall 100%' })
    for (const f of files.filter((x) => x.name !== 'q3-aborted.bin')) {
      assert.equal(await progressOf(f.name), 100, `${f.name} at 100`)
    }

    // the server's side
    const stats = await until(async () => {
      const s = await h.stats()
      const ups = s.requests.filter((r) => r.path === '/upload')
      return ups.length === 6 && ups.every((r) => r.outcome !== 'pending') ? s : undefined
    }, { message: 'the server to finish 6 upload requests' })
    const inFlightAtMax = stats.requests
      .filter((r) => stats.maxConcurrentIds.includes(r.id))
      .map((r) => ({ id: r.id, uploadId: r.uploadId, outcome: r.outcome, at: r.at, closedAt: r.closedAt, bytesIn: r.bytesIn }))
    assert.ok(stats.maxConcurrentUploads <= 2, `never more than 2 in flight on the server: ${JSON.stringify(inFlightAtMax)}`)
    assert.equal(stats.maxConcurrentUploads, 2, 'and 2 at once did happen')
    assert.equal(stats.count, 4, 'four files stored')
    for (const f of files.filter((x) => x.name !== 'q3-aborted.bin')) {
      const stored = stats.files.filter((s) => s.filename === f.name)
      assert.equal(stored.length, 1, `${f.name} stored once`)
      assert.equal(stored[0].sha256, sha256(f.buffer), `${f.name} bytes`)
      assert.equal(stored[0].size, f.buffer.length)
      assert.equal(stored[0].uploadId, await uploadIdOf(f.name), `${f.name} under its own upload id`)
    }
    const q1 = stats.uploads[await uploadIdOf('q1-fails-first.bin')]
    assert.deepEqual(q1.outcomes, ['status:500', 'stored'], 'q1: a 500, then stored on retry')
    const q3id = await uploadIdOf('q3-aborted.bin')
    assert.deepEqual(stats.uploads[q3id], { attempts: 1, stored: 0, outcomes: ['aborted'] }, 'q3: cut short, nothing stored')
    const q3req = stats.requests.find((r) => r.uploadId === q3id)
    assert.ok(q3req.bytesIn < files[2].buffer.length, `q3's body was cut (${q3req.bytesIn} bytes)`)
    for (const r of stats.requests.filter((x) => x.path === '/upload')) {
      assert.deepEqual(r.fields, [['source', 'playground'], ['mode', 'queue']])
      assert.equal(r.headers['x-client'], 'uni-uploader-playground', 'the installed config header arrives')
    }

    // progress bars never went backwards within one attempt, and ended at 100
    const seen = await bars(page)
    assert.equal(seen['queue-bar'].at(-1), 100)
    assert.ok(seen['queue-bar'].some((v) => v > 0 && v < 100), `overall progress moved: ${seen['queue-bar']}`)
    await h.shot(page, 'queue-done')

    // clear removes the finished rows
    await tid(page, 'queue-clear').click()
    await until(async () => (await page.locator('[data-testid=queue-item]').count()) === 0, { message: 'rows cleared' })
    assert.deepEqual(await counts(), { queued: 0, running: 0, success: 0, error: 0, aborted: 0, 'max-running': 2 })
    assert.deepEqual(page.errors, [])
  })

  it('made no request outside loopback', () => {
    assert.deepEqual(h.outside, [])
  })
})

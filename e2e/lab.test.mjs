// The playground's failure lab (pages/lab): every edge case in real Chromium, with what the
// server saw of it.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { useHarness, throttle, until } from './lib/harness.mjs'

describe('failure lab in the built playground', () => {
  const h = useHarness({ resetStats: true })
  let page
  before(async () => {
    page = await h.open('/pages/lab/lab')
    await page.locator('[data-testid=lab-run-all]').waitFor()
  })

  /** Clicks a case's Run button and returns its readout once it is done. */
  async function run(id, timeout = 15000) {
    const button = page.locator(`[data-testid=lab-${id}]`)
    await button.scrollIntoViewIfNeeded()
    await button.click()
    const result = page.locator(`[data-testid=lab-${id}-result]`)
    await until(async () => (await result.getAttribute('data-state')) === 'done', { timeout, message: `${id} to end` })
    const attr = (n) => result.getAttribute(`data-${n}`)
    const extra = await attr('extra')
    return {
      kind: await attr('kind'),
      statusCode: (await attr('status-code')) ? Number(await attr('status-code')) : undefined,
      elapsed: Number(await attr('elapsed')),
      events: Number(await attr('events')),
      maxProgress: Number(await attr('max-progress')),
      extra: extra ? JSON.parse(extra) : undefined,
      text: (await result.innerText()).trim(),
    }
  }
  const uploads = async () => (await h.stats()).requests.filter((r) => r.path === '/upload')
  const requestsTo = async (p) => (await h.stats()).requests.filter((r) => r.path === p)
  /** waits until the server has finished with every request of `path` (none pending) */
  const settledOn = (p) =>
    until(async () => {
      const rs = await requestsTo(p)
      return rs.length && rs.every((r) => r.outcome !== 'pending') ? rs : undefined
    }, { message: `the server to finish ${p}` })

  describe('time', () => {
    it('a download that drips past the timeout is a TimeoutError', async () => {
      const r = await run('drip-download-timeout')
      assert.equal(r.kind, 'TimeoutError', r.text)
      assert.ok(r.elapsed >= 1400 && r.elapsed < 5000, `${r.elapsed} ms`)
      const [req] = await requestsTo('/files/random.bin')
      assert.ok(req.bytesOut > 0 && req.bytesOut < 400_000, `data was flowing: ${req.bytesOut} bytes`)
      await until(async () => (await requestsTo('/files/random.bin'))[0].clientClosed, { message: 'the request to be dropped' })
    })

    it('an upload the server reads too slowly is a TimeoutError', async () => {
      // the browser side is throttled too, so the kernel's loopback buffers (megabytes) do not
      // hold a body the server would then take a minute to drain
      await throttle(page, 128_000)
      const r = await run('drip-upload-timeout').finally(() => throttle(page, null))
      assert.equal(r.kind, 'TimeoutError', r.text)
      assert.ok(r.elapsed >= 1400 && r.elapsed < 5000, `${r.elapsed} ms`)
      const [req] = await settledOn('/upload')
      assert.equal(req.outcome, 'aborted', 'the timeout ended the request on the wire')
      assert.equal((await h.stats()).count, 0)
    })

    it('an upload the server never answers is a TimeoutError', async () => {
      const r = await run('hang-upload')
      assert.equal(r.kind, 'TimeoutError', r.text)
      assert.ok(r.elapsed >= 1400 && r.elapsed < 5000, `${r.elapsed} ms`)
      assert.ok((await uploads()).every((x) => x.outcome === 'hang'))
    })

    it('a download the server never answers is a TimeoutError', async () => {
      const r = await run('hang-download')
      assert.equal(r.kind, 'TimeoutError', r.text)
      assert.ok(r.elapsed >= 1400 && r.elapsed < 5000, `${r.elapsed} ms`)
    })

    it('timeout: 0 lets a slow answer through', async () => {
      const r = await run('timeout-zero')
      assert.equal(r.kind, 'success', r.text)
      assert.equal(r.statusCode, 200)
      assert.ok(r.elapsed >= 1900, `${r.elapsed} ms`)
    })
  })

  describe('status', () => {
    for (const code of [413, 500, 502]) {
      it(`${code} with validateStatus is an HTTPError; without, a success with statusCode ${code}`, async () => {
        const strict = await run(`status-${code}-validate`)
        assert.equal(strict.kind, 'HTTPError', strict.text)
        assert.equal(strict.statusCode, code)
        assert.match(strict.text, new RegExp(`uploadFile:fail status ${code}`))
        const plain = await run(`status-${code}-plain`)
        assert.equal(plain.kind, 'success', plain.text)
        assert.equal(plain.statusCode, code)
        const reqs = await uploads()
        assert.deepEqual(reqs.map((x) => x.outcome), [`status:${code}`, `status:${code}`])
        assert.equal((await h.stats()).count, 0)
      })
    }

    it('a 404 download with validateStatus is an HTTPError; a 500 without it a success', async () => {
      const missing = await run('download-404-validate')
      assert.equal(missing.kind, 'HTTPError', missing.text)
      assert.equal(missing.statusCode, 404)
      assert.match(missing.text, /downloadFile:fail status 404/)
      const plain = await run('download-500-plain')
      assert.equal(plain.kind, 'success', plain.text)
      assert.equal(plain.statusCode, 500)
    })
  })

  describe('abort', () => {
    it('abort() before the request exists sends nothing', async () => {
      const r = await run('abort-immediately')
      assert.equal(r.kind, 'AbortError', r.text)
      assert.match(r.text, /uploadFile:fail abort/)
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.deepEqual(await uploads(), [], 'no request reached the server')
    })

    it('abort() during the body: AbortError, the server sees the body cut and stores nothing', async () => {
      await throttle(page, 500_000) // see the drip-upload case
      const r = await run('abort-during-body').finally(() => throttle(page, null))
      assert.equal(r.kind, 'AbortError', r.text)
      assert.ok(r.maxProgress < 100)
      const [req] = await settledOn('/upload')
      assert.equal(req.outcome, 'aborted')
      assert.ok(req.bytesIn < 8_000_000, `${req.bytesIn} bytes arrived`)
      assert.equal((await h.stats()).count, 0)
    })

    it('abort() while waiting for the answer: AbortError, the server sees the client go', async () => {
      const r = await run('abort-waiting')
      assert.equal(r.kind, 'AbortError', r.text)
      assert.equal(r.maxProgress, 99, 'the body had been sent; progress holds at 99 until the call succeeds')
      const reqs = await until(async () => {
        const rs = await uploads()
        return rs.length && rs.every((x) => x.clientClosed) ? rs : undefined
      }, { message: 'the client to close the waiting request' })
      assert.ok(reqs.every((x) => x.outcome === 'hang'))
      assert.equal((await h.stats()).count, 0)
    })

    it('abort() during a download body', async () => {
      const r = await run('abort-download-body')
      assert.equal(r.kind, 'AbortError', r.text)
      const [req] = await until(async () => {
        const rs = await requestsTo('/files/random.bin')
        return rs.length && rs[0].clientClosed ? rs : undefined
      }, { message: 'the server to see the download dropped' })
      assert.ok(req.bytesOut < 2_000_000)
    })
  })

  describe('connection', () => {
    it('an upload reset mid-body is a NetworkError and stores nothing', async () => {
      const r = await run('reset-upload')
      assert.equal(r.kind, 'NetworkError', r.text)
      const reqs = await uploads()
      assert.ok(reqs.length >= 1 && reqs.every((x) => x.outcome === 'reset'), JSON.stringify(reqs.map((x) => x.outcome)))
      assert.equal((await h.stats()).count, 0)
    })

    it('a download reset mid-body is a NetworkError', async () => {
      const r = await run('reset-download')
      assert.equal(r.kind, 'NetworkError', r.text)
      const reqs = await requestsTo('/files/random.bin')
      assert.ok(reqs.length >= 1 && reqs.every((x) => x.outcome === 'reset'))
    })

    it('a download whose connection closes before any header is a NetworkError', async () => {
      const r = await run('close-download')
      assert.equal(r.kind, 'NetworkError', r.text)
    })
  })

  describe('contract', () => {
    it('a Content-Type or Referer in the call header never reaches the server', async () => {
      const r = await run('bad-headers')
      assert.equal(r.kind, 'success', r.text)
      const [req] = await uploads()
      assert.equal(req.outcome, 'stored')
      assert.match(req.headers['content-type'], /^multipart\/form-data; boundary=\S{8,}$/)
      assert.equal(req.headers.referer, undefined)
      assert.deepEqual(req.fields, [['case', 'bad-headers']])
    })

    it('a call without a file is an OptionError and sends nothing', async () => {
      const r = await run('option-error')
      assert.equal(r.kind, 'OptionError', r.text)
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.deepEqual(await uploads(), [])
    })

    it('callback mode returns the task and calls fail and complete once each', async () => {
      const r = await run('callbacks-once')
      assert.equal(r.kind, 'HTTPError', r.text)
      assert.equal(r.statusCode, 500)
      assert.deepEqual(r.extra, { success: 0, fail: 1, complete: 1, returnedTask: true })
    })
  })

  it('every case shows its expected outcome (screenshot)', async () => {
    const results = page.locator('[data-testid$="-result"][data-state=done]')
    const total = await page.locator('[data-testid^="lab-"][data-testid$="-result"]').count()
    assert.equal(await results.count(), total)
    const bad = await page.locator('[data-testid$="-result"][data-ok=false]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    await h.shot(page, 'lab', { fullPage: true })
    assert.deepEqual(bad, [], 'cases whose outcome was not the expected one')
    assert.deepEqual(page.errors, [])
  })

  it('made no request outside loopback', () => {
    assert.deepEqual(h.outside, [])
  })
})

// The lab's load run (pages/lab, "Load"): 200 concurrent uploader.upload calls, promise and
// callback mode mixed, faults from a fixed seed, in real Chromium against the local server.
//
// What is counted, and how (see /work/shared/RUNTIME.md): Chromium resends a POST that was reset
// before any response on a reused keep-alive connection, so the server may see a `reset` call
// several times (each attempt reset again, nothing stored) while the page sees one NetworkError.
// A resend could in principle also store a file twice for one call, so stored files are counted
// by the call's X-Upload-Id: the set of ids with a stored file must be exactly the set of calls
// that succeeded, and no stored file may belong to a call that failed.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { useHarness, until } from './lib/harness.mjs'

describe('load: 200 concurrent calls with seeded faults', () => {
  const h = useHarness()
  let page
  before(async () => {
    page = await h.open('/pages/lab/lab')
    await page.locator('[data-testid=load-run]').waitFor()
  })

  it('every call settles once with the class of its fault; timers, XHRs and the server agree', async (t) => {
    await h.resetStats()
    const summary = page.locator('[data-testid=load-summary]')
    await page.locator('[data-testid=load-run]').scrollIntoViewIfNeeded()
    await page.locator('[data-testid=load-run]').click()
    await until(async () => (await summary.getAttribute('data-state')) === 'done', { timeout: 60000, message: 'the load run to end' })
    const attr = async (n) => summary.getAttribute(`data-${n}`)
    const num = async (n) => Number(await attr(n))
    const json = async (n) => JSON.parse(await attr(n))

    const calls = await num('calls')
    const mismatches = await json('mismatches')
    const plan = new Map(await json('plan'))
    const byFault = await json('by-fault')
    t.diagnostic(`settled in ${await num('elapsed')} ms; by fault ${JSON.stringify(byFault)}`)
    assert.equal(calls, 200)
    assert.equal(plan.size, 200)
    assert.deepEqual(mismatches, [], 'every call settled once, with the class its fault calls for')
    assert.equal(await num('settled-once'), calls)
    assert.equal(await num('wrong'), 0)
    for (const fault of ['ok', 'reset', 'status', 'hang', 'abort']) assert.ok(byFault[fault]?.calls >= 10, `the plan has ${fault} calls`)

    // nothing left running in the page
    const timerList = await attr('timer-list')
    assert.equal(await num('timers-left'), 0, `no timer set during the run is still live: ${timerList}`)
    assert.equal(await num('timers-after'), await num('timers-before'), `live timers back to where they were: ${timerList}`)
    assert.equal(await num('xhrs-after'), await num('xhrs-before'), 'XHRs in flight back to where they were')
    assert.ok((await num('timers-before')) >= 0, 'the page counts timers (index.html instrument)')
    t.diagnostic(`timers ${await num('timers-before')} → ${await num('timers-after')} (${await num('timers-left')} left from the run), XHRs ${await num('xhrs-before')} → ${await num('xhrs-after')}, opened and never sent ${await num('xhrs-unsent')}`)

    // the server's side
    const successIds = new Set(await json('success-ids'))
    assert.equal(successIds.size, await num('successes'))
    assert.equal(successIds.size, await num('expected-successes'))
    const stats = await until(async () => {
      const s = await h.stats()
      const ups = s.requests.filter((r) => r.path === '/upload')
      return ups.every((r) => r.outcome !== 'pending') ? s : undefined
    }, { timeout: 10000, message: 'the server to finish every upload request' })
    const storedIds = new Set(Object.entries(stats.uploads).filter(([, u]) => u.stored > 0).map(([id]) => id))
    assert.deepEqual([...storedIds].sort(), [...successIds].sort(), 'distinct upload ids stored == the calls that succeeded')
    for (const f of stats.files) assert.ok(successIds.has(f.uploadId), `stored file ${f.id} belongs to a call that succeeded (${f.uploadId})`)
    if (stats.count !== successIds.size) t.diagnostic(`${stats.count - successIds.size} duplicate stores from resent requests`)

    // what the server saw of each fault
    const attempts = { reset: 0 }
    for (const [id, fault] of plan) {
      const u = stats.uploads[id]
      if (fault === 'reset') {
        assert.ok(u && u.outcomes.every((o) => o === 'reset'), `${id}: every attempt reset (${u?.outcomes})`)
        attempts.reset += u.attempts
      } else if (fault === 'status') {
        assert.deepEqual(u?.outcomes, ['status:500'], `${id}: one 500`)
      } else if (fault === 'ok') {
        assert.equal(u?.stored, 1, `${id}: stored`)
      } else {
        // hang and abort: nothing stored; an early abort or timeout never reaches the server
        assert.ok(!u || u.stored === 0, `${id}: nothing stored`)
      }
    }
    await page.locator('[data-testid=load-card]').scrollIntoViewIfNeeded()
    await h.shot(page, 'load')
    t.diagnostic(`server: ${stats.count} files stored for ${successIds.size} successes; ${attempts.reset} attempts for ${byFault.reset.calls} reset calls (Chromium resends)`)
    assert.deepEqual(page.errors, [])
  })

  it('made no request outside loopback', () => {
    assert.deepEqual(h.outside, [])
  })
})

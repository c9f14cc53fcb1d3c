// Keyboard operation of the built playground, for real: Tab moves the focus to a control (in
// order, never to a disabled one), the ring shows, and Enter or Space does what a click does.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { useHarness, until, tid } from './lib/harness.mjs'

/** data-testid (or aria-label) of the focused element. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement
    return el?.getAttribute('data-testid') || el?.getAttribute('aria-label') || el?.tagName || ''
  })

/** Presses Tab until the element with `data-testid=id` has the focus; returns the stops passed. */
async function tabTo(page, id, max = 80) {
  const stops = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    stops.push(now)
    if (now === id) return stops
  }
  throw new Error(`Tab never reached ${id}; stops: ${stops.join(' → ')}`)
}

describe('keyboard operation of the built playground', () => {
  const h = useHarness()

  it('index: Tab reaches every control in order; Space and Enter work them; the focus ring shows', async () => {
    const page = await h.open()
    const stops = await tabTo(page, 'open-bench', 40)
    console.log(`tab stops: ${stops.join(' → ')}`)
    for (const id of ['speed-fast', 'speed-slow', 'upload-choose', 'queue-choose', 'queue-pause', 'queue-fail-next', 'files-choose', 'download-start', 'fail-timeout', 'fail-http500', 'fail-dropped', 'open-lab', 'open-bench']) {
      assert.ok(stops.includes(id), `${id} is a tab stop`)
    }
    assert.ok(stops.indexOf('speed-fast') < stops.indexOf('upload-choose') && stops.indexOf('upload-choose') < stops.indexOf('fail-dropped'), 'in reading order')
    for (const id of ['queue-retry-failed', 'queue-abort-all', 'queue-clear']) {
      assert.ok(!stops.includes(id), `${id} is disabled and not a tab stop`)
      assert.equal(await tid(page, id).getAttribute('aria-disabled'), 'true')
    }

    // Space on the Slow link segment
    await tid(page, 'speed-fast').focus()
    await page.keyboard.press('Tab')
    assert.equal(await focused(page), 'speed-slow')
    const ring = await tid(page, 'speed-slow').evaluate((el) => {
      const s = getComputedStyle(el)
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: el.matches(':focus-visible') }
    })
    assert.deepEqual(ring, { style: 'solid', width: 3, visible: true }, 'a visible focus ring')
    await page.keyboard.press('Space')
    assert.equal(await tid(page, 'speed-slow').getAttribute('aria-pressed'), 'true')
    assert.equal(await tid(page, 'speed-fast').getAttribute('aria-pressed'), 'false')
    await page.keyboard.press('Shift+Tab')
    assert.equal(await focused(page), 'speed-fast')
    await page.keyboard.press('Enter')
    assert.equal(await tid(page, 'speed-fast').getAttribute('aria-pressed'), 'true')

    // Space on the switch
    await tabTo(page, 'queue-fail-next')
    assert.equal(await tid(page, 'queue-fail-next').getAttribute('role'), 'switch')
    await page.keyboard.press('Space')
    assert.equal(await tid(page, 'queue-fail-next').getAttribute('aria-checked'), 'true')
    await page.keyboard.press('Space')
    assert.equal(await tid(page, 'queue-fail-next').getAttribute('aria-checked'), 'false')

    // Enter on a failure probe's Run: the request goes out and the result is announced
    await tabTo(page, 'fail-http500')
    await page.keyboard.press('Enter')
    await until(async () => (await tid(page, 'fail-http500-result').getAttribute('data-kind')) === 'HTTPError', { message: 'the HTTP 500 probe' })
    assert.equal(await tid(page, 'fail-http500-live').textContent(), 'HTTP 500: HTTPError')
    assert.equal(await tid(page, 'fail-http500-live').getAttribute('aria-live'), 'polite')

    // Enter on Choose files… opens the chooser; then the item's own buttons are keyboard-reachable
    await tid(page, 'speed-fast').focus()
    await tabTo(page, 'upload-choose')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')])
    await chooser.setFiles([{ name: 'typed.txt', mimeType: 'text/plain', buffer: Buffer.from('chosen with the keyboard\n') }])
    await page.locator('[data-testid=upload-item][data-status=success]').waitFor()
    assert.equal(await tid(page, 'upload-live').textContent(), 'typed.txt: uploaded, bytes verified')
    await tabTo(page, 'upload-toggle-response')
    await page.keyboard.press('Space')
    assert.equal(await tid(page, 'upload-toggle-response').getAttribute('aria-expanded'), 'true')
    await tid(page, 'upload-response-body').waitFor({ state: 'visible' })
    await tabTo(page, 'upload-response-body') // the scrolling body is a tab stop
    await tabTo(page, 'upload-remove')
    assert.equal(await tid(page, 'upload-remove').getAttribute('aria-label'), 'Remove typed.txt')
    await page.keyboard.press('Enter')
    await until(async () => (await page.locator('[data-testid=upload-item]').count()) === 0, { message: 'the item removed' })

    // Enter on the bench link opens the bench page
    await tabTo(page, 'open-bench')
    assert.equal(await tid(page, 'open-bench').getAttribute('role'), 'link')
    await page.keyboard.press('Enter')
    await tid(page, 'bench-run').waitFor()
    assert.match(page.url(), /#\/pages\/bench\/bench$/)
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('lab: the title bar is a heading, its back arrow a named button Enter works', async () => {
    const page = await h.open()
    await tid(page, 'open-lab').click()
    await tid(page, 'lab-run-all').waitFor()
    const head = page.locator('uni-page-head').last()
    assert.equal(await head.locator('.uni-page-head__title').getAttribute('role'), 'heading')
    await page.keyboard.press('Tab')
    assert.equal(await focused(page), 'Back')
    await page.keyboard.press('Tab')
    assert.equal(await focused(page), 'lab-run-all')
    await tabTo(page, 'lab-option-error')
    await page.keyboard.press('Enter')
    await until(async () => (await tid(page, 'lab-option-error-result').getAttribute('data-kind')) === 'OptionError', { message: 'the OptionError case' })
    await page.locator(':focus').evaluate((el) => el.blur())
    await head.locator('.uni-page-head-btn').focus()
    await page.keyboard.press('Enter')
    await tid(page, 'upload-choose').waitFor()
    assert.doesNotMatch(page.url(), /lab/)
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })
})

// Accessibility of every playground page, light and dark: axe-core (a real checker) on pages
// brought into a state that shows every card's parts, failing on any serious or critical
// violation; plus what axe cannot judge: the disabled buttons' text contrast, the title bar's
// font, figures and header names that must not split mid-word.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { useHarness, chooseFiles, bytes, until, tid } from './lib/harness.mjs'
import { checkAccessibility, contrastRatio } from './lib/axe.mjs'

const SCHEMES = ['light', 'dark']

/** Colour and background of an element, the background from the nearest ancestor that paints one. */
const colours = (locator) =>
  locator.evaluate((el) => {
    let bg = 'rgba(0, 0, 0, 0)'
    for (let e = el; e && /rgba\(.*, 0\)$|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor
    return { color: getComputedStyle(el).color, background: bg, opacity: getComputedStyle(el).opacity }
  })

/** Where the lines of an element's text start (the characters after each wrap). */
const lineStarts = (locator) =>
  locator.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    const text = []
    let top = null
    const starts = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange()
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        const rect = range.getClientRects()[0]
        if (rect && node.data[i].trim()) {
          if (top !== null && rect.top > top + 2) starts.push(text.length)
          top = rect.top
        }
        text.push(node.data[i])
      }
    }
    return { text: text.join(''), starts }
  })

describe('accessibility of the built playground (axe-core, light and dark)', () => {
  const h = useHarness()

  for (const scheme of SCHEMES) {
    it(`index page, ${scheme}: no serious or critical violation with every card in use`, async () => {
      const page = await h.open('/', { colorScheme: scheme })
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), scheme === 'dark')
      // empty page first
      assert.deepEqual(await checkAccessibility(page, `index (${scheme}, empty)`), [])

      // a real image, a text file, the queue with a failure, files[], a download, the three failures
      const png = await h.demoImage()
      await chooseFiles(page, '[data-testid=upload-choose]', [
        { name: '旅行照片.png', mimeType: 'image/png', buffer: png },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('uni-uploader\n'.repeat(50)) },
      ])
      await until(async () => (await page.locator('[data-testid=upload-item][data-status=success]').count()) === 2, { message: 'two uploads' })
      await tid(page, 'queue-fail-next').click()
      await chooseFiles(page, '[data-testid=queue-choose]', [
        { name: 'q-a.bin', mimeType: 'application/octet-stream', buffer: bytes(20_000, 1) },
        { name: 'q-b.bin', mimeType: 'application/octet-stream', buffer: bytes(30_000, 2) },
      ])
      await until(async () => (await tid(page, 'queue-counts').getAttribute('data-running')) === '0', { message: 'the queue to finish' })
      await chooseFiles(page, '[data-testid=files-choose]', [
        { name: 'a.bin', mimeType: 'application/octet-stream', buffer: bytes(10_000, 3) },
        { name: 'b.bin', mimeType: 'application/octet-stream', buffer: bytes(12_000, 4) },
      ])
      await tid(page, 'files-summary').waitFor()
      await chooseFiles(page, '[data-testid=resumable-choose]', [
        { name: 'big-video.mp4', mimeType: 'video/mp4', buffer: bytes(300_000, 5) },
      ])
      await until(async () => (await tid(page, 'resumable-status').innerText()).trim() === 'success', { message: 'the resumable upload' })
      await tid(page, 'download-start').click()
      await tid(page, 'download-image').waitFor()
      for (const id of ['timeout', 'http500', 'dropped']) await tid(page, `fail-${id}`).click()
      await until(async () => {
        const kinds = await Promise.all(['timeout', 'http500', 'dropped'].map((id) => tid(page, `fail-${id}-result`).getAttribute('data-kind')))
        return kinds.every(Boolean)
      }, { message: 'the three failures' })
      const item = page.locator('[data-testid=upload-item]').last() // the image (added first, shown last)
      await item.locator('[data-testid=upload-toggle-response]').click()
      await page.waitForTimeout(200) // the bar's width transition
      assert.deepEqual(await checkAccessibility(page, `index (${scheme}, every card in use)`), [])

      // disabled buttons keep their text readable (axe skips disabled controls)
      const disabled = tid(page, 'queue-retry-failed')
      await tid(page, 'queue-retry-failed').click() // nothing failed any more once retried
      await until(async () => (await disabled.getAttribute('aria-disabled')) === 'true', { message: 'Retry failed disabled' })
      const c = await colours(disabled)
      const ratio = contrastRatio(c.color, c.background)
      console.log(`disabled button (${scheme}): ${c.color} on ${c.background}, opacity ${c.opacity}: ${ratio.toFixed(2)}:1`)
      assert.equal(c.opacity, '1')
      assert.ok(ratio >= 4.5, `disabled text contrast ${ratio.toFixed(2)} >= 4.5`)

      // header names break at hyphens, never inside a word that fits a line
      const keys = item.locator('[data-testid=upload-response-headers] .k')
      for (const k of await keys.all()) {
        const { text, starts } = await lineStarts(k)
        for (const at of starts) assert.match(text[at - 1], /[-\s]/, `"${text}" wraps at ${at}, inside a word`)
      }
      assert.ok(
        (await keys.allInnerTexts()).includes('access-control-allow-origin'),
        'the long header name is there to be checked',
      )
      // figures with units stay on one line
      for (const n of await page.locator('.num').all()) {
        if (!(await n.isVisible())) continue
        assert.equal(await n.evaluate((el) => el.getClientRects().length), 1, `"${await n.innerText()}" on one line`)
      }
      // the CJK file name is drawn (the stack names CJK faces after the Latin ones)
      assert.match(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /PingFang SC.*Microsoft YaHei.*Noto Sans CJK SC.*sans-serif/)
      await h.shot(page, `a11y-index-${scheme}`, { fullPage: true })
      assert.deepEqual(page.errors, [])
      await h.closePage(page)
    })

    it(`lab page, ${scheme}: no serious or critical violation; the title bar uses the app's fonts`, async () => {
      const page = await h.open('/pages/lab/lab', { colorScheme: scheme })
      await tid(page, 'lab-run-all').waitFor()
      const headFont = await page.locator('uni-page-head').evaluate((el) => getComputedStyle(el.querySelector('.uni-page-head__title') ?? el).fontFamily)
      assert.doesNotMatch(headFont, /Times/, 'the title bar is not in the browser default serif')
      assert.match(headFont, /PingFang SC/)
      for (const id of ['status-500-validate', 'status-500-plain', 'option-error']) {
        await tid(page, `lab-${id}`).click()
        await until(async () => (await tid(page, `lab-${id}-result`).getAttribute('data-state')) === 'done', { message: id })
      }
      assert.deepEqual(await checkAccessibility(page, `lab (${scheme})`), [])
      await h.shot(page, `a11y-lab-${scheme}`)
      assert.deepEqual(page.errors, [])
      await h.closePage(page)
    })

    it(`bench page, ${scheme}: no serious or critical violation; figures stay whole`, async () => {
      const page = await h.open('/pages/bench/bench?n=2&size=20000&warmup=0', { colorScheme: scheme })
      await tid(page, 'bench-run').click()
      await until(async () => (await tid(page, 'bench-result').getAttribute('data-state')) === 'done', { message: 'the bench run' })
      assert.deepEqual(await checkAccessibility(page, `bench (${scheme})`), [])
      for (const n of await tid(page, 'bench-result').locator('.num').all()) {
        assert.equal(await n.evaluate((el) => el.getClientRects().length), 1, `"${await n.innerText()}" on one line`)
      }
      await h.shot(page, `a11y-bench-${scheme}`)
      assert.deepEqual(page.errors, [])
      await h.closePage(page)
    })
  }

  it('made no request outside loopback', () => {
    assert.deepEqual(h.outside, [])
  })
})

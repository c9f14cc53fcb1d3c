// The accessibility check: axe-core (a devDependency) injected into a page and run there.
import { createRequire } from 'node:module'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const BLOCKING = new Set(['serious', 'critical'])

/**
 * Runs axe on the page as it is now, prints every violation (any impact) under `label`, and
 * returns the serious and critical ones (a test fails on those).
 */
export async function checkAccessibility(page, label) {
  if (!(await page.evaluate(() => typeof (/** @type {any} */ (window).axe) === 'object'))) {
    await page.addScriptTag({ path: axePath })
  }
  const result = await page.evaluate(() => /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] }))
  const found = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`),
  }))
  console.log(
    `axe ${label}: ${result.passes.length} rules passed, ${found.length} violated` +
      found.map((v) => `\n  ${v.impact} ${v.id} ×${v.nodes.length}: ${v.help}\n    ${v.nodes.slice(0, 3).join('\n    ')}`).join(''),
  )
  return found.filter((v) => BLOCKING.has(v.impact))
}

/** WCAG contrast ratio of two CSS colours as getComputedStyle gives them ("rgb(…)"/"rgba(…)", opaque). */
export function contrastRatio(fg, bg) {
  const lum = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number)
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a)
  return (hi + 0.05) / (lo + 0.05)
}

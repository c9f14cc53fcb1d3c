import { pressOnKey, syncPressable } from '../directives/pressable'

/**
 * uni draws the title bar of a page with a navigation bar (lab, bench) itself: its back arrow is
 * a <div> with a click handler and its title plain text. Give them what v-pressable gives our own
 * controls (a role, a tab stop, Enter/Space) plus a name, and make the title the page's heading.
 * Idempotent; call it when the page is ready.
 */
export function makePageHeadAccessible(): void {
  if (typeof document === 'undefined') return
  document.querySelectorAll<HTMLElement>('uni-page-head').forEach((head) => {
    head.setAttribute('role', 'banner')
    const title = head.querySelector<HTMLElement>('.uni-page-head__title')
    if (title) {
      title.setAttribute('role', 'heading')
      title.setAttribute('aria-level', '1')
    }
    const back = head.querySelector<HTMLElement>('.uni-page-head-btn')
    if (back && !back.hasAttribute('aria-label')) {
      back.setAttribute('aria-label', 'Back')
      syncPressable(back, 'button')
      back.addEventListener('keydown', pressOnKey)
      back.addEventListener('keyup', pressOnKey)
    }
  })
}

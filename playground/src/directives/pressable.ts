import type { Directive } from 'vue'

// uni's H5 <button> renders <uni-button> and <view @click> renders <uni-view>: neither is
// focusable nor reacts to keys. v-pressable gives such an element what a native button has:
// a role, a place in the Tab order (none while disabled), and Enter/Space doing a click.
//   <button v-pressable …>            role "button"
//   <view v-pressable:switch …>       role "switch" (bind aria-checked yourself)
//   <text v-pressable:link …>         role "link"

const ACTIVATING_KEYS = new Set(['Enter', ' ', 'Spacebar'])

/** The same check uni-button makes before it lets a click through (a `disabled` attribute). */
const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'

/** Role, tab stop and aria-disabled from the element's current disabled state. */
export function syncPressable(el: HTMLElement, role: string): void {
  if (el.getAttribute('role') !== role) el.setAttribute('role', role)
  const disabled = isDisabled(el)
  el.setAttribute('tabindex', disabled ? '-1' : '0')
  if (disabled) el.setAttribute('aria-disabled', 'true')
  else el.removeAttribute('aria-disabled')
}

/**
 * Enter or Space on a pressable element clicks it, as on a native button: once, when the key
 * comes up (a held key repeats keydown but not keyup); keydown only keeps Space from scrolling.
 */
export function pressOnKey(event: KeyboardEvent): void {
  if (!ACTIVATING_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return
  const el = event.currentTarget as HTMLElement
  event.preventDefault()
  if (event.type !== 'keyup' || isDisabled(el)) return
  el.click()
}

export const vPressable: Directive<HTMLElement> = {
  mounted(el, binding) {
    syncPressable(el, binding.arg || 'button')
    el.addEventListener('keydown', pressOnKey)
    el.addEventListener('keyup', pressOnKey)
  },
  // runs after the element's own component re-rendered, so a new `disabled` is already there
  updated(el, binding) {
    syncPressable(el, binding.arg || 'button')
  },
  unmounted(el) {
    el.removeEventListener('keydown', pressOnKey)
    el.removeEventListener('keyup', pressOnKey)
  },
}

// registered app-wide in main.ts; this tells vue-tsc about `v-pressable` in templates
declare module 'vue' {
  interface ComponentCustomProperties {
    vPressable: typeof vPressable
  }
}

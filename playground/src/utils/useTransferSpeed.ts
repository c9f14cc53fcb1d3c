import { computed, shallowRef, watch } from 'vue'
import type { Ref } from 'vue'
import { addSample, bytesPerSecond, secondsLeft } from './speed'
import type { Sample } from './speed'

/**
 * Speed (bytes/s) and seconds left of the transfer whose bytes are `sent` of `expected`,
 * sampled on every change of `sent` while `active`; reset when a new run starts.
 */
export function useTransferSpeed(
  sent: Readonly<Ref<number | undefined>>,
  expected: Readonly<Ref<number | undefined>>,
  active: Readonly<Ref<boolean>>,
) {
  const samples = shallowRef<Sample[]>([])
  // a run starts at 0 bytes now: the first event then already gives a speed
  watch(active, (on) => (samples.value = on ? [{ at: performance.now(), bytes: 0 }] : []), { immediate: true })
  watch(sent, (bytes) => {
    if (active.value && bytes != null) samples.value = addSample(samples.value, { at: performance.now(), bytes })
  })
  const speed = computed(() => bytesPerSecond(samples.value))
  const left = computed(() => secondsLeft(sent.value ?? 0, expected.value, speed.value))
  return { speed, secondsLeft: left }
}

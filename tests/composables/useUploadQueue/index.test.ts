/**
 * `useUploadQueue(options?, useOptions?)` (src/composables/useUploadQueue/index.ts): the queue engine bound to
 * the calling scope. What the engine does (order, concurrency, progress, counts, retry, clear, …)
 * is tested in queue.test.ts; here: which instance it uses (`useOptions.uploader`, the one the app
 * installed, else the default: `useOptions.uploader`), that disposing the scope aborts everything, and a real component
 * that renders the items with v-for and follows them in the DOM.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, effectScope, h, nextTick } from 'vue'
import { AbortError, createUploader, OptionError, useUploadQueue } from '../../../src/index'
import type { UploadQueueOptions } from '../../../src/types'
import { createFakeUni, installFakeUni, type FakePlatform } from '../../helpers/fake-uni'

const URL_UP = 'https://api.test/upload'

/** A fake runtime and an independent instance on it. */
function instance(platform: FakePlatform = 'mp-weixin', baseURI?: string) {
  const fake = createFakeUni({ platform })
  return { fake, up: createUploader({ uni: fake.uni, baseURI }) }
}

/** useUploadQueue in an effect scope (no component). */
function scoped(options: UploadQueueOptions = {}, platform: FakePlatform = 'mp-weixin') {
  const { fake, up } = instance(platform)
  const scope = effectScope()
  const q = scope.run(() => useUploadQueue({ url: URL_UP, ...options }, { uploader: up }))!
  return { fake, up, scope, q }
}

const frame = () => vi.advanceTimersToNextFrame()

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('which instance it uses', () => {
  it('`useOptions.uploader`', () => {
    const { fake, q } = scoped()
    q.add('/tmp/a')
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options.filePath).toBe('/tmp/a')
  })

  it('the instance the app installed with app.use(createUploader(…))', () => {
    const { fake, up } = instance('mp-weixin', 'https://api.test/v2')
    let queue!: ReturnType<typeof useUploadQueue>
    mount(
      defineComponent({
        setup() {
          queue = useUploadQueue({ url: '/upload' })
          return () => null
        },
      }),
      { global: { plugins: [up] } },
    )
    queue.add('/tmp/a')
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().url).toBe('https://api.test/v2/upload')
  })

  it('the instance given in app.use(plugin, config) config is merged in', () => {
    const { fake, up } = instance()
    let queue!: ReturnType<typeof useUploadQueue>
    const app = createApp({
      setup() {
        queue = useUploadQueue({ url: '/u' })
        return () => null
      },
    })
    app.use(up, { baseURI: 'https://merged.test' })
    app.mount(document.createElement('div'))
    queue.add('/tmp/a')
    expect(fake.last().url).toBe('https://merged.test/u')
    app.unmount()
  })

  it('`useOptions.uploader` wins over the installed one', () => {
    const installed = instance()
    const chosen = instance()
    let queue!: ReturnType<typeof useUploadQueue>
    mount(
      defineComponent({
        setup() {
          queue = useUploadQueue({ url: URL_UP }, { uploader: chosen.up })
          return () => null
        },
      }),
      { global: { plugins: [installed.up] } },
    )
    queue.add('/tmp/a')
    expect(chosen.fake.requests).toHaveLength(1)
    expect(installed.fake.requests).toHaveLength(0)
  })

  it('with no app and no `useOptions.uploader`, the default instance (the global `uni`)', () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const restore = installFakeUni(fake)
    try {
      const scope = effectScope()
      const q = scope.run(() => useUploadQueue({ url: URL_UP }))!
      q.add(['/tmp/a', '/tmp/b'])
      expect(fake.requests.map((r) => r.options.filePath)).toEqual(['/tmp/a', '/tmp/b'])
      scope.stop()
    } finally {
      restore()
    }
  })

  it('concurrency and the upload options are passed to the engine', () => {
    const { fake, q } = scoped({ concurrency: 2, name: 'photo', formData: { a: '1' } })
    q.add(['a', 'b', 'c'])
    expect(fake.requests).toHaveLength(2)
    expect(fake.last().options).toMatchObject({ name: 'photo', formData: { a: '1' } })
    expect(fake.last().options).not.toHaveProperty('uploader')
    expect(fake.last().options).not.toHaveProperty('concurrency')
  })

  it('a bad concurrency is an OptionError naming `concurrency`, and nothing is sent', () => {
    const { fake, up } = instance()
    const scope = effectScope()
    expect(() => scope.run(() => useUploadQueue({ url: URL_UP, concurrency: 0 }, { uploader: up }).add('a'))).toThrow(/concurrency/)
    expect(() => scope.run(() => useUploadQueue({ url: URL_UP, concurrency: 2.5 }, { uploader: up }).add('a'))).toThrow(OptionError)
    expect(fake.requests).toHaveLength(0)
    scope.stop()
  })

  it('the `retry` option works through the composable', () => {
    const { fake, q } = scoped({ retry: { limit: 1, delay: [20] } })
    const [a] = q.add('a')
    fake.last().fail()
    vi.advanceTimersByTime(20)
    expect(fake.requests).toHaveLength(2)
    fake.last().succeed()
    expect(a.status.value).toBe('success')
  })
})

describe('scope disposal aborts everything', () => {
  it('running items are aborted at the runtime, queued ones never sent, all end aborted', () => {
    const { fake, scope, q } = scoped({ concurrency: 2 })
    const items = q.add(['a', 'b', 'c', 'd', 'e'])
    fake.requests[0].succeed() // c starts
    fake.requests[1].progress({ progress: 40 })
    scope.stop()
    expect(fake.requests).toHaveLength(3)
    expect(fake.requests.map((r) => r.aborted)).toEqual([false, true, true])
    expect(items.map((i) => i.status.value)).toEqual(['success', 'aborted', 'aborted', 'aborted', 'aborted'])
    expect(items[1].error.value).toBeInstanceOf(AbortError)
    vi.runAllTimers()
    expect(fake.requests).toHaveLength(3)
    frame()
    expect(q.counts.value).toEqual({ queued: 0, pending: 0, transferring: 0, paused: 0, success: 1, error: 0, aborted: 4 })
    expect(fake.activeListeners()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a paused queue is aborted too', () => {
    const { fake, scope, q } = scoped()
    q.pause()
    const items = q.add(['a', 'b'])
    scope.stop()
    q.resume()
    expect(fake.requests).toHaveLength(0)
    expect(items.map((i) => i.status.value)).toEqual(['aborted', 'aborted'])
  })

  it('unmounting the component aborts its queue', () => {
    const { fake, up } = instance()
    let queue!: ReturnType<typeof useUploadQueue>
    const wrapper = mount(
      defineComponent({
        setup() {
          queue = useUploadQueue({ url: URL_UP, concurrency: 1 }, { uploader: up })
          return () => null
        },
      }),
    )
    const items = queue.add(['a', 'b'])
    wrapper.unmount()
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0].aborted).toBe(true)
    expect(items.map((i) => i.status.value)).toEqual(['aborted', 'aborted'])
  })

  it('outside any scope it works and nothing is registered', () => {
    const { fake, up } = instance()
    const q = useUploadQueue({ url: URL_UP }, { uploader: up })
    const [a] = q.add('a')
    fake.last().succeed()
    expect(a.status.value).toBe('success')
  })
})

describe('a component that renders the queue', () => {
  const List = defineComponent({
    props: { up: { type: Object, required: true } },
    setup(props) {
      const { items, progress, counts, add, clear, abortAll } = useUploadQueue({ url: URL_UP, concurrency: 2 }, { uploader: props.up as any })
      return { items, progress, counts, add, clear, abortAll }
    },
    template: `
      <div>
        <p class="overall">{{ progress }}% · {{ counts.success }} done · {{ counts.queued }} waiting</p>
        <ul>
          <li v-for="item in items" :key="item.id" :data-status="item.status.value">
            {{ item.source }} {{ item.status.value }} {{ item.progress.value }}
            <span v-if="item.error.value" class="error">{{ item.error.value.errMsg }}</span>
          </li>
        </ul>
      </div>`,
  })

  it('renders the items with v-for and follows add, status, progress, counts and clear', async () => {
    const { fake, up } = instance()
    const wrapper = mount(List, { props: { up } })
    const rows = () => wrapper.findAll('li').map((li) => li.text().replace(/\s+/g, ' '))
    expect(rows()).toEqual([])
    ;(wrapper.vm as any).add(['a.png', 'b.png', 'c.png'])
    await nextTick()
    expect(rows()).toEqual(['a.png pending 0', 'b.png pending 0', 'c.png queued 0'])
    frame()
    await nextTick()
    expect(wrapper.find('.overall').text()).toBe('0% · 0 done · 1 waiting')

    fake.requests[0].progress({ totalBytesSent: 30, totalBytesExpectedToSend: 100 })
    await nextTick()
    expect(rows()[0]).toBe('a.png transferring 0') // status at once, progress at the next frame
    frame()
    await nextTick()
    expect(rows()[0]).toBe('a.png transferring 30')
    expect(wrapper.find('.overall').text()).toBe('10% · 0 done · 1 waiting') // 30 / (3 × 100)

    fake.requests[0].succeed()
    fake.requests[1].fail('uploadFile:fail offline')
    frame()
    await nextTick()
    expect(rows()).toEqual(['a.png success 100', 'b.png error 0 uploadFile:fail offline', 'c.png pending 0'])
    expect(wrapper.find('li[data-status="error"] .error').text()).toBe('uploadFile:fail offline')
    expect(wrapper.find('.overall').text()).toBe('33% · 1 done · 0 waiting')

    ;(wrapper.vm as any).clear()
    await nextTick()
    expect(rows()).toEqual(['c.png pending 0'])
    fake.requests[2].succeed()
    frame()
    await nextTick()
    expect(rows()).toEqual(['c.png success 100'])
    expect(wrapper.find('.overall').text()).toBe('100% · 1 done · 0 waiting')
    wrapper.unmount()
    expect(fake.activeListeners()).toBe(0)
  })

  it('one render per frame for many progress events', async () => {
    const { fake, up } = instance()
    let renders = 0
    const Counting = defineComponent({
      setup() {
        const q = useUploadQueue({ url: URL_UP }, { uploader: up })
        return { q }
      },
      render() {
        renders++
        return h(
          'ul',
          this.q.items.value.map((item) => h('li', { key: item.id }, String(item.progress.value))),
        )
      },
    })
    const wrapper = mount(Counting)
    ;(wrapper.vm as any).q.add(['a', 'b', 'c'])
    await nextTick()
    const before = renders
    for (let p = 1; p <= 50; p++) fake.requests.forEach((r) => r.progress({ progress: p }))
    await nextTick()
    expect(renders).toBe(before)
    frame()
    await nextTick()
    expect(renders).toBe(before + 1)
    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['50', '50', '50'])
    wrapper.unmount()
  })
})

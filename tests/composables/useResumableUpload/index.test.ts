/**
 * useResumableUpload in a real component (src/composables/useResumableUpload/index.ts) on the real
 * uploadResumable engine, against the fake tus server and runtime of tests/helpers/fake-tus.ts
 * (mini-program `uni.request` and file reads; H5's XMLHttpRequest). The template shows the state,
 * so each check also proves that the refs unwrap and the DOM follows. The status machine step by
 * step is in state.test.ts.
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick, watch, type PropType } from 'vue'
import { AbortError, useResumableUpload, type ResumableCallOptions, type UseTransferOptions } from '../../../src/index'
import { ENDPOINT, PATH, tus } from '../../resumable/setup'

const Box = defineComponent({
  props: {
    options: { type: Object as PropType<ResumableCallOptions>, required: true },
    useOptions: { type: Object as PropType<UseTransferOptions>, default: () => ({}) },
  },
  setup(props) {
    const state = useResumableUpload(() => props.options, props.useOptions)
    // Every status and offset the state takes, in order, and every progress event.
    const statuses: string[] = [state.status.value]
    const offsets: (number | undefined)[] = []
    const events: any[] = []
    watch(state.status, (value) => void statuses.push(value), { flush: 'sync' })
    watch(state.offset, (value) => void offsets.push(value), { flush: 'sync' })
    state.onProgress((event) => void events.push(event))
    return { ...state, statuses, offsets, events }
  },
  template: `
    <div>
      <span data-t="status">{{ status }}</span>
      <span data-t="progress">{{ progress }}</span>
      <span data-t="sent">{{ totalBytesSent }}</span>
      <span data-t="offset">{{ offset }}</span>
      <span data-t="url">{{ uploadUrl }}</span>
      <span data-t="flags">{{ isTransferring }}/{{ isPaused }}/{{ isFinished }}/{{ isAborted }}</span>
      <span data-t="statusCode">{{ statusCode }}</span>
      <span data-t="error">{{ error ? error.name + ': ' + error.errMsg : '' }}</span>
      <button data-t="start" @click="execute()">start</button>
      <button data-t="pause" @click="pause()">pause</button>
      <button data-t="resume" @click="resume()">resume</button>
      <button data-t="abort" @click="abort()">abort</button>
      <button data-t="terminate" @click="abort({ terminate: true })">terminate</button>
    </div>`,
})

/** A fake tus server and runtime for `platform`, and a mounter for the component on them. */
function setup(platform = 'mp-weixin', size = 1000) {
  const ctx = tus({ platform, size })
  const source = platform == 'web' ? { file: ctx.file } : { filePath: PATH }
  const options: ResumableCallOptions = { endpoint: ENDPOINT, chunkSize: 400, retry: { limit: 5, delay: [0] }, ...source }
  const mountBox = (useOptions: UseTransferOptions = {}) => {
    const wrapper = mount(Box, { props: { options, useOptions }, global: { plugins: [ctx.up] } })
    const vm = wrapper.vm as any
    const text = (name: string) => wrapper.get(`[data-t="${name}"]`).text()
    const click = async (name: string) => {
      await wrapper.get(`[data-t="${name}"]`).trigger('click')
      await nextTick()
    }
    return { wrapper, vm, text, click }
  }
  return { ...ctx, mountBox }
}

/** Waits (real timers) until `check` passes, then renders. */
async function until(check: () => void) {
  await vi.waitFor(check, { timeout: 2000, interval: 2 })
  await nextTick()
}

/** Lets the fake server's timers and the promise callbacks run for a while. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 30))

describe('useResumableUpload in a component, on the real engine', () => {
  it('mp-weixin: idle → pending → transferring → success; the file arrives whole; uploadUrl and offset follow the server', async () => {
    const { server, data, mountBox } = setup()
    const { vm, text, click } = mountBox()
    expect([text('status'), text('progress'), text('offset'), text('url'), text('flags')]).toEqual(['idle', '0', '', '', 'false/false/false/false'])
    await click('start')
    expect(text('status')).toBe('pending')
    await until(() => expect(vm.status).toBe('success'))
    expect(vm.statuses).toEqual(['idle', 'pending', 'transferring', 'success'])
    expect([text('progress'), text('sent'), text('offset'), text('url'), text('statusCode')]).toEqual(['100', '1000', '1000', ENDPOINT + '1', '204'])
    expect(text('flags')).toBe('false/false/true/false')
    expect(vm.offsets).toEqual([0, 400, 800, 1000])
    expect(server.stored(1)).toEqual(data)
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
  })

  it('pause mid-upload: paused, nothing sent while paused; resume: pending, then transferring to the end, only the rest sent; offset never down', async () => {
    const { server, data, mountBox } = setup()
    const { vm, text, click } = mountBox()
    vm.onProgress((event: any) => event.totalBytesSent == 400 && vm.pause())
    await click('start')
    await until(() => expect(vm.status).toBe('paused'))
    expect(text('flags')).toBe('false/true/false/false')
    const sentWhilePaused = server.seen.length
    await idle()
    expect(server.seen.length).toBe(sentWhilePaused)
    expect(vm.status).toBe('paused')
    await click('resume')
    expect(text('status')).toBe('pending')
    await until(() => expect(vm.status).toBe('success'))
    expect(vm.statuses).toEqual(['idle', 'pending', 'transferring', 'paused', 'pending', 'transferring', 'success'])
    // Only the rest is sent after resume(): nothing was lost or sent twice.
    expect(server.seen.slice(sentWhilePaused).reduce((sum, r) => sum + r.size, 0)).toBe(600)
    expect(vm.offsets).toEqual([...vm.offsets].sort((a: number, b: number) => a - b))
    expect(vm.offset).toBe(1000)
    expect(server.stored(1)).toEqual(data)
  })

  it('unmounting while paused aborts the upload but keeps it on the server; the same file in a new component resumes and sends only the rest', async () => {
    const { server, data, mountBox } = setup()
    const first = mountBox()
    first.vm.onProgress((event: any) => event.totalBytesSent == 400 && first.vm.pause())
    await first.click('start')
    await until(() => expect(first.vm.status).toBe('paused'))
    first.wrapper.unmount()
    expect(first.vm.status).toBe('aborted')
    await idle()
    const kept = server.uploads.get('1')!.offset
    expect(kept).toBeGreaterThanOrEqual(400)
    const before = server.seen.length

    const second = mountBox()
    await second.click('start')
    await until(() => expect(second.vm.status).toBe('success'))
    const after = server.seen.slice(before)
    expect(after.map((r) => r.override || r.method)[0]).toBe('HEAD')
    expect(after.reduce((sum, r) => sum + r.size, 0)).toBe(1000 - kept)
    expect(second.text('url')).toBe(ENDPOINT + '1')
    expect(second.vm.offsets[0]).toBe(kept)
    expect(server.stored(1)).toEqual(data)
  })

  it('abortOnScopeDispose: false: a paused upload stays paused after unmount and can still be resumed', async () => {
    const { server, mountBox } = setup()
    const { vm, wrapper, click } = mountBox({ abortOnScopeDispose: false })
    vm.onProgress((event: any) => event.totalBytesSent == 400 && vm.pause())
    await click('start')
    await until(() => expect(vm.status).toBe('paused'))
    wrapper.unmount()
    await idle()
    expect(vm.status).toBe('paused')
    vm.resume()
    await until(() => expect(vm.status).toBe('success'))
    expect(server.uploads.get('1')!.offset).toBe(1000)
  })

  it('the abort button while paused: aborted, AbortError shown, the server’s upload kept', async () => {
    const { server, mountBox } = setup()
    const { vm, text, click } = mountBox()
    vm.onProgress((event: any) => event.totalBytesSent == 400 && vm.pause())
    await click('start')
    await until(() => expect(vm.status).toBe('paused'))
    await click('abort')
    expect(text('status')).toBe('aborted')
    expect(text('flags')).toBe('false/false/true/true')
    expect(text('error')).toBe('AbortError: uploadResumable:fail abort')
    await idle()
    expect(server.uploads.has('1')).toBe(true)
  })

  it('abort({ terminate: true }): aborted, and the upload is deleted on the server', async () => {
    const { server, mountBox } = setup()
    const { vm, click } = mountBox()
    vm.onProgress((event: any) => event.totalBytesSent == 400 && vm.pause())
    await click('start')
    await until(() => expect(vm.status).toBe('paused'))
    await click('terminate')
    expect(vm.error).toBeInstanceOf(AbortError)
    await until(() => expect(server.uploads.has('1')).toBe(false))
    expect(server.methods()).toContain('DELETE')
  })

  it('web: within a chunk totalBytesSent runs ahead while offset stays at what the server confirmed', async () => {
    const { data, server, mountBox } = setup('web')
    const { vm } = mountBox()
    // At each event: what the server confirmed so far, and the bytes sent.
    const pairs: [number, number][] = []
    vm.onProgress((event: any) => pairs.push([vm.offset, event.totalBytesSent]))
    await vm.execute()
    expect(vm.status).toBe('success')
    expect(pairs.some(([offset, sent]) => sent > offset)).toBe(true)
    expect(pairs.every(([offset, sent]) => offset <= sent)).toBe(true)
    expect(vm.offsets).toEqual([0, 400, 800, 1000])
    expect(server.stored(1)).toEqual(data)
  })

  it('a new execute() while one runs: the old one resolves undefined and writes nothing; the new one resumes the same upload', async () => {
    const { server, data, mountBox } = setup()
    const { vm } = mountBox()
    const old = vm.execute()
    await until(() => expect(vm.offset).toBe(400))
    const next = vm.execute()
    expect(vm.offset).toBeUndefined()
    expect(vm.uploadUrl).toBeUndefined()
    expect(await old).toBeUndefined()
    expect(await next).toMatchObject({ uploadUrl: ENDPOINT + '1', errMsg: 'uploadResumable:ok' })
    expect(vm.statuses.filter((s: string) => s == 'aborted')).toEqual([])
    expect(server.stored(1)).toEqual(data)
  })
})

/**
 * useDownload in a real component (src/composables/useDownload/index.ts): the template shows the
 * state, so every check below also proves that the readonly refs unwrap in templates and that the
 * DOM follows the state. Platform facts from /work/shared/RUNTIME.md: H5 (and App) downloads give
 * no headers at all; mini-programs do. The shared state machine is covered in transferState.test.ts.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, nextTick, ref, type PropType } from 'vue'
import { createUploader, useDownload, type DownloadCallOptions, type UseTransferOptions } from '../../src/index'
import { createFakeUni, type FakePlatform } from '../helpers/fake-uni'

const URL_DOWN = 'https://cdn.test/report.pdf'

const DownloadBox = defineComponent({
  props: {
    options: { type: Object as PropType<DownloadCallOptions>, default: undefined },
    useOptions: { type: Object as PropType<UseTransferOptions>, default: () => ({}) },
  },
  setup(props) {
    return useDownload(() => props.options, props.useOptions)
  },
  template: `
    <div>
      <span data-t="status">{{ status }}</span>
      <span data-t="progress">{{ progress }}</span>
      <span data-t="written">{{ totalBytesWritten }}</span>
      <span data-t="expected">{{ totalBytesExpectedToWrite }}</span>
      <span data-t="flags">{{ isTransferring }}/{{ isFinished }}/{{ isAborted }}</span>
      <span data-t="statusCode">{{ statusCode }}</span>
      <span data-t="path">{{ tempFilePath }}</span>
      <span data-t="headers">{{ headers ? JSON.stringify(headers) : '' }}</span>
      <span data-t="error">{{ error ? error.name + ': ' + error.errMsg : '' }}</span>
      <span data-t="task">{{ task ? 'task' : 'none' }}</span>
      <button data-t="start" @click="execute()">start</button>
      <button data-t="abort" @click="abort()">abort</button>
      <button data-t="tamper" @click="status = 'error'; tempFilePath = 'x'; headers = {}">tamper</button>
    </div>`,
})

function setup(platform: FakePlatform, options: DownloadCallOptions = { url: URL_DOWN }, useOptions: UseTransferOptions = {}) {
  const fake = createFakeUni({ platform })
  const wrapper = mount(DownloadBox, {
    props: { options, useOptions },
    global: { plugins: [createUploader({ uni: fake.uni })] },
  })
  const text = (name: string) => wrapper.get(`[data-t="${name}"]`).text()
  const click = async (name: string) => {
    await wrapper.get(`[data-t="${name}"]`).trigger('click')
    await nextTick()
  }
  const frame = async () => {
    vi.advanceTimersToNextFrame()
    await nextTick()
  }
  const settle = async () => {
    await Promise.resolve()
    await nextTick()
  }
  return { fake, wrapper, text, click, frame, settle }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('useDownload in a component', () => {
  it('renders the idle state before any transfer', () => {
    const { text, fake } = setup('web')
    expect(text('status')).toBe('idle')
    expect(text('progress')).toBe('0')
    expect(text('flags')).toBe('false/false/false')
    for (const name of ['written', 'expected', 'statusCode', 'path', 'headers', 'error']) expect(text(name), name).toBe('')
    expect(text('task')).toBe('none')
    expect(fake.requests).toHaveLength(0)
  })

  it('H5: idle → pending → transferring with byte counts → success with tempFilePath and statusCode; no headers on H5', async () => {
    const { text, click, frame, settle, fake } = setup('web')
    await click('start')
    expect(fake.last().url).toBe(URL_DOWN)
    expect(text('status')).toBe('pending')
    expect(text('flags')).toBe('true/false/false')
    expect(text('task')).toBe('task')

    fake.last().progress({ totalBytesWritten: 300, totalBytesExpectedToWrite: 400 })
    await nextTick()
    expect(text('status')).toBe('transferring')
    await frame()
    expect(text('progress')).toBe('75')
    expect(text('written')).toBe('300')
    expect(text('expected')).toBe('400')

    fake.last().succeed({ tempFilePath: 'blob:http://localhost/report' })
    await settle()
    expect(text('status')).toBe('success')
    expect(text('flags')).toBe('false/true/false')
    expect(text('progress')).toBe('100')
    expect(text('written')).toBe('400')
    expect(text('statusCode')).toBe('200')
    expect(text('path')).toBe('blob:http://localhost/report')
    expect(text('headers')).toBe('') // RUNTIME.md: H5 downloadFile has no header and onHeadersReceived throws
    expect(text('error')).toBe('')
    expect(text('task')).toBe('none')
  })

  it('App: no headers either (onHeadersReceived throws on App downloads)', async () => {
    const { text, click, settle, fake } = setup('app')
    await click('start')
    fake.last().succeed({ tempFilePath: '_doc/report.pdf' })
    await settle()
    expect(text('status')).toBe('success')
    expect(text('headers')).toBe('')
    expect(text('path')).toBe('_doc/report.pdf')
  })

  it('mp-weixin: headers show as soon as they arrive, then the response’s', async () => {
    const { text, click, settle, fake } = setup('mp-weixin')
    await click('start')
    fake.last().headers({ 'Content-Length': '400' })
    await nextTick()
    expect(JSON.parse(text('headers'))).toEqual({ 'Content-Length': '400' })
    expect(text('status')).toBe('pending')
    fake.last().succeed({ tempFilePath: 'http://tmp/report.pdf', header: { 'Content-Length': '400', ETag: 'v1' } })
    await settle()
    expect(JSON.parse(text('headers'))).toEqual({ 'Content-Length': '400', ETag: 'v1' })
    expect(text('path')).toBe('http://tmp/report.pdf')
  })

  it('mp-weixin: the response headers show even when no header event came', async () => {
    const { text, click, settle, fake } = setup('mp-weixin')
    await click('start')
    fake.last().succeed({ header: { ETag: 'v2' } })
    await settle()
    expect(JSON.parse(text('headers'))).toEqual({ ETag: 'v2' })
  })

  it('mp-weixin with a filePath: tempFilePath is the saved path', async () => {
    const { text, click, settle, fake } = setup('mp-weixin', { url: URL_DOWN, filePath: 'wxfile://usr/report.pdf' })
    await click('start')
    expect(fake.last().options.filePath).toBe('wxfile://usr/report.pdf')
    fake.last().succeed()
    await settle()
    expect(text('path')).toBe('wxfile://usr/report.pdf')
  })

  it('mp-alipay: apFilePath becomes tempFilePath and the missing statusCode is 200', async () => {
    const { text, click, settle, fake } = setup('mp-alipay')
    await click('start')
    fake.last().succeed({ tempFilePath: 'https://resource/apml-1' })
    await settle()
    expect(text('status')).toBe('success')
    expect(text('statusCode')).toBe('200')
    expect(text('path')).toBe('https://resource/apml-1')
  })

  it('a 404 shows an HTTPError, statusCode 404 and no tempFilePath', async () => {
    const { text, click, settle, fake } = setup('web')
    await click('start')
    fake.last().succeed({ statusCode: 404 })
    await settle()
    expect(text('status')).toBe('error')
    expect(text('error')).toBe('HTTPError: downloadFile:fail status 404')
    expect(text('statusCode')).toBe('404')
    expect(text('path')).toBe('')
  })

  it('the abort button: aborted, AbortError shown, the request aborted', async () => {
    const { text, click, fake } = setup('web')
    await click('start')
    await click('abort')
    expect(fake.last().aborted).toBe(true)
    expect(text('status')).toBe('aborted')
    expect(text('flags')).toBe('false/true/true')
    expect(text('error')).toBe('AbortError: downloadFile:fail abort')
  })

  it('unmounting the component aborts its running download', async () => {
    const { wrapper, click, fake } = setup('mp-weixin')
    await click('start')
    wrapper.unmount()
    expect(fake.last().aborted).toBe(true)
    expect(fake.activeListeners()).toBe(0)
  })

  it('the template cannot write the state: assigning the readonly refs warns and the DOM is unchanged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { text, click } = setup('web')
    await click('tamper')
    expect(text('status')).toBe('idle')
    expect(text('path')).toBe('')
    expect(text('headers')).toBe('')
    expect(warn.mock.calls.map((args) => String(args[0])).join('\n')).toMatch(/readonly/)
  })
})

describe('useDownload state', () => {
  it('has the download byte-count names and tempFilePath, not the upload ones', () => {
    const state = effectScope().run(() => useDownload({ url: URL_DOWN }, { uploader: createUploader({ uni: createFakeUni().uni }) }))!
    expect(state).toHaveProperty('totalBytesWritten')
    expect(state).toHaveProperty('totalBytesExpectedToWrite')
    expect(state).toHaveProperty('tempFilePath')
    expect(state).not.toHaveProperty('totalBytesSent')
    expect(state).not.toHaveProperty('totalBytesExpectedToSend')
    expect(state).not.toHaveProperty('data')
  })

  it('a ref of options is read at each execute, and overrides win', async () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const options = ref<DownloadCallOptions>({ url: 'https://cdn.test/a' })
    const state = effectScope().run(() => useDownload(options, { uploader: createUploader({ uni: fake.uni }) }))!
    options.value = { url: 'https://cdn.test/b', header: { 'X-A': '1' } }
    const done = state.execute({ filePath: 'wxfile://usr/b' })
    expect(fake.last().url).toBe('https://cdn.test/b')
    expect(fake.last().options).toMatchObject({ header: { 'X-A': '1' }, filePath: 'wxfile://usr/b' })
    fake.last().succeed()
    expect(await done).toMatchObject({ tempFilePath: 'wxfile://usr/b', filePath: 'wxfile://usr/b' })
    expect(state.tempFilePath.value).toBe('wxfile://usr/b')
  })
})

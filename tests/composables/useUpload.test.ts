/**
 * useUpload in a real component (src/composables/useUpload/index.ts): the template shows the
 * state, so every check below also proves that the readonly refs unwrap in templates and that the
 * DOM follows the state. The shared state machine is covered in transferState.test.ts.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick, type PropType } from 'vue'
import { createUploader, useUpload, type UploadCallOptions, type UseTransferOptions } from '../../src/index'
import { createFakeUni, type FakePlatform } from '../helpers/fake-uni'

const URL_UP = 'https://api.test/upload'

const UploadBox = defineComponent({
  props: {
    options: { type: Object as PropType<UploadCallOptions>, default: undefined },
    useOptions: { type: Object as PropType<UseTransferOptions>, default: () => ({}) },
  },
  setup(props) {
    // A getter: read when execute() runs, so a changed prop is picked up.
    return useUpload(() => props.options, props.useOptions)
  },
  template: `
    <div>
      <span data-t="status">{{ status }}</span>
      <span data-t="progress">{{ progress }}</span>
      <span data-t="sent">{{ totalBytesSent }}</span>
      <span data-t="expected">{{ totalBytesExpectedToSend }}</span>
      <span data-t="flags">{{ isTransferring }}/{{ isFinished }}/{{ isAborted }}</span>
      <span data-t="statusCode">{{ statusCode }}</span>
      <span data-t="data">{{ data }}</span>
      <span data-t="headers">{{ headers ? JSON.stringify(headers) : '' }}</span>
      <span data-t="error">{{ error ? error.name + ': ' + error.errMsg : '' }}</span>
      <span data-t="results">{{ result && result.results ? result.results.map(r => r.data).join(',') : '' }}</span>
      <span data-t="attempt">{{ attempt }}</span>
      <span data-t="task">{{ task ? 'task' : 'none' }}</span>
      <button data-t="start" @click="execute()">start</button>
      <button data-t="abort" @click="abort()">abort</button>
      <button data-t="tamper" @click="status = 'success'; progress = 99; data = 'forged'">tamper</button>
    </div>`,
})

function setup(platform: FakePlatform, options?: UploadCallOptions, useOptions: UseTransferOptions = {}) {
  const fake = createFakeUni({ platform })
  const wrapper = mount(UploadBox, {
    props: { options, useOptions },
    global: { plugins: [createUploader({ uni: fake.uni })] },
  })
  const text = (name: string) => wrapper.get(`[data-t="${name}"]`).text()
  const click = async (name: string) => {
    await wrapper.get(`[data-t="${name}"]`).trigger('click')
    await nextTick()
  }
  /** Lets the waiting animation frame write the progress, then renders. */
  const frame = async () => {
    vi.advanceTimersToNextFrame()
    await nextTick()
  }
  /** Lets the outcome's promise callbacks run, then renders. */
  const settle = async () => {
    await Promise.resolve()
    await nextTick()
  }
  return { fake, wrapper, text, click, frame, settle }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('useUpload in a component', () => {
  it('renders the idle state before any transfer', () => {
    const { text, fake } = setup('web', { url: URL_UP, filePath: 'blob:a' })
    expect(text('status')).toBe('idle')
    expect(text('progress')).toBe('0')
    expect(text('flags')).toBe('false/false/false')
    for (const name of ['sent', 'expected', 'statusCode', 'data', 'headers', 'error', 'results']) expect(text(name), name).toBe('')
    expect(text('attempt')).toBe('0')
    expect(text('task')).toBe('none')
    expect(fake.requests).toHaveLength(0)
  })

  it('H5: idle → pending → transferring with byte counts → success with data, statusCode and lower-cased headers', async () => {
    const { text, click, frame, settle, fake } = setup('web', { url: URL_UP, filePath: 'blob:a', name: 'avatar' })
    await click('start')
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options).toMatchObject({ url: URL_UP, filePath: 'blob:a', name: 'avatar' })
    expect(text('status')).toBe('pending')
    expect(text('flags')).toBe('true/false/false')
    expect(text('attempt')).toBe('1')
    expect(text('task')).toBe('task')

    fake.last().progress({ totalBytesSent: 256, totalBytesExpectedToSend: 1024 })
    await nextTick()
    expect(text('status')).toBe('transferring')
    expect(text('progress')).toBe('0') // written on the next animation frame
    await frame()
    expect(text('progress')).toBe('25')
    expect(text('sent')).toBe('256')
    expect(text('expected')).toBe('1024')

    fake.last().succeed({ statusCode: 201, data: '{"url":"/a.png"}', header: { 'Content-Type': 'application/json', 'X-Request-Id': '7' } })
    await settle()
    expect(text('status')).toBe('success')
    expect(text('flags')).toBe('false/true/false')
    expect(text('progress')).toBe('100')
    expect(text('sent')).toBe('1024')
    expect(text('statusCode')).toBe('201')
    expect(text('data')).toBe('{"url":"/a.png"}')
    expect(JSON.parse(text('headers'))).toEqual({ 'content-type': 'application/json', 'x-request-id': '7' })
    expect(text('error')).toBe('')
    expect(text('results')).toBe('') // one request: no per-file results
    expect(text('task')).toBe('none')
  })

  it('every byte sent but no answer yet: transferring at 99 with full byte counts (the "waiting for the server" state); 100 only on success', async () => {
    const { text, click, frame, settle, fake } = setup('web', { url: URL_UP, filePath: 'blob:a' })
    await click('start')
    fake.last().progress({ totalBytesSent: 1024, totalBytesExpectedToSend: 1024 })
    await frame()
    expect([text('status'), text('progress'), text('sent'), text('expected')]).toEqual(['transferring', '99', '1024', '1024'])
    fake.last().succeed()
    await settle()
    expect([text('status'), text('progress')]).toEqual(['success', '100'])
  })

  it('an abort after every byte was sent shows 99, not 100', async () => {
    const { text, click, frame, fake } = setup('web', { url: URL_UP, filePath: 'blob:a' })
    await click('start')
    fake.last().progress({ totalBytesSent: 1024, totalBytesExpectedToSend: 1024 })
    await frame()
    await click('abort')
    await frame()
    expect([text('status'), text('progress'), text('sent')]).toEqual(['aborted', '99', '1024'])
  })

  it('a non-2xx response shows an HTTPError, its statusCode and no data', async () => {
    const { text, click, settle, fake } = setup('web', { url: URL_UP, filePath: 'blob:a' })
    await click('start')
    fake.last().succeed({ statusCode: 413, data: 'too large' })
    await settle()
    expect(text('status')).toBe('error')
    expect(text('flags')).toBe('false/true/false')
    expect(text('error')).toBe('HTTPError: uploadFile:fail status 413')
    expect(text('statusCode')).toBe('413')
    expect(text('data')).toBe('')
  })

  it('the abort button: aborted, AbortError shown, the request aborted', async () => {
    const { text, click, fake } = setup('mp-weixin', { url: URL_UP, filePath: 'wxfile://a' })
    await click('start')
    await click('abort')
    expect(fake.last().aborted).toBe(true)
    expect(text('status')).toBe('aborted')
    expect(text('flags')).toBe('false/true/true')
    expect(text('error')).toBe('AbortError: uploadFile:fail abort')
    expect(text('task')).toBe('none')
  })

  it('unmounting the component aborts its running upload', async () => {
    const { wrapper, click, fake } = setup('mp-weixin', { url: URL_UP, filePath: 'wxfile://a' })
    await click('start')
    wrapper.unmount()
    expect(fake.last().aborted).toBe(true)
    expect(fake.activeListeners()).toBe(0)
  })

  it('abortOnScopeDispose: false keeps the upload going after unmount', async () => {
    const { wrapper, click, fake } = setup('mp-weixin', { url: URL_UP, filePath: 'wxfile://a' }, { abortOnScopeDispose: false })
    await click('start')
    wrapper.unmount()
    expect(fake.last().aborted).toBe(false)
    expect(fake.pending()).toHaveLength(1)
  })

  it('immediate: the upload starts when the component is created', async () => {
    const { text, fake } = setup('mp-weixin', { url: URL_UP, filePath: 'wxfile://a' }, { immediate: true })
    expect(fake.requests).toHaveLength(1)
    await nextTick()
    expect(text('status')).toBe('pending')
  })

  it('options come from a prop getter, read when execute runs', async () => {
    const { wrapper, click, fake } = setup('mp-weixin', { url: URL_UP, filePath: 'wxfile://a' })
    await wrapper.setProps({ options: { url: 'https://api.test/other', filePath: 'wxfile://b' } })
    await click('start')
    expect(fake.last().url).toBe('https://api.test/other')
    expect(fake.last().options.filePath).toBe('wxfile://b')
  })

  it('the template cannot write the state: assigning the readonly refs warns and the DOM is unchanged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { text, click } = setup('web', { url: URL_UP, filePath: 'blob:a' })
    await click('tamper')
    expect(text('status')).toBe('idle')
    expect(text('progress')).toBe('0')
    expect(text('data')).toBe('')
    expect(warn).toHaveBeenCalled()
    expect(warn.mock.calls.map((args) => String(args[0])).join('\n')).toMatch(/readonly/)
  })
})

describe('useUpload with files[]', () => {
  const files = [
    { uri: 'wxfile://one', name: 'first' },
    { uri: 'wxfile://two' },
  ]

  it('mp-weixin: one request per file, in order, with overall progress and byte counts; 100 only when the last file succeeds', async () => {
    const { text, click, frame, settle, fake } = setup('mp-weixin', { url: URL_UP, files, formData: { album: '1' } })
    await click('start')
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options).toMatchObject({ url: URL_UP, filePath: 'wxfile://one', name: 'first', formData: { album: '1' } })
    expect(fake.last().options).not.toHaveProperty('files')

    // file 1 half sent; file 2's size unknown yet, so it weighs as much as file 1
    fake.last().progress({ totalBytesSent: 50, totalBytesExpectedToSend: 100 })
    await frame()
    expect(text('status')).toBe('transferring')
    expect(text('progress')).toBe('25')
    expect(text('sent')).toBe('50')
    expect(text('expected')).toBe('100')

    fake.last().succeed({ data: 'A' })
    await settle()
    expect(fake.requests).toHaveLength(2)
    expect(fake.last().options).toMatchObject({ filePath: 'wxfile://two', name: 'file', formData: { album: '1' } })
    expect(text('status')).toBe('transferring')

    fake.last().progress({ totalBytesSent: 100, totalBytesExpectedToSend: 300 })
    await frame()
    expect(text('progress')).toBe('50') // (100 + 100) / (100 + 300)
    expect(text('sent')).toBe('200')
    expect(text('expected')).toBe('400')

    fake.last().progress({ totalBytesSent: 300, totalBytesExpectedToSend: 300 })
    await frame()
    expect(text('progress')).toBe('99') // every byte sent, but the last file has not succeeded yet
    expect(text('status')).toBe('transferring')

    fake.last().succeed({ data: 'B' })
    await settle()
    expect(text('status')).toBe('success')
    expect(text('progress')).toBe('100')
    expect(text('sent')).toBe('400')
    expect(text('data')).toBe('B') // the response to the last file
    expect(text('results')).toBe('A,B')
  })

  it('mp-weixin: if a file fails the rest are not sent, and the error is shown', async () => {
    const { text, click, settle, fake } = setup('mp-weixin', { url: URL_UP, files })
    await click('start')
    fake.last().fail('offline')
    await settle()
    expect(fake.requests).toHaveLength(1)
    expect(text('status')).toBe('error')
    expect(text('error')).toBe('NetworkError: uploadFile:fail offline')
  })

  it('a new execute during a files[] upload aborts the file being sent and sends no more of the old ones', async () => {
    const { click, settle, fake } = setup('mp-weixin', { url: URL_UP, files })
    await click('start')
    fake.last().succeed({ data: 'A' })
    await settle()
    expect(fake.requests).toHaveLength(2)
    await click('start')
    expect(fake.requests[1].aborted).toBe(true)
    expect(fake.requests).toHaveLength(3)
    expect(fake.last().options.filePath).toBe('wxfile://one')
  })

  it('H5: files[] go natively in one request', async () => {
    const { text, click, settle, fake } = setup('web', { url: URL_UP, files: [{ uri: 'blob:1', name: 'a' }, { uri: 'blob:2' }] })
    await click('start')
    expect(fake.requests).toHaveLength(1)
    expect(fake.last().options.files).toEqual([
      { uri: 'blob:1', name: 'a' },
      { uri: 'blob:2', name: 'file' },
    ])
    fake.last().succeed({ data: 'both' })
    await settle()
    expect(text('data')).toBe('both')
    expect(text('results')).toBe('')
  })
})

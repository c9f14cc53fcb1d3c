/**
 * The queue's `resumable` option (src/composables/useUploadQueue/queue.ts, its send step and
 * pause/resume): each item goes through `resumable.send` (uploadResumable) instead of a multipart
 * upload, and the queue's `pause()` pauses the running items too. Driven by a stub `send` that
 * keeps RESUMABLE.md's task contract, so every step can be walked; resumable.real.test.ts runs the
 * same queue on the real uploadResumable and the fake runtime.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createUploader, createUploadQueue, NetworkError, OptionError, uploadResumable, useUploadQueue } from '../../../src/index'
import type { ResumableResult } from '../../../src/resumable/types'
import type { QueueItemStatus, UploadQueueOptions } from '../../../src/types'
import { createFakeUni } from '../../helpers/fake-uni'
import { bytes } from '../../helpers/fake-tus'
import { stubResumableCall, type StubResumableCall } from '../../helpers/stub-resumable'
import { ENDPOINT, PATH, tus } from '../../resumable/setup'

/** A stub uploadResumable in callback mode: returns its task, delivers one outcome later. */
function stubSend() {
  const calls: StubResumableCall[] = []
  const send = vi.fn((options: any) => {
    const { call, task } = stubResumableCall(options)
    calls.push(call)
    return task
  })
  return { calls, send }
}

/** A queue in resumable mode, in an effect scope, on an instance of its own. */
function setup(options: UploadQueueOptions = {}, resumable: Record<string, unknown> = {}) {
  const fake = createFakeUni({ platform: 'mp-weixin' })
  const up = createUploader({ uni: fake.uni })
  const stub = stubSend()
  const scope = effectScope()
  const q = scope.run(() => useUploadQueue({ ...options, resumable: { endpoint: ENDPOINT, send: stub.send as any, ...resumable } }, { uploader: up }))!
  return { fake, up, stub, scope, q }
}

const frame = () => vi.advanceTimersToNextFrame()
const statusesOf = (items: { status: { value: QueueItemStatus } }[]) => items.map((item) => item.status.value)

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('each item is sent through resumable.send', () => {
  it('with the resumable options, the item’s file or path, and the queue’s instance; no multipart upload', () => {
    const { fake, up, stub, q } = setup({ url: 'https://api.test/ignored', name: 'avatar', formData: { a: '1' } }, { chunkSize: 1024, metadata: { album: '7' } })
    const blob = new Blob(['x'])
    q.add(['wxfile://a.mp4', { uri: 'wxfile://b.mp4', name: 'field' }, blob])
    expect(fake.requests).toHaveLength(0)
    expect(stub.calls).toHaveLength(3)
    const [a, b, c] = stub.calls.map((call) => call.options)
    expect(a).toMatchObject({ endpoint: ENDPOINT, chunkSize: 1024, metadata: { album: '7' }, filePath: 'wxfile://a.mp4', uploader: { config: up.config } })
    expect(a.file).toBeUndefined()
    expect(b).toMatchObject({ filePath: 'wxfile://b.mp4' })
    expect(c.file).toBe(blob)
    for (const options of [a, b, c]) {
      expect(options).not.toHaveProperty('send')
      expect(options).not.toHaveProperty('url')
      expect(options).not.toHaveProperty('name')
      expect(options).not.toHaveProperty('formData')
      expect(options).not.toHaveProperty('concurrency')
    }
  })

  it('progress, result and overall progress follow the resumable calls; concurrency holds', () => {
    const { stub, q } = setup({ concurrency: 1 })
    const [a, b] = q.add(['a', 'b'])
    stub.calls[0]!.sent(500)
    frame()
    expect([a!.status.value, a!.progress.value, q.progress.value]).toEqual(['transferring', 50, 25])
    stub.calls[0]!.succeed()
    expect(a!.result.value).toMatchObject({ uploadUrl: 'https://tus.test/files/1', errMsg: 'uploadResumable:ok' })
    expect(stub.calls).toHaveLength(2)
    expect(b!.status.value).toBe('pending')
  })

  it('a failure is the item’s error; retry() sends it through resumable.send again (which resumes from storage)', () => {
    const { stub, q } = setup()
    const [a] = q.add('a')
    const failure = new NetworkError('uploadResumable:fail offline')
    stub.calls[0]!.fail(failure)
    expect(a!.status.value).toBe('error')
    expect(a!.error.value).toBe(failure)
    a!.retry()
    expect(stub.calls).toHaveLength(2)
    expect(stub.calls[1]!.options.filePath).toBe('a')
  })

  it('`resumable` without a send function: an OptionError naming resumable.send when the queue is made, nothing sent', () => {
    const up = createUploader({ uni: createFakeUni().uni })
    for (const send of [undefined, 'uploadResumable', {}]) {
      expect(() => useUploadQueue({ resumable: { endpoint: ENDPOINT, send } as any }, { uploader: up })).toThrow(OptionError)
      expect(() => useUploadQueue({ resumable: { endpoint: ENDPOINT, send } as any }, { uploader: up })).toThrow(/resumable\.send/)
    }
  })
})

describe('pause() pauses running items; resume() goes on', () => {
  it('running items pause (their task paused once), waiting ones stay queued and do not start', () => {
    const { stub, q } = setup({ concurrency: 2 })
    const items = q.add(['a', 'b', 'c'])
    stub.calls[0]!.sent(100)
    q.pause()
    expect(statusesOf(items)).toEqual(['paused', 'paused', 'queued'])
    expect(stub.calls.map((call) => call.pauses)).toEqual([1, 1])
    frame()
    expect(q.counts.value).toMatchObject({ paused: 2, queued: 1, pending: 0, transferring: 0 })
    q.pause() // already paused: nothing more
    expect(stub.calls.map((call) => call.pauses)).toEqual([1, 1])
  })

  it('a late event from the chunk in flight does not take a paused item back to transferring', () => {
    const { stub, q } = setup()
    const [a] = q.add('a')
    q.pause()
    stub.calls[0]!.sent(400)
    frame()
    expect(a!.status.value).toBe('paused')
    expect(a!.progress.value).toBe(40)
  })

  it('resume(): paused items go back to pending (task resumed), transferring at their next event; free slots fill', () => {
    const { stub, q } = setup({ concurrency: 1 })
    const [a, b] = q.add(['a', 'b'])
    q.pause()
    q.resume()
    expect(stub.calls[0]!.resumes).toBe(1)
    expect(a!.status.value).toBe('pending')
    stub.calls[0]!.sent(600)
    expect(a!.status.value).toBe('transferring')
    stub.calls[0]!.succeed()
    expect(b!.status.value).toBe('pending')
    q.resume() // not paused: nothing resumed again
    expect(stub.calls[0]!.resumes).toBe(1)
  })

  it('an item that fails or succeeds while paused shows its outcome and frees its slot (nothing starts until resume)', () => {
    const { stub, q } = setup({ concurrency: 2 })
    const [a, b, c] = q.add(['a', 'b', 'c'])
    q.pause()
    stub.calls[0]!.fail(new NetworkError('uploadResumable:fail offline'))
    stub.calls[1]!.succeed()
    expect(statusesOf([a!, b!, c!])).toEqual(['error', 'success', 'queued'])
    expect(stub.calls).toHaveLength(2)
    q.resume()
    expect(stub.calls).toHaveLength(3)
  })

  it('a paused item can be aborted; abortAll() and disposing the scope abort paused items too', () => {
    const { stub, q, scope } = setup({ concurrency: 3 })
    const items = q.add(['a', 'b', 'c', 'd'])
    q.pause()
    items[0]!.abort()
    expect(items[0]!.status.value).toBe('aborted')
    expect(stub.calls[0]!.aborts).toEqual([undefined])
    q.abortAll()
    expect(statusesOf(items)).toEqual(['aborted', 'aborted', 'aborted', 'aborted'])
    const again = setup()
    again.q.add('x')
    again.q.pause()
    again.scope.stop()
    expect(again.stub.calls[0]!.aborts).toHaveLength(1)
    expect(again.q.items.value[0]!.status.value).toBe('aborted')
    scope.stop()
  })

  it('a plain queue’s pause() still lets running uploads go on (an upload task has no pause)', () => {
    const fake = createFakeUni({ platform: 'mp-weixin' })
    const q = effectScope().run(() => useUploadQueue({ url: 'https://api.test/up' }, { uploader: createUploader({ uni: fake.uni }) }))!
    const [a] = q.add('a')
    q.pause()
    expect(a!.status.value).toBe('pending')
    fake.last().progress({ totalBytesSent: 5, totalBytesExpectedToSend: 10 })
    expect(a!.status.value).toBe('transferring')
  })
})

describe('on the real uploadResumable, against the fake tus server', () => {
  /** A resumable queue on the fake tus runtime: two files of 1000 bytes, chunks of 400. */
  function real(options: UploadQueueOptions = {}) {
    vi.useRealTimers()
    const ctx = tus()
    const other = bytes(1000, 7)
    ctx.fake.files['/tmp/b.mp4'] = other
    const scope = effectScope()
    const q = scope.run(() =>
      useUploadQueue({ ...options, resumable: { endpoint: ENDPOINT, chunkSize: 400, retry: { limit: 5, delay: [0] }, send: uploadResumable } }, { uploader: ctx.up }),
    )!
    return { ...ctx, other, scope, q }
  }
  const until = (check: () => void) => vi.waitFor(check, { timeout: 2000, interval: 2 })

  it('each file is a tus upload; both arrive whole; the results carry their upload URLs', async () => {
    const { q, server, data, other } = real()
    const items = q.add([PATH, '/tmp/b.mp4'])
    await until(() => expect(statusesOf(items)).toEqual(['success', 'success']))
    expect(items.map((item) => (item.result.value as unknown as ResumableResult).uploadUrl).sort()).toEqual([ENDPOINT + '1', ENDPOINT + '2'])
    const byFile = (id: string) => server.stored(id)
    expect([byFile('1'), byFile('2')]).toContainEqual(data)
    expect([byFile('1'), byFile('2')]).toContainEqual(other)
    await until(() => expect(q.progress.value).toBe(100))
  })

  it('pause() pauses both running uploads, nothing is sent while paused; resume() finishes them with only the rest sent', async () => {
    const { q, server, data } = real()
    const items = q.add([PATH, '/tmp/b.mp4'])
    await until(() => expect(statusesOf(items)).toEqual(['transferring', 'transferring']))
    q.pause()
    expect(statusesOf(items)).toEqual(['paused', 'paused'])
    await new Promise((resolve) => setTimeout(resolve, 30))
    const seen = server.seen.length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.seen.length).toBe(seen)
    expect(statusesOf(items)).toEqual(['paused', 'paused'])
    q.resume()
    expect(statusesOf(items)).toEqual(['pending', 'pending'])
    await until(() => expect(statusesOf(items)).toEqual(['success', 'success']))
    expect(server.seen.reduce((sum, r) => sum + r.size, 0)).toBeGreaterThanOrEqual(2000)
    expect([server.stored('1'), server.stored('2')]).toContainEqual(data)
  })

  it('createUploadQueue (outside components) takes the same option, on the instance it is given', async () => {
    vi.useRealTimers()
    const { up, server, data } = tus()
    const q = createUploadQueue({ resumable: { endpoint: ENDPOINT, chunkSize: 400, send: uploadResumable } }, up)
    const [a] = q.add(PATH)
    await until(() => expect(a!.status.value).toBe('success'))
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
    expect(server.stored('1')).toEqual(data)
  })

  it('abortAll() while paused keeps the server’s uploads; retry() of an aborted item resumes where the server is', async () => {
    const { q, server, data } = real({ concurrency: 1 })
    const [a] = q.add(PATH)
    await until(() => expect(server.uploads.get('1')?.offset).toBe(400))
    q.pause()
    q.abortAll()
    expect(a!.status.value).toBe('aborted')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const kept = server.uploads.get('1')!.offset
    const before = server.seen.length
    q.resume()
    a!.retry()
    await until(() => expect(a!.status.value).toBe('success'))
    expect(server.seen[before]!.method).toBe('HEAD')
    expect(server.seen.slice(before).reduce((sum, r) => sum + r.size, 0)).toBe(1000 - kept)
    expect(server.stored('1')).toEqual(data)
  })
})

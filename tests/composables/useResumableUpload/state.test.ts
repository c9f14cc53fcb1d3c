/**
 * The resumable parts of the shared transfer state (src/composables/useResumableUpload/state.ts
 * on src/composables/transferState.ts), driven by a stub engine that keeps RESUMABLE.md's task
 * contract (`pause`, `resume`, `abort(opts?)`, `onProgressUpdate`, one outcome through the
 * callbacks, `abort` settling at once with AbortError) and the engine's internal `onConfirm`, so
 * the status machine can be walked step by step. The composable against the real uploadResumable and the fake runtime is in index.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, isReadonly, watch } from 'vue'
import { AbortError, createUploader, NetworkError } from '../../../src/index'
import { useTransfer } from '../../../src/composables/transferState'
import { RESUMABLE_KIND, resumableParts } from '../../../src/composables/useResumableUpload/state'
import type { UseTransferOptions } from '../../../src/types'
import { stubResumableCall, type StubResumableCall } from '../../helpers/stub-resumable'

/** A `run` with the engine's signature, making stub calls. */
function stubResumable() {
  const calls: StubResumableCall[] = []
  const run = (_config: unknown, options: any, onTask: (task: any) => void, onConfirm: (offset: number, url: string) => void) => {
    const { call, task } = stubResumableCall(options, onConfirm)
    calls.push(call)
    onTask(task)
  }
  return { calls, run, last: () => calls[calls.length - 1]! }
}

const OPTIONS = { endpoint: 'https://tus.test/files/', filePath: '/tmp/video.mp4' }
const uploader = createUploader({})

/** useTransfer with the resumable extension, in an effect scope, on the stub. */
function setup(useOptions: UseTransferOptions = {}) {
  const stub = stubResumable()
  const scope = effectScope()
  const { run, extend } = resumableParts(stub.run)
  const state = scope.run(() => extend(useTransfer(run, RESUMABLE_KIND, OPTIONS, { uploader, ...useOptions })))! as any
  return { stub, scope, state }
}


/** Every status the state takes, recorded synchronously. */
function statuses(state: any): string[] {
  const seen: string[] = [state.status.value]
  watch(state.status, (value: string) => void seen.push(value), { flush: 'sync' })
  return seen
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('before any upload', () => {
  it('idle, not paused, no URL and no offset; pause() and resume() do nothing', () => {
    const { state, stub } = setup()
    expect(state.status.value).toBe('idle')
    expect(state.isPaused.value).toBe(false)
    expect(state.uploadUrl.value).toBeUndefined()
    expect(state.offset.value).toBeUndefined()
    state.pause()
    state.resume()
    expect(state.status.value).toBe('idle')
    expect(stub.calls).toHaveLength(0)
  })

  it('the added refs are readonly', () => {
    const { state } = setup()
    for (const name of ['uploadUrl', 'offset', 'isPaused']) expect(isReadonly(state[name]), name).toBe(true)
  })
})

describe('the status machine with pause and resume', () => {
  it('pending → transferring → paused → pending (after resume) → transferring (next event) → success', async () => {
    const { state, stub } = setup()
    const seen = statuses(state)
    const done = state.execute()
    stub.last().confirm(100)
    state.pause()
    expect(stub.last().pauses).toBe(1)
    expect(state.status.value).toBe('paused')
    expect([state.isPaused.value, state.isTransferring.value, state.isFinished.value]).toEqual([true, false, false])
    state.resume()
    expect(stub.last().resumes).toBe(1)
    expect(state.status.value).toBe('pending')
    expect(state.isTransferring.value).toBe(true)
    stub.last().confirm(500)
    stub.last().succeed()
    expect(await done).toMatchObject({ uploadUrl: 'https://tus.test/files/1', statusCode: 204 })
    expect(seen).toEqual(['idle', 'pending', 'transferring', 'paused', 'pending', 'transferring', 'success'])
    expect(state.isPaused.value).toBe(false)
  })

  it('pause() before the first event (the creation still in flight) holds the upload as paused', () => {
    const { state, stub } = setup()
    void state.execute()
    state.pause()
    expect(stub.last().pauses).toBe(1)
    expect(state.status.value).toBe('paused')
    state.resume()
    expect(state.status.value).toBe('pending')
  })

  it('a progress event that arrives while paused (the chunk in flight) does not take it back to transferring', async () => {
    const { state, stub } = setup()
    void state.execute()
    stub.last().confirm(100)
    state.pause()
    stub.last().confirm(200)
    expect(state.status.value).toBe('paused')
    vi.advanceTimersToNextFrame()
    expect(state.totalBytesSent.value).toBe(200) // the figures still follow what was sent
    expect(state.offset.value).toBe(200)
  })

  it('pause() twice and resume() twice: one move each; resume() without a pause does nothing', () => {
    const { state, stub } = setup()
    const seen = statuses(state)
    void state.execute()
    state.resume()
    expect(stub.last().resumes).toBe(0)
    stub.last().confirm(100)
    state.pause()
    state.pause()
    state.resume()
    state.resume()
    expect(stub.last().resumes).toBe(1)
    expect(seen).toEqual(['idle', 'pending', 'transferring', 'paused', 'pending'])
  })

  it('pause() and resume() after the upload finished do nothing', async () => {
    const { state, stub } = setup()
    const done = state.execute()
    stub.last().succeed()
    await done
    state.pause()
    state.resume()
    expect(state.status.value).toBe('success')
    expect(stub.last().pauses + stub.last().resumes).toBe(0)
  })

  it('an outcome that arrives while paused is shown: paused → error, with onError', async () => {
    const { state, stub } = setup()
    const errors: unknown[] = []
    state.onError((error: unknown) => void errors.push(error))
    const done = state.execute()
    state.pause()
    const failure = new NetworkError('uploadResumable:fail offline')
    stub.last().fail(failure)
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('error')
    expect(state.error.value).toBe(failure)
    expect(errors).toEqual([failure])
    expect(state.isPaused.value).toBe(false)
  })
})

describe('abort while paused or running', () => {
  it('abort() while paused: aborted with an AbortError, the task aborted, no onError', async () => {
    const { state, stub } = setup()
    const onError = vi.fn()
    state.onError(onError)
    const done = state.execute()
    state.pause()
    state.abort()
    expect(stub.last().aborts).toEqual([undefined])
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('aborted')
    expect(state.isAborted.value).toBe(true)
    expect(state.isPaused.value).toBe(false)
    expect(state.error.value).toBeInstanceOf(AbortError)
    expect(state.task.value).toBeUndefined()
    expect(onError).not.toHaveBeenCalled()
  })

  it('abort({ terminate: true }) reaches the task as it is', () => {
    const { state, stub } = setup()
    void state.execute()
    state.abort({ terminate: true })
    expect(stub.last().aborts).toEqual([{ terminate: true }])
    expect(state.status.value).toBe('aborted')
  })

  it('throwOnError: an abort while paused rejects that execute with the AbortError', async () => {
    const { state } = setup({ throwOnError: true })
    const done = state.execute()
    state.pause()
    state.abort()
    await expect(done).rejects.toBeInstanceOf(AbortError)
  })

  it('a new execute() while paused aborts the paused upload and starts again from pending', async () => {
    const { state, stub } = setup()
    const first = state.execute()
    stub.last().confirm(300)
    state.pause()
    const second = state.execute()
    expect(stub.calls[0]!.aborts).toHaveLength(1)
    expect(await first).toBeUndefined()
    expect(state.status.value).toBe('pending')
    expect(state.isPaused.value).toBe(false)
    expect(state.offset.value).toBeUndefined()
    stub.last().succeed()
    expect(await second).toMatchObject({ errMsg: 'uploadResumable:ok' })
  })
})

describe('scope disposal', () => {
  it('disposing the scope aborts a running upload', () => {
    const { state, stub, scope } = setup()
    void state.execute()
    stub.last().confirm(100)
    scope.stop()
    expect(stub.last().aborts).toHaveLength(1)
    expect(state.status.value).toBe('aborted')
  })

  it('disposing the scope aborts a paused upload, and its execute still resolves (never rejects)', async () => {
    const { state, stub, scope } = setup({ throwOnError: true })
    const done = state.execute()
    state.pause()
    scope.stop()
    expect(stub.last().aborts).toHaveLength(1)
    expect(await done).toBeUndefined()
    expect(state.status.value).toBe('aborted')
  })

  it('abortOnScopeDispose: false keeps a paused upload paused after disposal', () => {
    const { state, stub, scope } = setup({ abortOnScopeDispose: false })
    void state.execute()
    state.pause()
    scope.stop()
    expect(stub.last().aborts).toHaveLength(0)
    expect(state.status.value).toBe('paused')
    state.resume()
    expect(stub.last().resumes).toBe(1)
  })
})

describe('offset and uploadUrl', () => {
  it('offset is the highest offset confirmed: a lower one (resumed after a lost partial chunk) never takes it down', () => {
    const { state, stub } = setup()
    const offsets: unknown[] = []
    watch(state.offset, (value) => void offsets.push(value), { flush: 'sync' })
    void state.execute()
    stub.last().confirm(0)
    stub.last().confirm(400)
    stub.last().confirm(300)
    stub.last().confirm(400)
    stub.last().confirm(800)
    expect(offsets).toEqual([0, 400, 800])
  })

  it('uploadUrl is known from the first confirmed offset (the creation), and is the result’s at the end', async () => {
    const { state, stub } = setup()
    const done = state.execute()
    stub.last().sent(0)
    expect(state.uploadUrl.value).toBeUndefined()
    stub.last().confirm(0)
    expect(state.uploadUrl.value).toBe('https://tus.test/files/1')
    stub.last().succeed({ uploadUrl: 'https://tus.test/files/1?final' })
    await done
    expect(state.uploadUrl.value).toBe('https://tus.test/files/1?final')
  })

  it('a new execute() forgets the old upload’s URL and offset until the new one reports', async () => {
    const { state, stub } = setup()
    const first = state.execute()
    stub.last().confirm(1000)
    stub.last().succeed()
    await first
    expect([state.uploadUrl.value, state.offset.value]).toEqual(['https://tus.test/files/1', 1000])
    void state.execute()
    expect([state.uploadUrl.value, state.offset.value]).toEqual([undefined, undefined])
    stub.last().confirm(50, 'https://tus.test/files/2')
    expect([state.uploadUrl.value, state.offset.value]).toEqual(['https://tus.test/files/2', 50])
  })

  it('a stale upload never writes: events and the outcome of a superseded call change nothing', async () => {
    const { state, stub } = setup()
    const first = state.execute()
    const old = stub.last()
    old.confirm(100)
    void state.execute()
    stub.last().confirm(10, 'https://tus.test/files/2')
    old.confirm(900)
    expect(await first).toBeUndefined()
    expect([state.uploadUrl.value, state.offset.value, state.status.value]).toEqual(['https://tus.test/files/2', 10, 'transferring'])
    state.pause()
    expect(old.pauses).toBe(0)
    expect(stub.last().pauses).toBe(1)
  })

  it('immediate: the extension sees the first upload from its first event', () => {
    const { state, stub } = setup({ immediate: true })
    expect(stub.calls).toHaveLength(1)
    stub.last().confirm(250)
    expect(state.offset.value).toBe(250)
  })
})

describe('hooks', () => {
  it('onProgress fires for every event (paused or not), onSuccess with the result; off() stops them', async () => {
    const { state, stub } = setup()
    const progress: number[] = []
    const success = vi.fn()
    const hook = state.onProgress((e: any) => void progress.push(e.totalBytesSent))
    state.onSuccess(success)
    const done = state.execute()
    stub.last().confirm(100)
    state.pause()
    stub.last().confirm(200)
    state.resume()
    hook.off()
    stub.last().confirm(300)
    stub.last().succeed()
    await done
    expect(progress).toEqual([100, 200])
    expect(success).toHaveBeenCalledWith(expect.objectContaining({ uploadUrl: 'https://tus.test/files/1' }))
  })
})

/** Scaffolding for the resumable tests: a fake tus server, a fake runtime on it, and an uploader. */
import { expect, onTestFinished, vi } from 'vitest'
import { createUploader, uploadResumable } from '../../src/index'
import type { ResumableOptions } from '../../src/resumable/types'
import type { UploaderConfig } from '../../src/types'
import { bytes, createTusServer, createTusUni, installFakePlus, installFakeXhr, type FakeTusOptions, type FakeTusUniOptions } from '../helpers/fake-tus'

export const ENDPOINT = 'https://tus.test/files/'
export const PATH = '/tmp/a.mp4'

export interface ResumableSetup {
  platform?: string
  size?: number
  server?: FakeTusOptions
  uni?: FakeTusUniOptions
  config?: UploaderConfig
}

/**
 * A fake tus server, a fake runtime for `platform` on it (a fake XHR on web, a fake plus.io on
 * App), a file of `size` bytes (a File on web, a path elsewhere) and `start(options)`, which calls
 * uploadResumable with quick retries unless the options say otherwise.
 */
export function tus({ platform = 'mp-weixin', size = 1000, server: serverOptions, uni: uniOptions, config }: ResumableSetup = {}) {
  const server = createTusServer(serverOptions)
  const data = bytes(size)
  const files = { [PATH]: data }
  const fake = createTusUni(server, { platform, files, ...uniOptions })
  const up = createUploader({ uni: fake.uni as any, ...config })
  let xhr: ReturnType<typeof installFakeXhr> | undefined
  if (platform == 'web') {
    xhr = installFakeXhr(server)
    onTestFinished(xhr.restore)
  }
  const plus = platform == 'app' ? installFakePlus(files) : undefined
  if (plus) onTestFinished(plus.restore)
  const file = new File([data], 'a.mp4', { type: 'video/mp4', lastModified: 1700000000000 })
  const source = platform == 'web' ? { file } : { filePath: PATH }
  const start = (options: Partial<ResumableOptions> = {}): any =>
    uploadResumable({ endpoint: ENDPOINT, chunkSize: 400, retry: { limit: 5, delay: [0] }, uploader: up, ...source, ...options } as ResumableOptions)
  return { server, fake, up, data, file, xhr, plus, start }
}

/** The outcome of a promise: `{ value }` or `{ error }`. */
export const outcome = (promise: Promise<any>): Promise<{ value?: any; error?: any }> =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  )

/**
 * Starts an upload on `t` whose request number `n` (1-based) never answers, and waits until that
 * request is in flight. The upload comes back inside `t`'s fields: an async function would wait for it.
 */
export async function hangAt<T extends ReturnType<typeof tus>>(t: T, n: number, options: Partial<ResumableOptions> = {}): Promise<T & { up: any }> {
  t.server.fail(...Array(n - 1).fill(undefined), 'hang')
  const up = t.start(options)
  await vi.waitFor(() => expect(t.server.seen).toHaveLength(n))
  return { ...t, up }
}

import { getCurrentScope, onScopeDispose } from 'vue'
import type { UploadQueue, UploadQueueOptions, UseUploadQueueOptions } from '../../types.js'
import { resolveConfig } from '../transferState.js'
import { createUploadQueue } from './queue.js'

/**
 * An upload queue bound to the calling scope: many files, `concurrency` at once, per-item reactive
 * state. `options` holds the options of every upload (read when each item starts) plus
 * `concurrency`; `useOptions.uploader` is the instance (else the one the nearest app installed,
 * else the default). When the scope is disposed, every waiting or running item is aborted.
 */
export function useUploadQueue<T = string>(options?: UploadQueueOptions<T>, useOptions: UseUploadQueueOptions = {}): UploadQueue<T> {
  const queue = createUploadQueue<T>(options, { config: resolveConfig(useOptions) })
  if (getCurrentScope()) onScopeDispose(queue.abortAll)
  return queue
}

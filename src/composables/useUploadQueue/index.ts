import { getCurrentScope, onScopeDispose } from 'vue'
import type { UploadQueue, UploadQueueOptions } from '../../types.js'
import { resolveConfig } from '../transferState.js'
import { createQueue } from './queue.js'

/**
 * An upload queue bound to the calling scope: many files, `concurrency` at once, per-item reactive
 * state. `options` holds the options of every upload (read when each item starts) plus
 * `concurrency` and `uploader`. When the scope is disposed, every waiting or running item is
 * aborted.
 */
export function useUploadQueue<T = string>(options: UploadQueueOptions<T> = {}): UploadQueue<T> {
  const queue = createQueue<T>(resolveConfig(options), options)
  if (getCurrentScope()) onScopeDispose(queue.abortAll)
  return queue
}

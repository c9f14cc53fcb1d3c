import { shallowReadonly, shallowRef, triggerRef, type ShallowRef } from 'vue'
import { upload } from '../../core/upload.js'
import { isBlob } from '../../core/validate.js'
import { AbortError, OptionError, type TransferError } from '../../errors.js'
import { defaultConfig } from '../../config.js'
import { keys } from '../../header.js'
import type { OnTask } from '../../core/transfer.js'
import type { QueueItem, QueueItemStatus, QueueSource, Uploader, UploaderConfig, UploadQueue, UploadQueueOptions } from '../../types.js'
import { frameBatch } from '../frame.js'

/**
 * The queue item status machine, in one place: from each status, the statuses it may move to.
 * `queued` waits for a slot; `retry()` takes a failed or aborted item back to `queued`; `paused`
 * is a resumable item held by the queue's `pause()`.
 */
const ITEM_TRANSITIONS: Record<QueueItemStatus, QueueItemStatus[]> = {
  queued: ['pending', 'aborted'],
  pending: ['transferring', 'paused', 'success', 'error', 'aborted'],
  transferring: ['paused', 'success', 'error', 'aborted'],
  // Resumable items only: the queue's resume() takes them back to pending, a late event does not.
  paused: ['pending', 'success', 'error', 'aborted'],
  success: [],
  error: ['queued'],
  aborted: ['queued'],
}
const STATUSES = keys(ITEM_TRANSITIONS) as QueueItemStatus[]

/** An item's private bookkeeping beside its public refs. Plain fields: no per-item deep reactivity. */
interface Entry<T> {
  item: QueueItem<T>
  status: ShallowRef<QueueItemStatus>
  progress: ShallowRef<number>
  error: ShallowRef<TransferError | undefined>
  result: ShallowRef<any>
  options: Record<string, any>
  /** Known total bytes (0 while unknown) and done fraction 0–1, for the overall progress. */
  total: number
  fraction: number
  /** The running call's task; a resumable one can also pause and resume. */
  task?: { abort(): void; pause?(): void; resume?(): void }
}

/** What `add` takes, as the options of one upload. */
function sourceOptions(source: QueueSource): Record<string, any> {
  if (typeof source == 'string') return { filePath: source }
  if (isBlob(source)) return { file: source }
  const item = source as Record<string, any>
  const options: Record<string, any> = { filePath: item.uri, file: item.file }
  if (item.name !== undefined) options.name = item.name
  return options
}

/**
 * Sends one item: a multipart `upload` with the queue's options, or, with `resumable`, the
 * function given as `resumable.send` (uploadResumable) with `resumable`'s options on the same
 * instance. The resumable code is reached only through that option, so a queue that does not use
 * it carries none of it. `onTask` gets the task before any outcome is delivered.
 */
function sendItem(
  config: UploaderConfig,
  { concurrency, resumable, ...common }: UploadQueueOptions<any>,
  source: Record<string, any>,
  callbacks: { success(result: any): void; fail(error: TransferError): void },
  onTask: OnTask,
) {
  if (!resumable) return upload(config, { ...common, ...source, ...callbacks } as any, onTask)
  const { send, ...options } = resumable
  // A call returns its task before it delivers an outcome (both upload and uploadResumable do).
  onTask(send({ ...options, file: source.file, filePath: source.filePath, uploader: { config }, ...callbacks } as any))
}

/**
 * An upload queue outside components: many files, at most `concurrency` at once, in the order
 * added, with per-item reactive state, on `uploader` (the default instance unless one is given).
 * Throws `OptionError` at once for a `concurrency` that is not an integer >= 1, or a `resumable`
 * without its `send`.
 *
 * Costs stay linear in the number of items: items are pushed in place (one trigger per `add`),
 * counts and overall progress are kept incrementally, and progress writes are batched to one per
 * animation frame for the whole queue.
 */
export function createUploadQueue<T = string>(queueOptions: UploadQueueOptions<T> = {}, uploader?: Pick<Uploader, 'config'>): UploadQueue<T> {
  // The default instance's config, not the instance: that would bring the download code along.
  const config = uploader ? uploader.config : defaultConfig
  const concurrency = queueOptions.concurrency === undefined ? 3 : queueOptions.concurrency
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new OptionError('uploadFile:fail concurrency must be an integer >= 1')
  const resumable = queueOptions.resumable
  if (resumable && typeof resumable.send != 'function') throw new OptionError('uploadResumable:fail resumable.send must be uploadResumable')
  const items = shallowRef<QueueItem<T>[]>([])
  const progress = shallowRef(0)
  const counts = shallowRef({} as Record<QueueItemStatus, number>)
  const isPaused = shallowRef(false)
  const tally = {} as Record<QueueItemStatus, number>
  STATUSES.forEach((status) => (tally[status] = 0))
  counts.value = { ...tally }
  // Every entry not cleared, in the order added (the order of `items`).
  const entries = new Set<Entry<T>>()
  // Waiting entries, oldest first: a Set keeps insertion order, and a retried entry, deleted and
  // added again, goes to the end (an entry aborted while waiting is skipped when reached). It is
  // read through one live iterator, so each deleted slot is passed once (linear time); a fresh
  // iterator only when that one ran out.
  const waiting = new Set<Entry<T>>()
  let cursor = waiting.values()
  let pumping = false
  let running = 0
  let nextId = 0
  // Sums for the overall progress, over items that are not aborted: known totals and how much of
  // them is done, and for items whose total is not known yet, their count and done fractions.
  let knownTotal = 0
  let knownCount = 0
  let knownDone = 0
  let unknownCount = 0
  let unknownDone = 0
  // Each entry's newest progress percentage not yet written to its `progress`.
  const unwritten = new Map<Entry<T>, number>()

  const account = (entry: Entry<T>, sign: 1 | -1) => {
    if (entry.status.value == 'aborted') return
    if (entry.total) {
      knownTotal += sign * entry.total
      knownCount += sign
      knownDone += sign * entry.total * entry.fraction
    } else {
      unknownCount += sign
      unknownDone += sign * entry.fraction
    }
  }
  const overall = () => {
    // An item of unknown size weighs the average known size (1 each while none is known).
    const average = knownCount ? knownTotal / knownCount : 1
    const weight = knownTotal + average * unknownCount
    return weight ? Math.min(100, Math.floor(((knownDone + average * unknownDone) / weight) * 100 + 1e-9)) : 0
  }
  const [scheduleWrite, writeNow] = frameBatch(() => {
    unwritten.forEach((percent, entry) => (entry.progress.value = percent))
    unwritten.clear()
    progress.value = overall()
    counts.value = { ...tally }
  })

  function move(entry: Entry<T>, to: QueueItemStatus): boolean {
    const from = entry.status.value
    if (ITEM_TRANSITIONS[from].indexOf(to) < 0) return false
    account(entry, -1)
    tally[from]--
    tally[to]++
    entry.status.value = to
    account(entry, 1)
    scheduleWrite()
    return true
  }

  function start(entry: Entry<T>) {
    running++
    move(entry, 'pending')
    const finished = () => {
      entry.task = undefined
      running--
      pump()
    }
    sendItem(
      config,
      queueOptions,
      entry.options,
      {
        success(result: any) {
          account(entry, -1)
          entry.fraction = 1
          unwritten.set(entry, 100)
          account(entry, 1)
          entry.result.value = result
          move(entry, 'success')
          finished()
        },
        fail(error: TransferError) {
          entry.error.value = error
          move(entry, error instanceof AbortError ? 'aborted' : 'error')
          finished()
        },
      },
      // The task is the item's before the upload starts, so abort() from user code the upload runs
      // synchronously (onRetry after a runtime that throws) reaches it; finished() clears it.
      (task) => {
        entry.task = task
        task.onProgressUpdate((event: any) => {
          account(entry, -1)
          if (event.totalBytesExpectedToSend) entry.total = event.totalBytesExpectedToSend
          // The call's own progress, by bytes where it knows them: it holds at 99 until the upload
          // succeeds, so the overall progress reaches 100 only when every counted item succeeded.
          entry.fraction = Math.max(entry.fraction, event.progress / 100)
          account(entry, 1)
          unwritten.set(entry, event.progress)
          move(entry, 'transferring')
          scheduleWrite()
        })
      },
    )
  }

  // Not re-entrant: a runtime that fails synchronously settles inside start(), and its slot is
  // refilled by this loop instead of by a nested pump (10,000 such items would overflow the stack).
  function pump() {
    if (pumping) return
    pumping = true
    try {
      while (!isPaused.value && running < concurrency) {
        let next = cursor.next()
        if (next.done) next = (cursor = waiting.values()).next()
        if (next.done) break
        waiting.delete(next.value)
        if (next.value.status.value == 'queued') start(next.value)
      }
    } finally {
      pumping = false
    }
  }

  function enqueue(entry: Entry<T>) {
    waiting.delete(entry)
    waiting.add(entry)
  }

  function retry(entry: Entry<T>) {
    // Only failed or aborted items that are still in the queue (not cleared).
    if (!entries.has(entry) || (entry.status.value != 'error' && entry.status.value != 'aborted')) return
    account(entry, -1)
    entry.fraction = 0
    unwritten.set(entry, 0)
    account(entry, 1)
    entry.error.value = entry.result.value = undefined
    move(entry, 'queued')
    enqueue(entry)
    pump()
  }

  function abort(entry: Entry<T>) {
    if (entry.task) entry.task.abort()
    else move(entry, 'aborted')
  }

  const queue: UploadQueue<T> = {
    items: shallowReadonly(items),
    progress: shallowReadonly(progress),
    counts: shallowReadonly(counts),
    isPaused: shallowReadonly(isPaused),
    add(sources) {
      // An array, or an array-like such as an <input type=file>'s FileList.
      const list: QueueSource[] =
        sources && typeof sources == 'object' && typeof (sources as any).length == 'number' && !isBlob(sources)
          ? Array.from(sources as ArrayLike<QueueSource>)
          : [sources as QueueSource]
      const added: QueueItem<T>[] = []
      for (const source of list) {
        const status = shallowRef<QueueItemStatus>('queued')
        const entry = {
          status,
          progress: shallowRef(0),
          error: shallowRef(),
          result: shallowRef(),
          options: sourceOptions(source),
          total: 0,
          fraction: 0,
        } as Entry<T>
        const item: QueueItem<T> = {
          id: ++nextId,
          source,
          status: shallowReadonly(status),
          progress: shallowReadonly(entry.progress),
          error: shallowReadonly(entry.error),
          result: shallowReadonly(entry.result),
          abort: () => abort(entry),
          retry: () => retry(entry),
        }
        entry.item = item
        entries.add(entry)
        tally.queued++
        account(entry, 1)
        enqueue(entry)
        added.push(item)
        items.value.push(item)
      }
      triggerRef(items)
      scheduleWrite()
      pump()
      return added
    },
    abortAll() {
      // Queued ones first, so aborting a running one cannot start them.
      entries.forEach((entry) => entry.status.value == 'queued' && abort(entry))
      entries.forEach(abort)
      // Counts and progress at once, and no frame left due (this also runs on scope disposal).
      writeNow()
    },
    retryFailed() {
      entries.forEach((entry) => entry.status.value == 'error' && retry(entry))
    },
    pause() {
      isPaused.value = true
      // Running resumable items pause too; an upload's task has no pause(), so it goes on.
      entries.forEach((entry) => entry.task && entry.task.pause && move(entry, 'paused') && entry.task.pause())
    },
    resume() {
      isPaused.value = false
      entries.forEach((entry) => entry.status.value == 'paused' && move(entry, 'pending') && entry.task!.resume!())
      pump()
    },
    clear() {
      entries.forEach((entry) => {
        const status = entry.status.value
        if (status == 'success' || status == 'error' || status == 'aborted') {
          account(entry, -1)
          tally[status]--
          entries.delete(entry)
          unwritten.delete(entry)
        }
      })
      // The items left, in the same order: `entries` keeps the order they were added in.
      items.value = Array.from(entries, (entry) => entry.item)
      scheduleWrite()
    },
  }
  return queue
}

import { isObject } from '../core/validate.js'
import { readStored, removeStored, writeStored } from '../transport/storage.js'
import type { UploaderConfig } from '../types.js'

/** Where a started upload is kept, to resume it after a failure or a restart. */
export interface UploadRecord {
  uploadUrl: string
  endpoint: string
  size: number
  createdAt: number
  /** From the server's `Upload-Expires`, in ms since the epoch. */
  expiresAt?: number
}

/** The one storage key holding every record, by fingerprint and endpoint. */
export const RECORDS_KEY = 'uni-uploader:tus'
/** Records kept at most; the oldest go first. */
export const MAX_RECORDS = 50

type Records = Record<string, UploadRecord>

/** Records are kept per fingerprint and endpoint: the same file sent to two endpoints has two. */
const recordKey = (fingerprint: string, endpoint: string) => fingerprint + ' ' + endpoint

function readRecords(config: UploaderConfig): Records {
  const stored = readStored(config, RECORDS_KEY)
  return isObject(stored) ? { ...stored } : {}
}

function writeRecords(config: UploaderConfig, records: Records) {
  if (Object.keys(records).length) writeStored(config, RECORDS_KEY, records)
  else removeStored(config, RECORDS_KEY)
}

const expired = (record: UploadRecord, now: number) => !!record.expiresAt && record.expiresAt <= now

/** Drops the expired records, then the oldest, until at most MAX_RECORDS are left. */
export function pruneRecords(records: Records, now: number): Records {
  for (const key of Object.keys(records)) if (!isObject(records[key]) || expired(records[key], now)) delete records[key]
  const keys = Object.keys(records).sort((a, b) => records[a].createdAt - records[b].createdAt)
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_RECORDS))) delete records[key]
  return records
}

/**
 * The stored upload for this fingerprint and endpoint, when it can be used: same endpoint and
 * size, not expired (an expired one is removed).
 */
export function findRecord(config: UploaderConfig, fingerprint: string, endpoint: string, size: number, now: number): UploadRecord | undefined {
  const records = readRecords(config)
  const key = recordKey(fingerprint, endpoint)
  const record = records[key]
  if (!isObject(record)) return
  if (expired(record, now)) {
    delete records[key]
    writeRecords(config, records)
  } else if (record.endpoint == endpoint && record.size == size && typeof record.uploadUrl == 'string') return record
}

/** Stores (or refreshes) the record of `fingerprint`, pruning on the way. */
export function saveRecord(config: UploaderConfig, fingerprint: string, record: UploadRecord, now: number): void {
  const records = readRecords(config)
  records[recordKey(fingerprint, record.endpoint)] = record
  writeRecords(config, pruneRecords(records, now))
}

/** Forgets the record of `fingerprint` at `endpoint`. */
export function removeRecord(config: UploaderConfig, fingerprint: string, endpoint: string): void {
  const records = readRecords(config)
  const key = recordKey(fingerprint, endpoint)
  if (!(key in records)) return
  delete records[key]
  writeRecords(config, records)
}

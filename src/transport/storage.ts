import type { UploaderConfig } from '../types.js'

/**
 * uni's storage (localStorage on H5), literally `uni.getStorageSync(…)` and friends: see
 * platform.ts for why. None of them ever throws to the caller: a read that fails is nothing
 * stored, and a write that fails (quota) is ignored.
 */
const runtimeOf = (config: UploaderConfig): any => config.uni

/** The value stored under `key`, or `undefined`. */
export function readStored(config: UploaderConfig, key: string): unknown {
  try {
    const runtime = runtimeOf(config)
    return runtime ? runtime.getStorageSync(key) : uni.getStorageSync(key)
  } catch {
    return undefined
  }
}

/** Stores `value` under `key`; a full storage is ignored (the upload goes on, not resumable). */
export function writeStored(config: UploaderConfig, key: string, value: unknown): void {
  try {
    const runtime = runtimeOf(config)
    if (runtime) runtime.setStorageSync(key, value)
    else uni.setStorageSync(key, value)
  } catch {
    // quota or a missing storage: nothing to do
  }
}

/** Removes `key`. */
export function removeStored(config: UploaderConfig, key: string): void {
  try {
    const runtime = runtimeOf(config)
    if (runtime) runtime.removeStorageSync(key)
    else uni.removeStorageSync(key)
  } catch {
    // nothing stored, or no storage: nothing to do
  }
}

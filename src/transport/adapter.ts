/** A runtime's upload options, as the runtime receives them (callbacks are added per request). */
export type RuntimeOptions = Record<string, any>

/** What one platform quirk set changes about an upload. */
export interface UploadAdapter {
  /** The runtime sends `files[]` itself, in one request. */
  multiFile: boolean
  /** Shapes one request's options in place; may return a cleanup to run when the call settles. */
  prepare?(options: RuntimeOptions): (() => void) | void
}

/** A runtime's upload options, as the runtime receives them (callbacks are added per request). */
export type RuntimeOptions = Record<string, any>

/** What one platform quirk set changes about an upload. */
export interface UploadAdapter {
  /** The runtime sends `files[]` itself, in one request (else one request per file). */
  multiFile?: boolean
  /** Shapes one request's options in place; adds to `cleanups` what must run when the call settles. */
  prepare?(options: RuntimeOptions, cleanups: (() => void)[]): void
}

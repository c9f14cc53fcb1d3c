/** The file a resumable upload sends, read a slice at a time (tus-js-client's FileSource idea). */
export interface FileSource {
  /** Size in bytes. */
  size: number
  /** H5: the File or Blob. */
  file?: Blob
  /** The path it was given as. */
  filePath?: string
  /** The file's name, where known. */
  name?: string
  /** The file's MIME type, where known (H5). */
  type?: string
  /** Bytes `[start, end)`: a Blob slice on H5 (no copy), an ArrayBuffer elsewhere. */
  read(start: number, end: number): Promise<Blob | ArrayBuffer>
}

/** The last segment of a path (`/a/b/c.mp4` → `c.mp4`), or `undefined`. */
export const lastSegment = (path?: string): string | undefined => (path && path.split(/[/\\]/).pop()) || undefined

/** A slice as bytes: a Blob is read, an ArrayBuffer viewed. */
export const bytesOf = async (slice: Blob | ArrayBuffer): Promise<Uint8Array> =>
  new Uint8Array(slice instanceof ArrayBuffer ? slice : await (slice as Blob).arrayBuffer())

// What a card's live region says about an upload: one sentence per status change, never the
// running percent (a screen reader would read every step).

export interface UploadMoment {
  status: string
  /** all sent, the server has not answered (see waiting.ts) */
  waiting: boolean
  /** added after "uploaded", e.g. "bytes verified" */
  done?: string
  /** the error's class, e.g. "TimeoutError" */
  errorKind?: string
}

/** "photo.jpg: all sent, waiting for the server", "photo.jpg: failed, NetworkError"; empty when idle. */
export function uploadAnnouncement(subject: string, { status, waiting, done, errorKind }: UploadMoment): string {
  switch (status) {
    case 'queued':
      return `${subject}: queued`
    case 'pending':
      return `${subject}: starting`
    case 'transferring':
      return waiting ? `${subject}: all sent, waiting for the server` : `${subject}: uploading`
    case 'success':
      return `${subject}: uploaded${done ? `, ${done}` : ''}`
    case 'error':
      return `${subject}: failed${errorKind ? `, ${errorKind}` : ''}`
    case 'aborted':
      return `${subject}: aborted`
    default:
      return ''
  }
}

/**
 * One error hierarchy for every failure. Each keeps uni's `errMsg` (`uploadFile:fail …`) so code
 * written against uni's callbacks keeps working, and `cause`: the runtime result the call got.
 */
export class TransferError extends Error {
  /** uni-style message: `<api>:fail <reason>`, or the runtime's own. */
  errMsg: string
  /** The runtime result the call got (the response, for `HTTPError`), else `undefined`. */
  cause: unknown
  /** HTTPError: the response status. */
  statusCode?: number
  /** HTTPError: the response body; ParseError: the raw text. */
  data?: unknown
  /** HTTPError: the response headers. */
  header?: Record<string, string>
  // Each class names itself with a getter on its prototype: a string, because minifiers rename
  // classes (constructor.name), and in the class body, because a loop or an assignment after the
  // class is a side effect that keeps every class in every bundle.
  override get name() {
    return 'TransferError'
  }
  constructor(errMsg: string, cause?: any) {
    super(errMsg)
    this.errMsg = errMsg
    this.cause = cause
    if (cause) {
      // HTTPError and ParseError carry the response's fields; other causes have none of them.
      this.statusCode = cause.statusCode
      this.data = cause.data
      this.header = cause.header
    }
  }
}

/** `abort()` was called (by you, a new `execute`, or a disposed scope). Never retried. */
export class AbortError extends TransferError {
  override get name() {
    return 'AbortError'
  }
}

/** The wrapper's timer or the runtime's own timeout expired. */
export class TimeoutError extends TransferError {
  override get name() {
    return 'TimeoutError'
  }
}

/** Anything else the runtime reported: offline, reset, refused, an abort nobody asked for. */
export class NetworkError extends TransferError {
  override get name() {
    return 'NetworkError'
  }
}

/** The server answered, but `validateStatus` rejected the status. */
export class HTTPError extends TransferError {
  override get name() {
    return 'HTTPError'
  }
  declare statusCode: number
}

/** Bad input, caught before anything is sent. The message names the option. */
export class OptionError extends TransferError {
  override get name() {
    return 'OptionError'
  }
}

/** `parse` could not turn the response text into data; `data` keeps the raw text. */
export class ParseError extends TransferError {
  override get name() {
    return 'ParseError'
  }
  /** The response text `parse` could not read. */
  declare data: string
}

/** The words of anything thrown or rejected: uni's errMsg, an Error's message, else the value itself. */
export const messageOf = (error: any): string => (error && (error.errMsg || error.message)) || String(error)

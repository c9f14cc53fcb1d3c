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
  // A getter on the prototype, as every subclass has (see `named`).
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

/**
 * The base of a class whose instances are named `name`. `name` is a string, because minifiers
 * rename classes (constructor.name); it is set in a class made by a pure call, because a loop or
 * an assignment after the class is a side effect that keeps every class in every bundle.
 */
const named = (name: string): typeof TransferError =>
  class extends TransferError {
    override get name() {
      return name
    }
  }

/** `abort()` was called (by you, a new `execute`, or a disposed scope). Never retried. */
export class AbortError extends /* #__PURE__ */ named('AbortError') {}

/** The wrapper's timer or the runtime's own timeout expired. */
export class TimeoutError extends /* #__PURE__ */ named('TimeoutError') {}

/** Anything else the runtime reported: offline, reset, refused, an abort nobody asked for. */
export class NetworkError extends /* #__PURE__ */ named('NetworkError') {}

/** The server answered, but `validateStatus` rejected the status. */
export class HTTPError extends /* #__PURE__ */ named('HTTPError') {
  declare statusCode: number
}

/** Bad input, caught before anything is sent. The message names the option. */
export class OptionError extends /* #__PURE__ */ named('OptionError') {}

/** `parse` could not turn the response text into data; `data` keeps the raw text. */
export class ParseError extends /* #__PURE__ */ named('ParseError') {
  /** The response text `parse` could not read. */
  declare data: string
}

/** The words of anything thrown or rejected: uni's errMsg, an Error's message, else the value itself. */
export const messageOf = (error: any): string => (error && (error.errMsg || error.message)) || String(error)

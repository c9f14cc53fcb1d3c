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

/** An error kind: `new HTTPError(errMsg, cause?)`, `error instanceof HTTPError`. */
interface ErrorKind<Instance> {
  new (errMsg: string, cause?: any): Instance
  prototype: Instance
}

/**
 * Makes the error kind named `name`. `name` is a string, because minifiers rename classes
 * (constructor.name); it is a getter in a class made by a pure call, because a loop or an
 * assignment after the class is a side effect that keeps every class in every bundle. Each kind is
 * that call's value plus an interface of the same name: `class X extends named('X') {}` would cost
 * a wrapper class in every bundle.
 */
const named = <Instance extends TransferError>(name: Instance['name']) =>
  class extends TransferError {
    override get name() {
      return name
    }
  } as unknown as ErrorKind<Instance>

/** `abort()` was called (by you, a new `execute`, or a disposed scope). Never retried. */
export const AbortError = /* #__PURE__ */ named<AbortError>('AbortError')
export interface AbortError extends TransferError {
  readonly name: 'AbortError'
}

/** The wrapper's timer or the runtime's own timeout expired. */
export const TimeoutError = /* #__PURE__ */ named<TimeoutError>('TimeoutError')
export interface TimeoutError extends TransferError {
  readonly name: 'TimeoutError'
}

/** Anything else the runtime reported: offline, reset, refused, an abort nobody asked for. */
export const NetworkError = /* #__PURE__ */ named<NetworkError>('NetworkError')
export interface NetworkError extends TransferError {
  readonly name: 'NetworkError'
}

/** The server answered, but `validateStatus` rejected the status. */
export const HTTPError = /* #__PURE__ */ named<HTTPError>('HTTPError')
export interface HTTPError extends TransferError {
  readonly name: 'HTTPError'
  /** The response status. */
  statusCode: number
}

/** Bad input, caught before anything is sent. The message names the option. */
export const OptionError = /* #__PURE__ */ named<OptionError>('OptionError')
export interface OptionError extends TransferError {
  readonly name: 'OptionError'
}

/** `parse` could not turn the response text into data; `data` keeps the raw text. */
export const ParseError = /* #__PURE__ */ named<ParseError>('ParseError')
export interface ParseError extends TransferError {
  readonly name: 'ParseError'
  /** The response text `parse` could not read. */
  data: string
}

/** The words of anything thrown or rejected: uni's errMsg, an Error's message, else the value itself. */
export const messageOf = (error: any): string => (error && (error.errMsg || error.message)) || String(error)

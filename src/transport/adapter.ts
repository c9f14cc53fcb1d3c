/** A runtime's upload options, as the runtime receives them (callbacks are added per request). */
export type RuntimeOptions = Record<string, any>

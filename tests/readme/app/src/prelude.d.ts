// The names README examples use without declaring them: examples are fragments of an app, so they
// refer to "your" app, file and helpers. Every README code block is compiled as its own module with
// these in scope (and every export of the library, as the API section imports them once: see
// src/readme/exports.d.ts, generated); a block's own `import` or `const` of the same name shadows
// them. Keep this list short and obvious: a name a reader could not guess belongs in the example.

/** The app `createApp()` in main.ts made (`createSSRApp(App)`). */
declare const app: import('vue').App
/** A local file path, e.g. from `uni.chooseImage`. */
declare const filePath: string
/** An H5 `File`, e.g. from an `<input type="file">`. */
declare const file: File
/** Your own token refresh. */
declare function freshToken(): Promise<string>
/** Your own logger. */
declare function log(value: unknown): void

/** Runs `hooks` one after another on `value`; a hook's non-undefined return replaces the value. */
export const runHooks = (hooks: ((...args: any[]) => unknown)[], value: any, ...rest: unknown[]): Promise<any> =>
  hooks.reduce(
    (chain: Promise<any>, hook) => chain.then((current) => Promise.resolve(hook(current, ...rest)).then((next) => (next === undefined ? current : next))),
    Promise.resolve(value),
  )

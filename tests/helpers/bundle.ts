/**
 * Bundles library source the way an app's production build ships it (Rollup tree-shaking, then
 * esbuild minify, as bench/size.mjs measures dist/), straight from src/ so tests need no build.
 * `vue` stays external.
 */
import { transform } from 'esbuild'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { rollup } from 'rollup'

const src = resolve(__dirname, '../../src') + '/'

/** `entry` is module code importing from `uni-uploader` (src/index.ts). Returns the minified code. */
export async function bundleMinified(entry: string, format: 'esm' | 'cjs' = 'esm'): Promise<string> {
  const bundle = await rollup({
    input: '\0entry',
    external: ['vue'],
    onwarn: () => {},
    plugins: [
      {
        name: 'src',
        resolveId(id, importer) {
          if (id == '\0entry') return id
          if (id == 'uni-uploader') return src + 'index.ts'
          // src imports its siblings as `./x.js`; the file is `./x.ts`
          if (importer && id.startsWith('.')) {
            const ts = resolve(dirname(importer), id.replace(/\.js$/, '.ts'))
            if (existsSync(ts)) return ts
          }
          return null
        },
        load: (id) => (id == '\0entry' ? entry : null),
        async transform(code, id) {
          if (id.endsWith('.ts')) return (await transform(code, { loader: 'ts', format: 'esm', target: 'es2018' })).code
        },
      },
    ],
  })
  const { output } = await bundle.generate({ format: 'es' })
  await bundle.close()
  return (await transform(output[0].code, { minify: true, format, target: 'es2018' })).code
}

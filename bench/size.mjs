// Size as a Vite production build ships it: Rollup bundles (node-resolve, tree-shaking), `vue` and
// `@dcloudio/*` external, then esbuild minifies and gzip -9 compresses. Every entry is measured the
// same way in the same run (esbuild's own bundler cannot tree-shake some of them, which would
// flatter us).
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import { transform } from 'esbuild'
import { existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { rollup } from 'rollup'

const root = fileURLToPath(new URL('..', import.meta.url))
const ours = root + 'dist/index.js'

/** name → entry module source. */
export const entries = {
  'uni-uploader (full API)': `export * from 'uni-uploader'; export { default } from 'uni-uploader'`,
  'uni-uploader (useUpload only)': `export { useUpload } from 'uni-uploader'`,
  'uni-uploader (uploader.upload only)': `import u from 'uni-uploader'; export const upload = (o) => u.upload(o)`,
  'luch-request': `export { default } from 'luch-request'`,
  '@uni-helper/uni-use (useUploadFile + useDownloadFile)': `export { useUploadFile, useDownloadFile } from '@uni-helper/uni-use'`,
  '@uni-helper/uni-use (useUploadFile only)': `export { useUploadFile } from '@uni-helper/uni-use'`,
  '@uni-helper/uni-network': `export { default } from '@uni-helper/uni-network'`,
  'alova + @alova/adapter-uniapp': `import { createAlova } from 'alova'; import adapter from '@alova/adapter-uniapp'; export const alova = createAlova({ ...adapter() })`,
}

export async function measure(code) {
  const bundle = await rollup({
    input: '\0entry',
    external: (id) => id === 'vue' || id.startsWith('@dcloudio/') || id.startsWith('@vue/'),
    onwarn: () => {},
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === '\0entry' ? id : id === 'uni-uploader' ? ours : null),
        load: (id) => (id === '\0entry' ? code : null),
      },
      nodeResolve({ browser: true, rootDir: root }),
      commonjs(),
    ],
  })
  const { output } = await bundle.generate({ format: 'es' })
  await bundle.close()
  const minified = (await transform(output[0].code, { minify: true, format: 'esm', target: 'es2018' })).code
  return {
    min: minified.length,
    gzip: gzipSync(minified, { level: 9 }).length,
    // tree-shaking check for our useUpload-only entry
    hasDownload: /\.downloadFile\(/.test(minified),
  }
}

export async function sizeTable() {
  if (!existsSync(ours)) throw new Error('dist/ is missing: run `npm run build` first')
  const rows = []
  for (const [name, code] of Object.entries(entries)) {
    try {
      rows.push({ name, ...(await measure(code)) })
    } catch (error) {
      rows.push({ name, error: String(error.message || error).split('\n')[0] })
    }
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (n) => (n / 1024).toFixed(2) + ' KB'
  for (const row of await sizeTable()) {
    console.log(row.error ? `${row.name}: ${row.error}` : `${row.name.padEnd(56)} ${kb(row.min).padStart(10)} min ${kb(row.gzip).padStart(9)} gz${row.hasDownload ? '' : '  (no download code)'}`)
  }
}

// Size as a Vite production build ships it: Rollup bundles (node-resolve, tree-shaking), `vue` and
// `@dcloudio/*` external, then esbuild minifies and gzip -9 compresses. Every entry is measured the
// same way in the same run (esbuild's own bundler cannot tree-shake some of them, which would
// flatter us).
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import { transform } from 'esbuild'
import { existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { rollup } from 'rollup'

const root = fileURLToPath(new URL('..', import.meta.url))
const ours = root + 'dist/index.js'

const FULL = 'uni-uploader (full API, without the resumable upload)'
const USE_UPLOAD = 'uni-uploader (useUpload only)'
const UPLOAD = 'uni-uploader (uploader.upload only)'

/**
 * Issue 12's budgets, in bytes of min+gzip (kB = 1,000 bytes, as the issue counts: 5.36 kB was
 * 5,362 bytes): what an app pays for the one thing it imports.
 */
export const budgets = { [UPLOAD]: 4000, [USE_UPLOAD]: 4700, [FULL]: 6400 }

/** The resumable upload's own imports: measured only once src/index.ts exports them. */
const RESUMABLE = ['uploadResumable', 'useResumableUpload']

/** name → entry module source, given the names dist/index.js exports. */
export function entriesFor(exported) {
  const full = exported.filter((name) => name != 'default' && !RESUMABLE.includes(name))
  const entries = {
    [FULL]: `export { ${full.join(', ')} } from 'uni-uploader'; export { default } from 'uni-uploader'`,
    [USE_UPLOAD]: `export { useUpload } from 'uni-uploader'`,
    [UPLOAD]: `import u from 'uni-uploader'; export const upload = (o) => u.upload(o)`,
  }
  for (const name of RESUMABLE) if (exported.includes(name)) entries[`uni-uploader (${name} only)`] = `export { ${name} } from 'uni-uploader'`
  return {
    ...entries,
    'luch-request': `export { default } from 'luch-request'`,
    '@uni-helper/uni-use (useUploadFile + useDownloadFile)': `export { useUploadFile, useDownloadFile } from '@uni-helper/uni-use'`,
    '@uni-helper/uni-use (useUploadFile only)': `export { useUploadFile } from '@uni-helper/uni-use'`,
    '@uni-helper/uni-network': `export { default } from '@uni-helper/uni-network'`,
    'alova + @alova/adapter-uniapp': `import { createAlova } from 'alova'; import adapter from '@alova/adapter-uniapp'; export const alova = createAlova({ ...adapter() })`,
  }
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

/** Every entry measured; rows with a budget carry it (`budget`, in bytes of gzip). */
export async function sizeTable() {
  if (!existsSync(ours)) throw new Error('dist/ is missing: run `npm run build` first')
  const exported = Object.keys(await import(pathToFileURL(ours).href))
  const rows = []
  for (const [name, code] of Object.entries(entriesFor(exported))) {
    try {
      rows.push({ name, budget: budgets[name], ...(await measure(code)) })
    } catch (error) {
      rows.push({ name, error: String(error.message || error).split('\n')[0] })
    }
  }
  return rows
}

/** kB as the issue counts them: 1,000 bytes. */
export const kB = (n) => (n / 1000).toFixed(2) + ' kB'

/** One printed line per row: min, gzip, and against its budget, met or NOT MET. */
export function sizeLine(row) {
  if (row.error) return `${row.name}: could not bundle (${row.error})`
  const mark = row.budget === undefined ? '' : `   budget ${kB(row.budget)}: ${row.gzip <= row.budget ? 'met' : 'NOT MET'}`
  return `${row.name.padEnd(56)} ${kB(row.min).padStart(9)} min ${kB(row.gzip).padStart(9)} gz${mark}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await sizeTable()) console.log(sizeLine(row))
}

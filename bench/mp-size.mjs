// The library's cost in each platform's real build: the e2e/mp page set (the packed library, as a
// user installs it) against the same page calling uni directly (e2e/mp/bench-direct), both built
// by uni for mp-weixin, mp-alipay, mp-baidu and app. Measured: gzip -9 of the JavaScript each
// build ships (mini-programs: app.js, common/vendor.js and the page; App: app-service.js).
// Needs e2e/mp's install (npm run test:mp makes it); without it the table is skipped.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const mpDir = fileURLToPath(new URL('../e2e/mp/', import.meta.url))
const SHIPPED = {
  app: ['app-service.js'],
  mp: ['app.js', 'common/vendor.js', 'pages/index/index.js'],
}
const gzip = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length

/** The e2e/mp source with the direct page and main.js in place of the library's. */
function directSource(benchDir) {
  const dir = path.join(benchDir, 'direct-src')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.cpSync(path.join(mpDir, 'src'), dir, { recursive: true })
  fs.cpSync(path.join(mpDir, 'bench-direct'), dir, { recursive: true })
  return dir
}

/** Rows { platform, library, direct, vendorLibrary, vendorDirect } in bytes (gzip), or { skipped }. */
export async function mpSizeTable() {
  if (!fs.existsSync(path.join(mpDir, 'node_modules', '@dcloudio', 'vite-plugin-uni'))) return { skipped: 'e2e/mp is not installed (npm run test:mp installs it)' }
  const { PLATFORMS, buildAll, installPackedLibrary } = await import('../e2e/mp/scripts/prepare.mjs')
  installPackedLibrary()
  // Inside e2e/mp so that the builds resolve e2e/mp's node_modules; dist/ is ignored by git.
  const benchDir = path.join(mpDir, 'dist', 'bench')
  const inputs = { library: path.join(mpDir, 'src'), direct: directSource(benchDir) }
  const outputOf = (variant, platform) => path.join(benchDir, variant, platform)
  const jobs = PLATFORMS.flatMap((platform) => Object.entries(inputs).map(([variant, inputDir]) => [platform, { inputDir, outputDir: outputOf(variant, platform) }]))
  await buildAll(jobs)
  const rows = PLATFORMS.map((platform) => {
    const files = platform == 'app' ? SHIPPED.app : SHIPPED.mp
    const row = { platform }
    for (const variant of Object.keys(inputs)) {
      row[variant] = files.reduce((sum, file) => sum + gzip(path.join(outputOf(variant, platform), file)), 0)
      // The bundle the library lands in: common/vendor.js, or the App's one service bundle.
      row['vendor' + variant[0].toUpperCase() + variant.slice(1)] = gzip(path.join(outputOf(variant, platform), files[platform == 'app' ? 0 : 1]))
    }
    return row
  })
  return { rows }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kb = (n) => (n / 1024).toFixed(2) + ' KB'
  const table = await mpSizeTable()
  if (table.skipped) console.log('skipped: ' + table.skipped)
  else for (const r of table.rows) console.log(`${r.platform.padEnd(10)} with library ${kb(r.library)}  direct ${kb(r.direct)}  cost +${kb(r.library - r.direct)} gz (vendor bundle +${kb(r.vendorLibrary - r.vendorDirect)})`)
}

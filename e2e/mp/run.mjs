#!/usr/bin/env node
// npm run test:mp: gets e2e/mp ready (install if missing, the packed library, the uni builds for
// mp-weixin, mp-alipay, mp-baidu and app; scripts/prepare.mjs), then runs every test in tests/
// (the host scenarios per platform, WeChat through miniprogram-simulate, the App build check).
//   node e2e/mp/run.mjs [--no-build] [test files…]
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PLATFORMS, buildAll, install, installPackedLibrary, mpDir } from './scripts/prepare.mjs'

const args = process.argv.slice(2)
const noBuild = args.includes('--no-build')
const files = args.filter((a) => a != '--no-build')
const started = Date.now()
const seconds = (ms) => (ms / 1000).toFixed(1) + ' s'

if (!noBuild) {
  if (install()) console.log('e2e/mp: npm ci done')
  installPackedLibrary()
  console.log('e2e/mp: packed library installed')
  await buildAll(
    PLATFORMS.map((platform) => [platform]),
    (platform, ms) => console.log(`e2e/mp: built ${platform} in ${seconds(ms)}`),
  )
}
const tests = files.length ? files : fs.readdirSync(path.join(mpDir, 'tests')).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(mpDir, 'tests', f))
const result = spawnSync(process.execPath, ['--test', ...tests], { stdio: 'inherit' })
console.log(`e2e/mp: ${result.status === 0 ? 'passed' : 'FAILED'} in ${seconds(Date.now() - started)}`)
process.exit(result.status ?? 1)

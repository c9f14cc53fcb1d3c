#!/usr/bin/env node
// Gets e2e/mp ready to run: its own install (npm ci, when node_modules is missing), the library
// as a user installs it (the root's `npm run build`, then `npm pack`, unpacked into
// node_modules/uni-uploader: the published files, not src/), and the uni builds
// (dist/build/<platform>) for every platform asked for.
//   node e2e/mp/scripts/prepare.mjs [mp-weixin mp-alipay mp-baidu app]
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const mpDir = fileURLToPath(new URL('..', import.meta.url))
export const repoRoot = path.resolve(mpDir, '../..')
export const PLATFORMS = ['mp-weixin', 'mp-alipay', 'mp-baidu', 'app']
const npm = process.platform == 'win32' ? 'npm.cmd' : 'npm'

/** Where `uni build -p <platform>` puts its output. */
export const outputOf = (platform) => path.join(mpDir, 'dist', 'build', platform)

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

/** npm ci in e2e/mp unless its toolchain is already installed. */
export function install() {
  if (fs.existsSync(path.join(mpDir, 'node_modules', '@dcloudio', 'vite-plugin-uni'))) return false
  run(npm, ['ci', '--no-audit', '--no-fund', '--prefix', mpDir], repoRoot)
  return true
}

/** Builds the library and installs its packed tarball as node_modules/uni-uploader. */
export function installPackedLibrary() {
  run(npm, ['run', 'build'], repoRoot)
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uni-uploader-pack-'))
  try {
    const [{ filename }] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', packDir], repoRoot))
    const target = path.join(mpDir, 'node_modules', 'uni-uploader')
    fs.rmSync(target, { recursive: true, force: true })
    fs.mkdirSync(target, { recursive: true })
    execFileSync('tar', ['-xzf', path.join(packDir, path.basename(filename)), '-C', target, '--strip-components=1'])
  } finally {
    fs.rmSync(packDir, { recursive: true, force: true })
  }
}

/**
 * `uni build -p <platform>` (production, no update check) of `inputDir` (src/) into `outputDir`
 * (dist/build/<platform>); resolves to the time it took in ms.
 */
export function buildPlatform(platform, { inputDir, outputDir } = {}) {
  const started = Date.now()
  const cli = path.join(mpDir, 'node_modules', '@dcloudio', 'vite-plugin-uni', 'bin', 'uni.js')
  const env = { ...process.env, CI: '1', NODE_ENV: 'production' }
  if (inputDir) env.UNI_INPUT_DIR = inputDir
  if (outputDir) env.UNI_OUTPUT_DIR = outputDir
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', '-p', platform], { cwd: mpDir, env })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Date.now() - started) : reject(new Error(`uni build -p ${platform} failed (exit ${code})\n${output}`))))
  })
}

/**
 * Runs the builds `jobs` ([platform, options] pairs) two at a time (each build is mostly one
 * busy core); calls `done(platform, ms)` as each ends.
 */
export async function buildAll(jobs, done = () => {}) {
  const queue = jobs.slice()
  const worker = async () => {
    for (let job; (job = queue.shift()); ) done(job[0], await buildPlatform(...job))
  }
  await Promise.all([worker(), worker()])
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const platforms = process.argv.slice(2).length ? process.argv.slice(2) : PLATFORMS
  if (install()) console.log('e2e/mp: npm ci done')
  installPackedLibrary()
  console.log('e2e/mp: packed library installed')
  await buildAll(
    platforms.map((platform) => [platform]),
    (platform, ms) => console.log(`e2e/mp: built ${platform} in ${(ms / 1000).toFixed(1)} s`),
  )
}

#!/usr/bin/env node
// Builds the playground (playground/src, a uni-app Vue 3 app) for H5 into playground/dist/h5
// with the pinned uni toolchain, importing the library from src/ (alias in /vite.config.ts).
//   node playground/scripts/build.mjs        (npm run playground:build)
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const inputDir = path.join(repoRoot, 'playground', 'src')
export const outputDir = path.join(repoRoot, 'playground', 'dist', 'h5')

/** Runs the uni CLI's H5 build; resolves with the wall-clock time in ms. */
export function buildPlayground({ quiet = false } = {}) {
  const cli = path.join(repoRoot, 'node_modules', '@dcloudio', 'vite-plugin-uni', 'bin', 'uni.js')
  if (!existsSync(cli)) throw new Error('node_modules/@dcloudio/vite-plugin-uni is missing: run `npm ci` first')
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', '-p', 'h5'], {
      cwd: repoRoot, // uni uses it as the Vite root and finds /vite.config.ts there
      env: {
        ...process.env,
        CI: '1', // no update check
        UNI_INPUT_DIR: inputDir,
        UNI_OUTPUT_DIR: outputDir, // uni's caches go beside it, also under playground/dist/
        NODE_ENV: 'production',
      },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    })
    let output = ''
    child.stdout?.on('data', (d) => (output += d))
    child.stderr?.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0 && existsSync(path.join(outputDir, 'index.html'))) resolve(Date.now() - started)
      else reject(new Error(`playground build failed (exit ${code})\n${output}`))
    })
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildPlayground()
    .then((ms) => console.log(`playground built in ${(ms / 1000).toFixed(1)} s → ${path.relative(process.cwd(), outputDir) || outputDir}`))
    .catch((err) => {
      console.error(err.message)
      process.exit(1)
    })
}

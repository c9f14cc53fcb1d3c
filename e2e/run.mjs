#!/usr/bin/env node
// Runs the end-to-end tests with node's own test runner: the built playground (npm run test:e2e
// builds it first) in the system Chromium, against playground/server on 127.0.0.1.
//   node e2e/run.mjs [files…]    (default: every e2e/*.test.mjs)
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM } from './lib/browser.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.join(here, '..', 'playground', 'dist', 'h5', 'index.html')

if (!existsSync(CHROMIUM)) {
  console.error(`e2e: ${CHROMIUM} is missing. Install the system Chromium: apt-get update && apt-get install -y chromium`)
  process.exit(1)
}
if (!existsSync(dist)) {
  console.error('e2e: the playground is not built: run `npm run playground:build` (npm run test:e2e does both)')
  process.exit(1)
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(here)
      .filter((f) => f.endsWith('.test.mjs'))
      .sort()
      .map((f) => path.join(here, f))

const child = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-concurrency=1', '--test-timeout=120000', ...files],
  { stdio: 'inherit' },
)
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))

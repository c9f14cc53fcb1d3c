#!/usr/bin/env node
// `npm run playground`: builds the playground, then serves it and the upload API on one port
// (127.0.0.1, PORT or 5174). Ctrl-C stops the server and removes the stored files.
//   --no-build   serve the last build as it is
import { buildPlayground, outputDir } from './build.mjs'
import { startServer } from '../server/index.mjs'

const skipBuild = process.argv.includes('--no-build')
const port = Number(process.env.PORT || 5174)
const host = '127.0.0.1' // loopback only

if (!skipBuild) {
  const ms = await buildPlayground()
  console.log(`playground built in ${(ms / 1000).toFixed(1)} s`)
}

const server = await startServer({ port, host, root: outputDir })
console.log(`\n  uni-uploader playground: ${server.url}/\n  (Ctrl-C to stop)\n`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)


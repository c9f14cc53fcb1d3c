// `npm run bench`: every figure in one run, side by side. Builds the library first.
//   size        min+gzip of our entries and the alternatives, bundled the same way; our budgets
//   progress    cost per progress event through normalisation and reactive state; writes per frame
//   queue       queue cost per item at 1,000 and 10,000 items
//   throughput  uploader.upload over raw uni.uploadFile in real Chromium (see bench/throughput.mjs)
//   resumable   uploadResumable on a 40 Mbit/s uplink and unthrottled, and its peak JS heap for a
//               256 MB Blob, in real Chromium against a real tus server (see bench/resumable.mjs)
//   mp size     the library's cost in each platform's uni build (see bench/mp-size.mjs; needs
//               e2e/mp installed, which npm run test:mp does)
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' })

const { sizeLine, sizeTable } = await import('./size.mjs')
const { progressBench } = await import('./progress.mjs')
const { queueBench } = await import('./queue.mjs')

console.log(`uni-uploader bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0].model.trim()} x${os.cpus().length}, Node ${process.version}\n`)

console.log('Size (Rollup + esbuild minify + gzip -9, vue and @dcloudio/* external; kB = 1,000 bytes)')
for (const row of await sizeTable()) console.log('  ' + sizeLine(row))

const p = await progressBench()
console.log(`\nProgress (${p.events.toLocaleString('en')} events over ${p.frames} frames)`)
console.log(`  bare listener on the raw task        ${p.bareNsPerEvent.toFixed(0).padStart(6)} ns/event`)
console.log(`  uploader + useUpload (hooks, state)  ${p.libraryNsPerEvent.toFixed(0).padStart(6)} ns/event`)
console.log(`  reactive writes of progress          ${p.stateWrites} in ${p.frames} frames, at most ${p.maxWritesPerFrame} per frame (target <= 1)`)

const q = await queueBench()
console.log('\nQueue (concurrency 3, in-process runtime)')
console.log(`  1,000 items   ${q.usPerItemAt1k.toFixed(1).padStart(7)} us/item`)
console.log(`  10,000 items  ${q.usPerItemAt10k.toFixed(1).padStart(7)} us/item   ratio ${q.ratio.toFixed(2)} (linear = 1)`)

if (existsSync(new URL('./throughput.mjs', import.meta.url))) {
  const { throughputBench } = await import('./throughput.mjs')
  const t = await throughputBench()
  console.log(`\nThroughput in Chromium (${t.description})`)
  for (const line of t.lines) console.log('  ' + line)
}

const { resumableBench } = await import('./resumable.mjs')
const resumable = await resumableBench()
console.log(`\nResumable uploads in Chromium (${resumable.description})`)
for (const line of resumable.lines) console.log('  ' + line)

const { mpSizeTable } = await import('./mp-size.mjs')
const mp = await mpSizeTable()
console.log('\nCost in each platform\'s uni build (gzip -9 of the shipped JS: the e2e/mp page set with the packed library against the same page calling uni directly)')
if (mp.skipped) console.log('  skipped: ' + mp.skipped)
else for (const r of mp.rows) console.log(`  ${r.platform.padEnd(10)} +${kb(r.library - r.direct).padStart(8)} gz  (${kb(r.library)} vs ${kb(r.direct)}; vendor bundle +${kb(r.vendorLibrary - r.vendorDirect)})`)

// What every mp scenario test shares: the playground's server (it records what it received), the
// built app started in the host with three small files and one large one, and helpers that read
// the page (by element id) and the server's records.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { startServer } from '../../../playground/server/index.mjs'
import { startMiniProgram } from '../host/miniprogram.mjs'
import { outputOf } from '../scripts/prepare.mjs'

/** Deterministic file contents, different per size. */
export const bytesOf = (size, seed) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed * 7) & 255))
export const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex')
export const SMALL_FILES = [bytesOf(1000, 1), bytesOf(2000, 2), bytesOf(3000, 3)]
export const BIG_FILE = bytesOf(2_000_000, 4)

/** Starts the server and the built app of `platform`; `close()` stops both. */
export async function startApp(platform) {
  const dir = outputOf(platform)
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: run node e2e/mp/scripts/prepare.mjs first (npm run test:mp does)`)
  const server = await startServer()
  let mp
  try {
    mp = await startMiniProgram({
      platform,
      dir,
      prepare({ files, storage }) {
        storage.set('e2e-server', server.url)
        storage.set('e2e-files', SMALL_FILES.map((bytes) => files.add(bytes, '.jpg')))
        storage.set('e2e-big-file', files.add(BIG_FILE, '.bin'))
      },
    })
  } catch (error) {
    await server.close()
    throw error
  }

  /** The server's records (see playground/server/index.mjs, GET /stats). */
  const stats = async () => (await fetch(server.url + '/stats')).json()

  return {
    server,
    mp,
    stats,
    /** Taps #btn-<name> and resolves with what #out-<name> shows once it is done, parsed. */
    async run(name) {
      mp.page.tap('btn-' + name)
      return JSON.parse(await mp.page.waitFor('out-' + name, (text) => !!text && text != 'running'))
    },
    /** The server's record of request `id`. */
    async request(id) {
      const entry = (await stats()).requests.find((r) => r.id == id)
      assert.ok(entry, `the server has no request ${id}`)
      return entry
    },
    /**
     * Polls until `find(requests)` (the server's records; it may be async) returns something: a
     * client leaving, or a hash computed after the answer, is seen a little later.
     */
    async until(find) {
      for (let i = 0; i < 200; i++) {
        const hit = await find((await stats()).requests)
        if (hit) return hit
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      assert.fail('the server never recorded it: ' + JSON.stringify((await stats()).requests.map((r) => [r.id, r.path, r.query, r.outcome])))
    },
    async close() {
      mp.close()
      await server.close()
    },
  }
}

// The playground's tus server from Node, without a browser: the protocol answers the resumable
// tests rely on, and that its records and fault controls do what they say.
import { describe, it, before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { startServer } from '../playground/server/index.mjs'
import { bytes, until } from './lib/harness.mjs'

const TUS = { 'Tus-Resumable': '1.0.0' }
const OCTETS = { ...TUS, 'Content-Type': 'application/offset+octet-stream' }
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex')

describe('the playground tus server', () => {
  let s
  const control = (p, method = 'POST') => fetch(s.url + p, { method }).then((r) => r.json())
  const records = () => control('/tus/uploads', 'GET')
  const create = (size) =>
    fetch(s.url + '/files/', { method: 'POST', headers: { ...TUS, 'Upload-Length': String(size) } }).then((r) => {
      assert.equal(r.status, 201)
      return r.headers.get('location')
    })
  const patch = (url, offset, body, method = 'PATCH') =>
    fetch(url, {
      method,
      headers: method === 'PATCH' ? { ...OCTETS, 'Upload-Offset': String(offset) } : { ...OCTETS, 'Upload-Offset': String(offset), 'X-HTTP-Method-Override': 'PATCH' },
      body,
    })
  /** The sha256 the server records for a completed upload (hashed just after its last answer). */
  const storedHash = (id) => until(async () => (await records()).uploads.find((u) => u.id === id)?.sha256, { message: 'the sha256' })
  const offsetOf = (url) => fetch(url, { method: 'HEAD', headers: TUS }).then((r) => Number(r.headers.get('upload-offset')))

  before(async () => {
    s = await startServer()
  })
  after(async () => {
    await s?.close()
  })
  beforeEach(async () => {
    await control('/reset-stats')
  })

  it('creates, takes PATCH and POST + X-HTTP-Method-Override, and records each PATCH and the sha256', async () => {
    const buf = bytes(1000, 3)
    const url = await create(buf.length)
    assert.ok(url.startsWith(s.url + '/files/'), url)
    let r = await patch(url, 0, buf.subarray(0, 400), 'POST')
    assert.equal(r.status, 204, 'the override is honoured')
    assert.equal(r.headers.get('upload-offset'), '400')
    assert.ok(r.headers.get('upload-expires'), 'expiration is on')
    r = await patch(url, 400, buf.subarray(400))
    assert.equal(r.status, 204)
    const [rec] = (await records()).uploads
    assert.deepEqual(rec.patches.map((p) => [p.offset, p.bytes, p.status]), [[0, 400, 204], [400, 600, 204]])
    assert.equal(rec.complete, true)
    assert.equal(await storedHash(rec.id), sha256(buf))
    const got = Buffer.from(await (await fetch(url)).arrayBuffer())
    assert.equal(sha256(got), sha256(buf), 'GET of the upload gives the bytes back')
    assert.equal((await fetch(s.url + '/files/demo.png')).status, 200, "the playground's own files are still served")
  })

  it('resets the next PATCH mid-chunk (the bytes read so far are kept, nothing after) and answers the next one 500', async () => {
    const size = 4 * 1024 * 1024
    const cut = 1024 * 1024 + 123
    const buf = bytes(size, 5)
    const url = await create(size)
    await control(`/tus/next-patch?fault=reset&after=${cut}`)
    await assert.rejects(patch(url, 0, buf), 'the connection is reset')
    // HEAD waits for the cut PATCH to let go of the upload; what it kept is what reached the
    // disk before the cut (the file store may drop a last buffered piece), never more
    const kept = await offsetOf(url)
    assert.ok(kept > 0 && kept <= cut, `the server kept part of what it read before the reset (${kept} of ${cut})`)
    await control('/tus/next-patch?fault=500')
    assert.equal((await patch(url, kept, buf.subarray(kept))).status, 500)
    assert.equal(await offsetOf(url), kept, 'nothing stored by the 500')
    assert.equal((await patch(url, kept, buf.subarray(kept))).status, 204)
    const [rec] = (await records()).uploads
    assert.deepEqual(rec.patches.map((p) => [p.bytes, p.fault ?? null]), [[cut, 'reset'], [size - kept, '500'], [size - kept, null]])
    assert.equal(await storedHash(rec.id), sha256(buf), 'the stored file is the sent one: no byte after the cut was kept')
  })

  it('expires an upload (410), restarts with the store kept, terminates and leaves nothing on disk', async () => {
    const url = await create(100)
    assert.equal((await patch(url, 0, bytes(50))).status, 204)
    await control('/tus/restart')
    assert.equal(await offsetOf(url), 50, 'a restarted server finds the upload in the same store')
    assert.equal((await control('/tus/uploads', 'GET')).restarts, 1)
    await control('/tus/expire')
    assert.equal((await fetch(url, { method: 'HEAD', headers: TUS })).status, 410)
    const other = await create(10)
    assert.equal((await fetch(other, { method: 'DELETE', headers: TUS })).status, 204)
    const after = await records()
    assert.equal(after.uploads.find((u) => other.endsWith(u.id)).terminated, true)
    assert.deepEqual(after.onDisk, [url.split('/').pop()], 'the terminated upload is gone from disk')
  })
})

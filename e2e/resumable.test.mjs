// Resumable uploads through the built playground's "Large file, resumable" card
// (useResumableUpload in a real component), in real Chromium, against the playground's real tus
// server (@tus/server + @tus/file-store). What happened is read from the server's own records
// (GET /tus/uploads): each PATCH with its offset and the bytes the server read, the sha256 of the
// completed file, what is on disk. Faults are the server's: a reset mid-chunk, a 500, an expired
// upload, a restart of the tus server with its store kept.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { useHarness, chooseFiles, watchBars, bars, bytes, tid, until } from './lib/harness.mjs'

const MiB = 1024 * 1024
const CHUNK = 8 * MiB // the library's H5 default
const SIZE = 20 * MiB // three chunks: 8 + 8 + 4 MiB
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex')
const sum = (xs) => xs.reduce((a, b) => a + b, 0)

describe('resumable upload (useResumableUpload in the card) against a real tus server', () => {
  const h = useHarness({ resetStats: true }) // the reset clears the tus uploads, records and faults too
  let dir
  let file // a file on disk, so picking it again gives the same File (name, size, type, lastModified)
  let content
  const post = (p) => fetch(h.url + p, { method: 'POST' }).then((r) => r.json())
  const records = () => fetch(h.url + '/tus/uploads').then((r) => r.json())
  const onlyUpload = async () => {
    const { uploads } = await records()
    assert.equal(uploads.length, 1, `one upload on the server, got ${uploads.length}`)
    return uploads[0]
  }
  const readBytes = (u) => sum(u.patches.map((p) => p.bytes))
  /** The offset the server reports for the upload (HEAD, as a client would ask). */
  const serverOffset = (u) =>
    fetch(`${h.url}/files/${u.id}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } }).then((r) => Number(r.headers.get('upload-offset')))
  const status = (page) => tid(page, 'resumable-status').innerText()
  const pick = (page) => chooseFiles(page, '[data-testid=resumable-choose]', [file])
  /** Waits until the card's status pill reads `want`. */
  const statusIs = (page, want, timeout = 60000) =>
    page.waitForFunction((w) => document.querySelector('[data-testid=resumable-status]')?.textContent?.trim() === w, want, { timeout, polling: 50 })
  const succeeded = (page) => statusIs(page, 'success')
  /** Waits until the server has read at least `n` bytes of PATCH bodies in all. */
  const serverRead = (n) =>
    until(async () => sum((await records()).uploads.map(readBytes)) >= n, { timeout: 30000, message: `${n} bytes read by the server` })
  /** Waits until no PATCH is being read: each ended (an answer or a lost connection) and its bytes are stored. */
  const settled = () =>
    until(async () => (await records()).uploads.every((u) => u.patches.every((p) => p.endedAt && !p.writing)), { timeout: 15000, message: 'PATCHes settled' })

  /**
   * Opens the card and picks the file while the server reads PATCH bodies at `rate` bytes/s;
   * resolves with the page once the server has read `read` bytes of them.
   */
  async function uploadUnderWay(rate, read) {
    await post('/tus/rate?bps=' + rate)
    const page = await h.open()
    await pick(page)
    await serverRead(read)
    return page
  }

  async function assertStored(u) {
    assert.equal(u.complete, true, 'the server has the whole file')
    assert.equal(u.size, SIZE)
    // the server hashes a completed upload just after its last answer
    const hash = await until(async () => (await records()).uploads.find((r) => r.id === u.id).sha256, { message: 'the sha256' })
    assert.equal(hash, sha256(content), "the stored file's sha256 equals the picked file's")
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uni-uploader-e2e-resumable-'))
    content = bytes(SIZE, 11)
    file = path.join(dir, 'video.mp4')
    fs.writeFileSync(file, content)
  })
  after(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('uploads in 8 MiB chunks: the stored sha256 equals the picked file, progress never goes back', async () => {
    const page = await h.open()
    await watchBars(page)
    await pick(page)
    await succeeded(page)
    const u = await onlyUpload()
    await assertStored(u)
    assert.deepEqual(u.patches.map((p) => [p.offset, p.bytes, p.status]), [[0, CHUNK, 204], [CHUNK, CHUNK, 204], [2 * CHUNK, SIZE - 2 * CHUNK, 204]])
    assert.deepEqual(u.metadata, { filename: 'video.mp4', filetype: 'video/mp4' }, 'default metadata')
    const values = (await bars(page))['resumable-bar'] ?? []
    for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `never backwards: ${values}`)
    assert.equal(values.at(-1), 100)
    assert.equal(await tid(page, 'resumable-progress').innerText(), '100%')
    assert.equal(Number(await tid(page, 'resumable-offset').getAttribute('data-bytes')), SIZE, "the composable's offset: all confirmed")
    assert.equal(await tid(page, 'resumable-resumed').count(), 0, 'a fresh upload does not claim to resume')
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('"cut the connection" (a reset mid-chunk) and a 500 are retried, and the upload completes', async () => {
    const page = await uploadUnderWay(6 * MiB, MiB)
    await tid(page, 'resumable-cut').click()
    // Queue the 500 behind the reset the button armed, for the first PATCH after a HEAD: the
    // library's retry, however fast it comes (armed after the reset, it raced the last PATCH), and
    // never a PATCH Chromium resent by itself after the reset.
    await until(async () => (await records()).armed.some((f) => f.fault === 'reset'), { timeout: 20000, message: 'the reset armed' })
    await post('/tus/next-patch?fault=500&afterHead=1')
    await until(async () => (await onlyUpload()).patches.some((p) => p.fault === 'reset'), { timeout: 20000, message: 'the reset' })
    await post('/tus/rate?bps=0')
    await succeeded(page)
    const u = await onlyUpload()
    await assertStored(u)
    const faults = u.patches.map((p) => p.fault).filter(Boolean)
    assert.deepEqual(faults, ['reset', '500'], 'both faults happened, once each')
    const reset = u.patches.find((p) => p.fault === 'reset')
    const next = u.patches.find((p) => p.at > reset.at && p.status === 204)
    assert.ok(next.offset > reset.offset, 'after the reset the upload goes on from what the server kept, not from the chunk start')
    assert.ok(u.heads >= 2, 'each retry starts with HEAD')
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('pause ends the request in flight and sends nothing; resume goes on from the server offset', async () => {
    const page = await uploadUnderWay(4 * MiB, 2 * MiB)
    await tid(page, 'resumable-pause').click()
    await statusIs(page, 'paused', 10000)
    await settled()
    const before = await onlyUpload()
    const kept = await serverOffset(before)
    await new Promise((r) => setTimeout(r, 700))
    assert.equal(readBytes(await onlyUpload()), readBytes(before), 'nothing is sent while paused')
    await post('/tus/rate?bps=0')
    await tid(page, 'resumable-resume').click()
    await succeeded(page)
    const u = await onlyUpload()
    await assertStored(u)
    const after = u.patches.slice(before.patches.length)
    assert.equal(after[0].offset, kept, 'the resume started at the offset the server had')
    assert.equal(readBytes({ patches: after }), SIZE - kept, 'and sent only the rest')
    assert.ok(u.heads >= 1, 'resume asked the server with HEAD')
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('after a reload, the same file picked again sends only the remaining bytes, and the card says so', async () => {
    const page = await uploadUnderWay(4 * MiB, CHUNK + MiB) // the first chunk confirmed, the second on its way
    await page.reload()
    await page.locator('uni-page-body').first().waitFor()
    await settled()
    const before = await onlyUpload()
    const kept = await serverOffset(before)
    assert.ok(kept > CHUNK && kept < SIZE, `the server kept part of the file (${kept})`)
    const patchesBefore = before.patches.length

    await post('/tus/rate?bps=0')
    await pick(page)
    await succeeded(page)
    const u = await onlyUpload() // no second creation: the stored upload was found
    await assertStored(u)
    const after = u.patches.slice(patchesBefore)
    assert.equal(after[0].offset, kept, 'the first PATCH after the reload starts where the server was')
    assert.equal(readBytes({ patches: after }), SIZE - kept, 'only the remaining bytes were sent')
    const resumed = tid(page, 'resumable-resumed')
    assert.equal(Number(await resumed.getAttribute('data-bytes')), kept)
    assert.match(await resumed.innerText(), /^Resumed from \d+(\.\d+)? MB$/)
    await h.shot(page, 'resumable-resumed', { fullPage: true })
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('abort + delete on server leaves nothing on the server', async () => {
    const page = await uploadUnderWay(4 * MiB, MiB)
    await tid(page, 'resumable-terminate').click()
    await statusIs(page, 'aborted', 10000)
    await until(async () => (await onlyUpload()).terminated, { timeout: 10000, message: 'the DELETE' })
    await settled()
    assert.deepEqual((await records()).onDisk, [], 'no upload left on disk')
    assert.equal(await tid(page, 'resumable-error-kind').innerText(), 'AbortError')
    await h.closePage(page)
  })

  it('an upload that expired on the server is started anew, once', async () => {
    const page = await uploadUnderWay(4 * MiB, MiB)
    await tid(page, 'resumable-abort').click() // keeps the upload and the stored record
    await statusIs(page, 'aborted', 10000)
    await settled()
    assert.equal((await post('/tus/expire')).expired.length, 1)
    await post('/tus/rate?bps=0')
    await pick(page)
    await succeeded(page)
    const { uploads } = await records()
    assert.equal(uploads.length, 2, 'one new upload was created, and only one')
    const [old, fresh] = uploads
    assert.equal(old.expired, true)
    assert.equal(old.complete, false)
    await assertStored(fresh)
    assert.equal(fresh.patches[0].offset, 0, 'the new upload starts from zero')
    assert.equal(readBytes(fresh), SIZE)
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })

  it('survives a restart of the tus server mid-upload (the store kept) and completes the same upload', async () => {
    const page = await uploadUnderWay(4 * MiB, 2 * MiB)
    assert.equal((await post('/tus/restart?down=400')).restarts, 1)
    await post('/tus/rate?bps=0')
    await succeeded(page)
    const u = await onlyUpload()
    await assertStored(u)
    assert.equal((await records()).restarts, 1)
    const cut = u.patches.find((p) => !p.status)
    assert.ok(cut, 'a PATCH was cut by the restart')
    const later = u.patches.filter((p) => p.at > cut.at && p.status === 204)
    assert.ok(later.length > 0 && later[0].offset >= cut.offset, 'the upload went on, not from zero')
    assert.deepEqual(page.errors, [])
    await h.closePage(page)
  })
})

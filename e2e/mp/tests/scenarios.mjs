// The H5 e2e scenarios, on a built mini-program in the host: each test taps the scenario's
// button, then judges what the page rendered (#out-<name>) and what the server received.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { BIG_FILE, SMALL_FILES, sha256, startApp } from './harness.mjs'

/**
 * `platform`: mp-weixin | mp-alipay | mp-baidu. `expect.nativeFailure`: the errMsg and cause the
 * platform's own failure (nothing listening) comes back with. `expect.tempPrefix`: how the
 * platform's temporary paths start. `expect.resumable`: true where uploadResumable can work, else
 * the words its OptionError names the platform with.
 */
export function scenarios(platform, expect) {
  describe(platform, () => {
    let app
    before(async () => (app = await startApp(platform)))
    after(() => app && app.close())

    test('upload: formData, the config header and a call header arrive; the config Referer does not', async () => {
      const out = await app.run('upload')
      assert.deepEqual(out.files, ['photo:1000'])
      assert.equal(out.statusCode, 200)
      const request = await app.request(out.requestId)
      assert.deepEqual(request.fields, [['album', 'holiday'], ['n', '1']])
      assert.equal(request.headers['x-client'], 'uni-uploader-mp')
      assert.equal(request.headers['x-call'], 'yes')
      assert.equal(request.headers.referer, undefined)
      const [stored] = (await app.stats()).files.filter((f) => f.requestId == out.requestId)
      assert.equal(stored.sha256, sha256(SMALL_FILES[0]))
    })

    test('useUpload: pending, transferring, success, with progress 100', async () => {
      const out = await app.run('useUpload')
      assert.equal(out.ok, true)
      assert.deepEqual(out.statuses, ['pending', 'transferring', 'success'])
      assert.equal(out.progress, 100)
      assert.equal(out.statusCode, 200)
      assert.equal(app.mp.page.text('upload-status'), 'success')
      assert.equal(app.mp.page.text('upload-progress'), '100')
    })

    test('useDownload: a tempFilePath holding the bytes, and a number statusCode', async () => {
      const out = await app.run('download')
      assert.equal(out.ok, true)
      assert.equal(out.status, 'success')
      assert.equal(out.progress, 100)
      assert.equal(out.statusCode, 200)
      assert.equal(out.statusCodeType, 'number')
      assert.ok(out.tempFilePath.startsWith(expect.tempPrefix), out.tempFilePath)
      assert.equal(app.mp.page.text('download-path'), out.tempFilePath)
      const expected = Buffer.from(await (await fetch(app.server.url + '/files/random.bin?size=100000&seed=7')).arrayBuffer())
      assert.equal(sha256(fs.readFileSync(app.mp.files.realPath(out.tempFilePath))), sha256(expected))
    })

    if (expect.downloadTo) {
      test('download to a filePath of the app: the platform answers with filePath, the result has it as tempFilePath', async () => {
        const out = await app.run('downloadTo')
        assert.deepEqual(out, { statusCode: 200, tempFilePath: expect.downloadTo, filePath: expect.downloadTo })
        assert.equal(fs.readFileSync(app.mp.files.realPath(out.tempFilePath)).length, 5000)
      })
    }

    test('abort: AbortError at once, and the server sees the client leave', async () => {
      const out = await app.run('abort')
      assert.deepEqual(out, { error: 'AbortError', errMsg: 'uploadFile:fail abort' })
      const request = await app.until((requests) => requests.find((r) => r.query == '?rate=20000' && r.outcome != 'pending'))
      assert.equal(request.outcome, 'aborted')
      assert.equal(request.clientClosed, true)
    })

    test('timeout: TimeoutError from a server that never answers, and the request is ended', async () => {
      const out = await app.run('timeout')
      assert.deepEqual(out, { error: 'TimeoutError', errMsg: 'uploadFile:fail timeout' })
      const request = await app.until((requests) => requests.find((r) => r.query == '?hang=1' && r.closedAt))
      assert.equal(request.clientClosed, true)
    })

    test('500 with validateStatus: HTTPError carrying the status', async () => {
      const out = await app.run('status500')
      assert.equal(out.error, 'HTTPError')
      assert.equal(out.errMsg, 'uploadFile:fail status 500')
      assert.equal(out.statusCode, 500)
    })

    test('files[]: one request per file, in order, with results', async () => {
      const out = await app.run('files')
      assert.equal(out.statusCode, 200)
      assert.deepEqual(
        out.results.map((r) => r.files[0]),
        ['part0:1000', 'part1:2000', 'part2:3000'],
      )
      const ids = out.results.map((r) => r.requestId)
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b))
      assert.equal(new Set(ids).size, 3)
    })

    test('uni.addInterceptor: the header it adds reaches the server', async () => {
      const out = await app.run('interceptor')
      assert.deepEqual(out.files, ['seen:2000'])
      assert.equal((await app.request(out.requestId)).headers['x-intercepted'], 'yes')
    })

    test('useUploadQueue: three files, each to success with progress 100', async () => {
      const out = await app.run('queue')
      assert.equal(out.progress, 100)
      assert.deepEqual(out.items, Array(3).fill({ status: 'success', progress: 100, statusCode: 200 }))
      const stored = (await app.stats()).requests.filter((r) => r.path == '/upload' && r.fields && r.fields.some(([k, v]) => k == 'via' && v == 'queue'))
      assert.equal(stored.length, 3)
      assert.ok(stored.every((r) => r.outcome == 'stored'))
    })

    if (expect.resumable === true) {
      test('uploadResumable: tus over uni.request (PATCH as POST + override), readFile slices, the whole file on the server', async () => {
        const out = await app.run('resumable')
        assert.equal(out.statusCode, 204)
        // Per chunk (no progress within one on mini-programs): never down, ending at 100.
        assert.deepEqual(out.progress, [...out.progress].sort((a, b) => a - b))
        assert.equal(out.progress[out.progress.length - 1], 100)
        assert.ok(out.progress.filter((p) => p > 0 && p < 100).length >= 3, String(out.progress))
        const { uploads } = await (await fetch(app.server.url + '/tus/uploads')).json()
        const upload = uploads.find((u) => out.uploadUrl.endsWith('/' + u.id))
        assert.ok(upload, out.uploadUrl)
        assert.equal(upload.complete, true)
        assert.equal(upload.patches.length, 4)
        for (const patch of upload.patches) {
          const request = await app.request(patch.requestId)
          assert.deepEqual([request.method, request.override, patch.status], ['POST', 'PATCH', 204])
        }
        const stored = await app.until(async () => {
          const again = (await (await fetch(app.server.url + '/tus/uploads')).json()).uploads.find((u) => u.id == upload.id)
          return again.sha256 && again
        })
        assert.equal(stored.sha256, sha256(BIG_FILE))
      })
    } else {
      test('uploadResumable: an OptionError naming the platform, and nothing sent', async () => {
        const out = await app.run('resumable')
        assert.equal(out.error, 'OptionError')
        assert.ok(out.errMsg.includes(expect.resumable), out.errMsg)
        const { uploads } = await (await fetch(app.server.url + '/tus/uploads')).json()
        assert.deepEqual(uploads, [])
      })
    }

    test("the platform's own failure: a NetworkError whose errMsg keeps the platform's reason", async () => {
      const out = await app.run('nativeFailure')
      assert.equal(out.error, 'NetworkError')
      assert.equal(out.errMsg, expect.nativeFailure.errMsg)
      assert.deepEqual(out.cause, expect.nativeFailure.cause)
    })
  })
}

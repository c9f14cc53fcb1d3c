// The host's own platform APIs, called directly (no uni, no library): the shapes each platform's
// documentation gives, over real HTTP to the playground's server and real file reads. This is what
// the scenario tests stand on.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from '../../../playground/server/index.mjs'
import { createAlipay } from '../host/alipay.mjs'
import { createBaidu } from '../host/baidu.mjs'
import { createStorage } from '../host/storage.mjs'
import { createWeixin } from '../host/weixin.mjs'
import { bytesOf, sha256 } from './harness.mjs'

/** Calls `api[name](options)` and resolves with ['success' | 'fail', result]. */
const call = (api, name, options) =>
  new Promise((resolve) => {
    api[name]({ ...options, success: (res) => resolve(['success', res]), fail: (res) => resolve(['fail', res]) })
  })

describe('host platform APIs', () => {
  let server, hosts
  before(async () => {
    server = await startServer()
    hosts = { weixin: createWeixin({ storage: createStorage() }), alipay: createAlipay({ storage: createStorage() }), baidu: createBaidu({ storage: createStorage() }) }
  })
  after(async () => {
    for (const host of Object.values(hosts || {})) host.files.remove()
    await server.close()
  })

  test('wx.uploadFile: a multipart body busboy reads (fields, then the file), { data, statusCode: number }', async () => {
    const { api, files } = hosts.weixin
    const bytes = bytesOf(50_000, 9)
    const [how, res] = await call(api, 'uploadFile', { url: server.url + '/upload', filePath: files.add(bytes, '.jpg'), name: 'pic', formData: { a: '1' }, header: { 'X-H': 'v' } })
    assert.equal(how, 'success')
    assert.equal(res.statusCode, 200)
    assert.equal(res.errMsg, 'uploadFile:ok')
    const body = JSON.parse(res.data)
    assert.deepEqual(body.fieldList, [['a', '1']])
    assert.equal(body.files[0].field, 'pic')
    assert.equal(body.files[0].sha256, sha256(bytes))
    assert.equal(body.headers['x-h'], 'v')
  })

  test('wx.uploadFile progress events: { progress, totalBytesSent, totalBytesExpectedToSend }, ending at 100', async () => {
    const { api, files } = hosts.weixin
    const events = []
    await new Promise((resolve) => {
      const task = api.uploadFile({ url: server.url + '/upload', filePath: files.add(bytesOf(200_000, 1)), name: 'f', complete: resolve })
      task.onProgressUpdate((e) => events.push(e))
    })
    assert.ok(events.length > 1)
    const last = events[events.length - 1]
    assert.deepEqual(Object.keys(last).sort(), ['progress', 'totalBytesExpectedToSend', 'totalBytesSent'])
    assert.equal(last.progress, 100)
    assert.equal(last.totalBytesSent, last.totalBytesExpectedToSend)
  })

  test("wx failures: '<api>:fail <reason>' for a refused connection, a timeout and an abort", async () => {
    const { api, files } = hosts.weixin
    const path = files.add(bytesOf(10, 1))
    assert.deepEqual((await call(api, 'uploadFile', { url: 'http://127.0.0.1:9/x', filePath: path, name: 'f' })), ['fail', { errMsg: 'uploadFile:fail ECONNREFUSED' }])
    assert.deepEqual((await call(api, 'uploadFile', { url: server.url + '/upload?hang=1', filePath: path, name: 'f', timeout: 100 })), ['fail', { errMsg: 'uploadFile:fail timeout' }])
    const aborted = new Promise((resolve) => api.downloadFile({ url: server.url + '/upload?hang=1', fail: resolve }).abort())
    assert.deepEqual(await aborted, { errMsg: 'downloadFile:fail abort' })
  })

  test('wx.downloadFile: tempFilePath, or filePath when one is given; the bytes are there', async () => {
    const { api, files } = hosts.weixin
    const [, temp] = await call(api, 'downloadFile', { url: server.url + '/files/random.bin?size=3000&seed=2' })
    assert.deepEqual(Object.keys(temp).sort(), ['errMsg', 'statusCode', 'tempFilePath'])
    const [, saved] = await call(api, 'downloadFile', { url: server.url + '/files/random.bin?size=3000&seed=2', filePath: 'wxfile://usr/x.bin' })
    assert.equal(saved.filePath, 'wxfile://usr/x.bin')
    assert.equal(saved.tempFilePath, undefined)
    const fsm = api.getFileSystemManager()
    assert.equal(sha256(Buffer.from(fsm.readFileSync(temp.tempFilePath))), sha256(Buffer.from(fsm.readFileSync(saved.filePath))))
  })

  test('getFileSystemManager().readFile with position and length (a slice), and its failure', async () => {
    const { api, files } = hosts.weixin
    const path = files.add(Buffer.from('0123456789'))
    const [how, res] = await call(api.getFileSystemManager(), 'readFile', { filePath: path, position: 2, length: 3, encoding: 'utf8' })
    assert.deepEqual([how, res.data], ['success', '234'])
    const [failed, error] = await call(api.getFileSystemManager(), 'readFile', { filePath: 'wxfile://tmp_nothing' })
    assert.equal(failed, 'fail')
    assert.match(error.errMsg, /^readFile:fail no such file/)
  })

  test('my.uploadFile: fileName and fileType required; statusCode a string; { error, errorMessage } failures; progress with the download names', async () => {
    const { api, files } = hosts.alipay
    const path = files.add(bytesOf(100, 3))
    assert.deepEqual((await call(api, 'uploadFile', { url: server.url + '/upload', filePath: path, fileName: 'f' })), ['fail', { error: 2, errorMessage: 'invalid parameter: fileType' }])
    const [how, res] = await call(api, 'uploadFile', { url: server.url + '/upload', filePath: path, fileName: 'f', fileType: 'image' })
    assert.equal(how, 'success')
    assert.equal(res.statusCode, '200')
    assert.equal(JSON.parse(res.data).files[0].field, 'f')
    assert.deepEqual((await call(api, 'uploadFile', { url: 'http://127.0.0.1:9/x', filePath: path, fileName: 'f', fileType: 'image' })), ['fail', { error: 12, errorMessage: '上传文件失败' }])
    const events = []
    await new Promise((resolve) => api.uploadFile({ url: server.url + '/upload', filePath: path, fileName: 'f', fileType: 'image', complete: resolve }).onProgressUpdate((e) => events.push(e)))
    assert.deepEqual(Object.keys(events[0]).sort(), ['progress', 'totalBytesExpectedToWrite', 'totalBytesWritten'])
  })

  test('my.downloadFile: { apFilePath } only; my.getStorageSync({ key }) → { data }', async () => {
    const { api } = hosts.alipay
    const [how, res] = await call(api, 'downloadFile', { url: server.url + '/files/random.bin?size=10&seed=1' })
    assert.equal(how, 'success')
    assert.deepEqual(Object.keys(res), ['apFilePath'])
    api.setStorageSync({ key: 'k', data: 'v' })
    assert.deepEqual(api.getStorageSync({ key: 'k' }), { data: 'v' })
  })

  test("swan: failures { errCode, errMsg: '<api>:ok' }; uploadFile ignores a timeout (it documents none)", async () => {
    const { api, files } = hosts.baidu
    const path = files.add(bytesOf(10, 1))
    assert.deepEqual((await call(api, 'uploadFile', { url: 'http://127.0.0.1:9/x', filePath: path, name: 'f' })), ['fail', { errCode: 1001, errMsg: 'uploadFile:ok' }])
    // A server that answers after 300 ms, with a timeout of 50 ms asked for: swan still succeeds.
    const [how, res] = await call(api, 'uploadFile', { url: server.url + '/upload?delay=300', filePath: path, name: 'f', timeout: 50 })
    assert.deepEqual([how, res.statusCode], ['success', 200])
  })
})

// The WeChat build through WeChat's own component framework: miniprogram-simulate (j-component on
// exparser, the .wxml compiled by miniprogram-compiler) renders the built page in a DOM
// (happy-dom, from the root install) and dispatches the taps; wx is the host's (weixin.mjs).
// Judged, like the host tests, on what the page shows and what the server stored.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { createRequire } from 'node:module'
import { startServer } from '../../../playground/server/index.mjs'
import { createStorage } from '../host/storage.mjs'
import { createWeixin } from '../host/weixin.mjs'
import { outputOf, repoRoot } from '../scripts/prepare.mjs'
import { SMALL_FILES, sha256 } from './harness.mjs'

const require = createRequire(import.meta.url)
const dir = outputOf('mp-weixin')

/** A DOM for j-component: happy-dom's window and the DOM classes it dispatches. */
async function installDom() {
  const { Window } = await import(createRequire(path.join(repoRoot, 'package.json')).resolve('happy-dom'))
  const window = new Window()
  const names = ['document', 'Node', 'Event', 'CustomEvent', 'HTMLElement', 'Element', 'Text', 'DocumentFragment', 'MutationObserver']
  globalThis.window = window
  for (const name of names) globalThis[name] = window[name]
  return () => window.happyDOM.close()
}

describe('mp-weixin through miniprogram-simulate', () => {
  let server, page, closeDom, files
  before(async () => {
    closeDom = await installDom()
    server = await startServer()
    const storage = createStorage()
    const weixin = createWeixin({ storage })
    files = weixin.files
    storage.set('e2e-server', server.url)
    storage.set('e2e-files', SMALL_FILES.map((bytes) => files.add(bytes, '.jpg')))
    const launch = { path: 'pages/index/index', query: {}, scene: 1001 }
    Object.assign(weixin.api, {
      getLaunchOptionsSync: () => launch,
      onAppShow() {},
      onAppHide() {},
      setStorage: ({ key, data, success }) => (storage.set(key, data), success && success({ errMsg: 'setStorage:ok' })),
    })
    let app
    // uni's vendor bundle wraps Page too; its pages are Components, so Page is never called.
    const Page = () => assert.fail('a uni page registers a Component')
    Object.assign(globalThis, { wx: weixin.api, App: (options) => (app = options), Page, getApp: () => app, getCurrentPages: () => [] })
    // Sets the global Component before the app's vendor bundle captures it.
    const simulate = require('miniprogram-simulate')
    require(path.join(dir, 'app.js'))
    app.onLaunch(launch)
    page = simulate.render(simulate.load(path.join(dir, 'pages/index/index')))
    page.attach(document.createElement('parent-wrapper'))
  })
  after(async () => {
    if (page) page.detach()
    if (server) await server.close()
    if (files) files.remove()
    if (closeDom) await closeDom()
  })

  /** Taps #btn-<name> through exparser and resolves with #out-<name>'s text once it is done. */
  async function run(name) {
    page.querySelector('#btn-' + name).dispatchEvent('tap')
    for (let i = 0; i < 400; i++) {
      const text = page.querySelector('#out-' + name).dom.textContent
      if (text && text != 'running') return JSON.parse(text)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    assert.fail(`#out-${name} never finished`)
  }

  test('the compiled template renders every scenario button', () => {
    for (const name of ['upload', 'useUpload', 'download', 'files', 'queue']) assert.ok(page.querySelector('#btn-' + name), name)
  })

  test('upload: the file, formData and headers reach the server', async () => {
    const out = await run('upload')
    assert.deepEqual(out.files, ['photo:1000'])
    const stats = await (await fetch(server.url + '/stats')).json()
    const request = stats.requests.find((r) => r.id == out.requestId)
    assert.deepEqual(request.fields, [['album', 'holiday'], ['n', '1']])
    assert.equal(request.headers['x-client'], 'uni-uploader-mp')
    assert.equal(request.headers.referer, undefined)
    assert.equal(stats.files.find((f) => f.requestId == out.requestId).sha256, sha256(SMALL_FILES[0]))
  })

  test('useUpload: to success with progress 100, shown by the page', async () => {
    const out = await run('useUpload')
    assert.deepEqual(out.statuses, ['pending', 'transferring', 'success'])
    assert.equal(out.progress, 100)
    assert.equal(page.querySelector('#upload-status').dom.textContent, 'success')
  })

  test('useDownload: a tempFilePath and a number statusCode', async () => {
    const out = await run('download')
    assert.equal(out.statusCode, 200)
    assert.equal(out.statusCodeType, 'number')
    assert.equal(page.querySelector('#download-path').dom.textContent, out.tempFilePath)
  })

  test('files[]: one request per file, in order', async () => {
    const out = await run('files')
    assert.deepEqual(
      out.results.map((r) => r.files[0]),
      ['part0:1000', 'part1:2000', 'part2:3000'],
    )
  })
})

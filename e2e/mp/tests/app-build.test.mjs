// The App build (`uni build -p app`): built from the same page set and checked, not run. Its
// app-service.js needs the App's native base (plus, weex, uni's service framework), which no
// cheap host provides here. Checked: the bundle compiles, it carries the library (the default
// transport's literal uni.<api>(…) calls, which the App runtime's global uni answers), the app's
// config and the page's scenarios.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { outputOf } from '../scripts/prepare.mjs'

const dir = outputOf('app')
const service = () => fs.readFileSync(path.join(dir, 'app-service.js'), 'utf8')

test('app: app-service.js is valid JavaScript and the manifest is there', () => {
  assert.doesNotThrow(() => new vm.Script(service(), { filename: 'app-service.js' }))
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
  assert.equal(manifest.name, 'uni-uploader mp e2e')
})

test('app: the library is in the bundle and calls the runtime literally', () => {
  const code = service()
  for (const call of ['uni.uploadFile(', 'uni.downloadFile(', 'uni.getSystemInfoSync()']) assert.ok(code.includes(call), call)
  // files[] is sent natively on App: the platform test that says so (sendsFilesNatively) is there.
  assert.ok(code.includes('/^app(-plus|-harmony)?$/'), 'sendsFilesNatively')
})

test("app: the page set's install and scenarios are in the bundle", () => {
  const code = service()
  assert.ok(code.includes('uni-uploader-mp'), "app.use(uploader, { header: { 'X-Client': … } })")
  for (const name of ['upload', 'useUpload', 'download', 'abort', 'timeout', 'status500', 'files', 'interceptor', 'queue', 'nativeFailure']) {
    assert.ok(code.includes(name), name)
  }
})

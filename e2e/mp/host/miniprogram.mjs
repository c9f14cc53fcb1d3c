// A thin mini-program host: loads a built uni-app output (dist/build/mp-<platform>) in Node, the
// way the platform's logic layer would, and plays its view layer with template.mjs.
//   globals   wx / my / swan (weixin.mjs, alipay.mjs, baidu.mjs), App, Page, Component, getApp,
//             getCurrentPages
//   modules   each file is a CommonJS module, as the mini-program runtimes load them
//   instances data, setData (paths such as 'a[0].b'), the lifecycle order the platforms document:
//             App onLaunch → onShow; Component created → attached → (page) onLoad → onShow → ready;
//             Page onLoad → onShow → onReady
//   taps      an element found by id in the rendered template; its bindtap (WeChat, Baidu) or onTap
//             (Alipay) names the page method, called with a tap event
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { createRequire } from 'node:module'
import { EventEmitter } from 'node:events'
import { createAlipay } from './alipay.mjs'
import { createBaidu } from './baidu.mjs'
import { createStorage } from './storage.mjs'
import { find, parseTemplate, render, textOf } from './template.mjs'
import { createWeixin } from './weixin.mjs'

const PLATFORMS = {
  'mp-weixin': { global: 'wx', create: createWeixin, template: '.wxml', tap: 'bindtap' },
  'mp-alipay': { global: 'my', create: createAlipay, template: '.axml', tap: 'onTap' },
  'mp-baidu': { global: 'swan', create: createBaidu, template: '.swan', tap: 'bindtap' },
}
const HOST_GLOBALS = ['wx', 'my', 'swan', 'App', 'Page', 'Component', 'getApp', 'getCurrentPages']
const nodeRequire = createRequire(import.meta.url)

/** Sets `value` at a setData path ('a', 'a.b', 'a[0].b') inside `data`. */
export function setPath(data, keyPath, value) {
  const parts = keyPath.replace(/\[(\d+)\]/g, '.$1').split('.')
  let target = data
  parts.slice(0, -1).forEach((part, i) => {
    if (target[part] === null || typeof target[part] != 'object') target[part] = /^\d+$/.test(parts[i + 1]) ? [] : {}
    target = target[part]
  })
  target[parts[parts.length - 1]] = value
}

/** setData copies what it is given, as the platforms serialise it to the view layer. */
const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)))

/** Loads `file` and what it requires as CommonJS modules (one cache per host). */
function moduleLoader() {
  const cache = new Map()
  return function load(file) {
    if (cache.has(file)) return cache.get(file).exports
    const module = { exports: {} }
    cache.set(file, module)
    const code = fs.readFileSync(file, 'utf8')
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file })
    const require = (id) => (id.startsWith('.') ? load(path.resolve(path.dirname(file), id.endsWith('.js') ? id : id + '.js')) : nodeRequire(id))
    wrapper.call(module.exports, module.exports, require, module, file, path.dirname(file))
    return module.exports
  }
}

/**
 * Starts the built app for `platform` from `dir`; `prepare({ files, storage })` runs before the
 * app loads (put files in place, store what the app reads at start). Resolves once the first page
 * is loaded and shown.
 */
export async function startMiniProgram({ platform, dir, prepare }) {
  const spec = PLATFORMS[platform]
  if (!spec) throw new Error('unknown platform ' + platform)
  const storage = createStorage()
  const { api, files } = spec.create({ storage })
  if (prepare) await prepare({ files, storage })
  const events = new EventEmitter()
  const errors = []
  const pages = []
  let registered // options of the Page() or Component() call made while a file loads
  let appInstance
  const launch = { path: '', query: {}, scene: 1001, referrerInfo: {} }

  // What every platform's base library has besides the network and files.
  Object.assign(api, {
    getLaunchOptionsSync: () => launch,
    getEnterOptionsSync: () => launch,
    onAppShow() {},
    onAppHide() {},
    offAppShow() {},
    offAppHide() {},
    canIUse: () => true,
    // The asynchronous storage calls take { key, data } on all three platforms.
    setStorage({ key, data, success, complete }) {
      storage.set(key, data)
      setImmediate(() => (success && success({ errMsg: 'setStorage:ok' }), complete && complete({ errMsg: 'setStorage:ok' })))
    },
    removeStorage({ key, success, complete }) {
      storage.remove(key)
      setImmediate(() => (success && success({ errMsg: 'removeStorage:ok' }), complete && complete({ errMsg: 'removeStorage:ok' })))
    },
  })

  const saved = Object.fromEntries(HOST_GLOBALS.map((name) => [name, globalThis[name]]))
  Object.assign(globalThis, {
    [spec.global]: api,
    App(options) {
      appInstance = options
    },
    Page(options) {
      registered = { kind: 'Page', options }
    },
    Component(options) {
      registered = { kind: 'Component', options }
    },
    getApp: () => appInstance,
    getCurrentPages: () => pages.slice(),
  })
  const onError = (error) => errors.push(error)
  process.on('unhandledRejection', onError)

  const load = moduleLoader()
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  launch.path = appJson.pages[0]
  load(path.join(dir, 'app.js'))
  if (!appInstance) throw new Error('app.js registered no App()')
  call(appInstance, 'onLaunch', launch)
  call(appInstance, 'onShow', launch)

  /** Calls `target[name]` with `this` = target if it exists. */
  function call(target, name, ...args) {
    if (target && typeof target[name] == 'function') return target[name].call(target, ...args)
  }

  function openPage(route, query = {}) {
    registered = undefined
    load(path.join(dir, route + '.js'))
    if (!registered) throw new Error(route + '.js registered no Page() or Component()')
    const { kind, options } = registered
    const template = parseTemplate(fs.readFileSync(path.join(dir, route + spec.template), 'utf8'))
    const data = copy(typeof options.data == 'function' ? options.data() : options.data) || {}
    for (const [name, prop] of Object.entries(options.properties || options.props || {})) {
      if (!(name in data)) data[name] = prop && typeof prop == 'object' && 'value' in prop ? prop.value : prop && typeof prop == 'object' ? undefined : prop
    }
    const inst = {
      route,
      is: route,
      __route__: route,
      options: query,
      data,
      // WeChat and Baidu components read their properties through `this.properties` (the same values as data).
      properties: data,
      $viewId: String(pages.length + 1),
      $id: pages.length + 1,
      __wxExparserNodeId__: 'host' + (pages.length + 1),
      setData(patch, done) {
        for (const [keyPath, value] of Object.entries(patch || {})) setPath(inst.data, keyPath, copy(value))
        setImmediate(() => {
          events.emit('render')
          if (typeof done == 'function') done()
        })
      },
      selectComponent: () => null,
      selectAllComponents: () => [],
      createSelectorQuery: () => ({ in: () => ({}) }),
      triggerEvent() {},
      dispatch() {}, // Baidu's upward component message
      getPageId: () => 'host-page-' + inst.$id,
      getOpenerEventChannel: () => ({ on() {}, emit() {}, off() {}, once() {} }),
    }
    // Page: every function of the options is a method; Component: `methods`, and the lifetimes.
    const methods = kind == 'Page' ? options : options.methods || {}
    for (const [name, fn] of Object.entries(methods)) if (typeof fn == 'function') inst[name] = fn
    // Baidu's instances expose their definition's methods (uni tells a page by methods.onLoad).
    if (kind == 'Component') inst.methods = methods
    if (kind == 'Page') Object.assign(inst, Object.fromEntries(Object.entries(options).filter(([k, v]) => typeof v != 'function' && k != 'data')))
    pages.push(inst)
    const lifetimes = options.lifetimes || {}
    const life = (name, ...args) => (lifetimes[name] || options[name] ? (lifetimes[name] || options[name]).call(inst, ...args) : undefined)
    if (kind == 'Component') {
      life('onInit', query) // Baidu's lifecycle 2.0: before anything else
      life('created')
      life('attached')
      call(inst, 'onLoad', query)
      call(inst, 'onShow')
      if (options.pageLifetimes) call(options.pageLifetimes, 'show')
      life('ready')
      call(inst, 'onReady')
    } else {
      call(inst, 'onInit', query) // Alipay's first page hook
      call(inst, 'onLoad', query)
      call(inst, 'onShow')
      call(inst, 'onReady')
    }
    return pageHandle(inst, template)
  }

  /** What a test does with a page: read what it shows, tap, wait for a change. */
  function pageHandle(inst, template) {
    const tree = () => render(template, inst.data)
    const byId = (id) => find(tree(), (node) => node.attrs.id === id)
    const handle = {
      instance: inst,
      tree,
      /** The text of the element with this id, or undefined when it is not rendered. */
      text(id) {
        const node = byId(id)
        return node && textOf(node)
      },
      /** Taps the element with this id through its compiled tap binding. */
      tap(id) {
        const node = byId(id)
        if (!node) throw new Error(`#${id} is not rendered`)
        const method = node.attrs[spec.tap]
        if (typeof method != 'string' || typeof inst[method] != 'function') throw new Error(`#${id} has no ${spec.tap} handler (${method})`)
        const target = { id, dataset: {}, offsetLeft: 0, offsetTop: 0 }
        inst[method].call(inst, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: { x: 1, y: 1 }, touches: [], changedTouches: [], mark: {} })
      },
      /** Resolves with the element's text once `test(text)` holds (checked after each setData). */
      waitFor(id, test = (text) => text !== undefined, { limit = 20000 } = {}) {
        return new Promise((resolve, reject) => {
          const check = () => {
            const text = handle.text(id)
            if (!test(text)) return false
            events.off('render', check)
            clearTimeout(timer)
            resolve(text)
            return true
          }
          // A safety net against a hung page, not a measurement.
          const timer = setTimeout(() => {
            events.off('render', check)
            reject(new Error(`#${id} never matched; it shows ${JSON.stringify(handle.text(id))}; errors: ${errors.map(String).join('; ')}`))
          }, limit)
          if (!check()) events.on('render', check)
        })
      },
    }
    return handle
  }

  const page = openPage(appJson.pages[0])
  return {
    api,
    files,
    storage,
    errors,
    page,
    /** A module of the built output, as the app loaded it (e.g. 'common/vendor.js'). */
    requireBuilt: (file) => load(path.join(dir, file)),
    close() {
      process.off('unhandledRejection', onError)
      files.remove()
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete globalThis[name]
        else globalThis[name] = value
      }
    },
  }
}

// Renders a compiled mini-program template (WeChat .wxml, Alipay .axml, Baidu .swan) against a
// page's data, as the platform's view layer would: `{{ }}` bindings, the list directive of each
// platform (wx:for / a:for / s-for) and the if directives. The result is a plain tree the tests
// read (text by id) and tap (the element's bindtap / onTap names the page method to call).

/** `<tag attrs>children</tag>` → { tag, attrs, children } or { text } nodes. */
export function parseTemplate(source) {
  const root = { tag: '#root', attrs: {}, children: [] }
  const stack = [root]
  const re = /<!--[\s\S]*?-->|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|([^<]+)/g
  for (let m; (m = re.exec(source)); ) {
    const top = stack[stack.length - 1]
    if (m[0].startsWith('<!--')) continue
    if (m[1]) {
      stack.pop()
    } else if (m[2]) {
      const attrs = {}
      for (const a of m[3].matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g)) attrs[a[1]] = a[2] ?? a[3] ?? ''
      const node = { tag: m[2], attrs, children: [] }
      top.children.push(node)
      if (!m[4]) stack.push(node)
    } else if (m[5] && m[5].trim()) top.children.push({ text: m[5] })
  }
  return root
}

/** Evaluates a binding expression in `scope` (page data plus list items). */
function evaluate(expr, scope) {
  // eslint-disable-next-line no-new-func
  return new Function('scope', `with (scope) { return (${expr}) }`)(scope)
}

/** An attribute or text with `{{ }}`: a lone binding keeps its value's type, else a string. */
function interpolate(value, scope) {
  const lone = /^\s*\{\{((?:(?!\}\})[\s\S])*)\}\}\s*$/.exec(value)
  if (lone) return evaluate(lone[1], scope)
  return value.replace(/\{\{([\s\S]*?)\}\}/g, (_, expr) => {
    const v = evaluate(expr, scope)
    return v === undefined || v === null ? '' : typeof v == 'object' ? JSON.stringify(v) : String(v)
  })
}

const prefixes = ['wx:', 'a:', 's-']
const directive = (attrs, name) => {
  for (const p of prefixes) if (attrs[p + name] !== undefined) return attrs[p + name]
  return undefined
}

/** The list a for directive walks, its item and index names. */
function forOf(attrs, scope) {
  const value = directive(attrs, 'for')
  if (value === undefined) return undefined
  // Baidu: `item, index in list trackBy item.id` (or the WeChat form with s-for-item)
  const swan = /^\s*(\w+)(?:\s*,\s*(\w+))?\s+in\s+(.+?)(?:\s+trackBy\s+.+)?\s*$/.exec(value)
  if (swan && !value.includes('{{')) return { list: evaluate(swan[3], scope), item: swan[1], index: swan[2] || 'index' }
  return { list: interpolate(value, scope), item: directive(attrs, 'for-item') || 'item', index: directive(attrs, 'for-index') || 'index' }
}

/** Renders `node`'s children in `scope`; if/elif/else chains are resolved left to right. */
function renderChildren(children, scope) {
  const out = []
  let chainTaken = null // null: no open chain; true/false: an if chain is open and was/wasn't taken
  for (const child of children) {
    if (child.text !== undefined) {
      out.push({ text: interpolate(child.text, scope) })
      chainTaken = null
      continue
    }
    const cond = directive(child.attrs, 'if')
    const elif = directive(child.attrs, 'elif')
    const isElse = directive(child.attrs, 'else') !== undefined
    if (cond !== undefined) {
      chainTaken = !!interpolate(cond, scope)
      if (!chainTaken) continue
    } else if (elif !== undefined) {
      if (chainTaken !== false) continue
      chainTaken = !!interpolate(elif, scope)
      if (!chainTaken) continue
    } else if (isElse) {
      const skip = chainTaken !== false
      chainTaken = null
      if (skip) continue
    } else chainTaken = null
    const loop = forOf(child.attrs, scope)
    if (loop) {
      const list = Array.isArray(loop.list) ? loop.list : typeof loop.list == 'number' ? Array.from({ length: loop.list }, (_, i) => i) : Object.values(loop.list || {})
      list.forEach((item, index) => out.push(renderElement(child, { ...scope, [loop.item]: item, [loop.index]: index })))
    } else out.push(renderElement(child, scope))
  }
  return out
}

function renderElement(node, scope) {
  const attrs = {}
  for (const [name, value] of Object.entries(node.attrs)) {
    if (prefixes.some((p) => name.startsWith(p))) continue
    attrs[name] = interpolate(value, scope)
  }
  return { tag: node.tag, attrs, children: renderChildren(node.children, scope) }
}

/** The rendered tree of `template` (parsed) for `data`. */
export function render(template, data) {
  return { tag: '#root', attrs: {}, children: renderChildren(template.children, Object.assign(Object.create(null), data)) }
}

/** Depth-first search of a rendered tree. */
export function find(tree, test) {
  if (tree.tag && test(tree)) return tree
  for (const child of tree.children || []) {
    const hit = find(child, test)
    if (hit) return hit
  }
  return undefined
}

/** The text a rendered element shows. */
export const textOf = (node) => (node.text !== undefined ? node.text : (node.children || []).map(textOf).join(''))

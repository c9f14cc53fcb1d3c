// Template mistakes that compile, build and type-check, and only fail at run time in uni-app.
// They are found on the template's AST rather than in the built bundle: the mistaken attribute
// is still in the bundle as a plain DOM attribute (so "not in the output" proves nothing), the
// bundle is minified, and the AST gives the README line to fix.
import { parse } from 'vue/compiler-sfc'

/** A mistake found in a template, with its 1-based line in the SFC. */
export interface TemplateTrap {
  line: number
  message: string
}

/**
 * Attributes a uni built-in component ignores although HTML's element of the same name takes
 * them, by tag. uni's props are read from @dcloudio/uni-h5 (`progressProps`: percent, showInfo,
 * strokeWidth, activeColor, backgroundColor, active, activeMode, duration, fontSize, borderRadius).
 */
export const IGNORED_HTML_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  progress: {
    value: "uni's <progress> takes `percent` (0 to 100), not HTML's `value`: with `value` the bar never moves",
    max: "uni's <progress> has no `max` (the scale is always 0 to 100); it is ignored",
  },
}

const ELEMENT = 1 // NodeTypes.ELEMENT
const ATTRIBUTE = 6 // NodeTypes.ATTRIBUTE
const DIRECTIVE = 7 // NodeTypes.DIRECTIVE

interface AstNode {
  type: number
  tag?: string
  props?: AstProp[]
  children?: AstNode[]
}
interface AstProp {
  type: number
  name: string
  arg?: { content?: string }
  loc: { start: { line: number } }
}

/** Every known uni-only trap in the `<template>` of the SFC `source`. */
export function findTemplateTraps(source: string): TemplateTrap[] {
  const { descriptor, errors } = parse(source)
  if (errors.length > 0) throw errors[0]
  const root = descriptor.template?.ast as AstNode | undefined
  const traps: TemplateTrap[] = []
  if (root) visit(root, traps)
  return traps
}

function visit(node: AstNode, traps: TemplateTrap[]): void {
  const ignored = node.type === ELEMENT && node.tag ? IGNORED_HTML_ATTRIBUTES[node.tag] : undefined
  if (ignored) {
    for (const prop of node.props ?? []) {
      const name = attributeName(prop)
      if (name && Object.prototype.hasOwnProperty.call(ignored, name)) {
        traps.push({ line: prop.loc.start.line, message: ignored[name] })
      }
    }
  }
  for (const child of node.children ?? []) visit(child, traps)
}

/** `value` for `value="1"`, `:value="x"` and `v-bind:value="x"`; undefined for other directives. */
function attributeName(prop: AstProp): string | undefined {
  if (prop.type === ATTRIBUTE) return prop.name
  if (prop.type === DIRECTIVE && prop.name === 'bind') return prop.arg?.content
  return undefined
}

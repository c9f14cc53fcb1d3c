// Finds the fenced code blocks of a Markdown file and decides how each one is checked
// (tests/readme/readme.test.ts; the rules are in the README's Development section).

/** One fenced code block. */
export interface CodeBlock {
  /** The fence's language, lower-cased (`ts`, `vue`, `sh`…); `''` when there is none. */
  lang: string
  /** The words after the language in the fence's info string (```` ```ts node ```` → `['node']`). */
  flags: string[]
  /** The block's text, without the fences and without the fence's indentation. */
  code: string
  /** 1-based line in the Markdown file of the block's first code line. */
  line: number
}

/**
 * How a block is checked:
 * - `app`: compiled into the uni-app fixture (tests/readme/app) and type-checked with it;
 * - `node`: server-side code, type-checked for Node (tests/readme/node), not put into the app;
 * - `none`: not code (no language, or a language that is not TypeScript, JavaScript or Vue).
 */
export type BlockKind = 'app' | 'node' | 'none'

/** Languages whose blocks are code; each maps to the file extension it is compiled as. */
export const CODE_LANGS: Readonly<Record<string, 'ts' | 'js' | 'vue'>> = {
  ts: 'ts',
  typescript: 'ts',
  js: 'js',
  javascript: 'js',
  vue: 'vue',
}

/** The only flag a code block may carry, so an exception is always deliberate and visible. */
export const NODE_FLAG = 'node'

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/

/** Every fenced code block of `markdown`, in order. An unclosed fence runs to the end, as in CommonMark. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/)
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i])
    if (!open) continue
    const [, indent, fence, info] = open
    if (fence[0] === '`' && info.includes('`')) continue // not a fence: inline code
    const [lang = '', ...flags] = info.trim().toLowerCase().split(/\s+/).filter(Boolean)
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j])
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break
      body.push(stripIndent(lines[j], indent.length))
    }
    blocks.push({ lang, flags, code: body.join('\n'), line: i + 2 })
    i = j
  }
  return blocks
}

/** How `block` is checked; throws for a code block with a flag other than `node`. */
export function blockKind(block: CodeBlock): BlockKind {
  if (!(block.lang in CODE_LANGS)) return 'none'
  const unknown = block.flags.filter((f) => f !== NODE_FLAG)
  if (unknown.length > 0) {
    throw new Error(
      `README.md:${block.line - 1}: unknown flag ${unknown.map((f) => `"${f}"`).join(', ')} on a ${block.lang} block ` +
        `(a code block is compiled into the uni-app fixture, or type-checked for Node with "${NODE_FLAG}"; ` +
        'give text that is not code a non-code language such as text)',
    )
  }
  return block.flags.includes(NODE_FLAG) ? 'node' : 'app'
}

/** Removes up to `width` leading spaces (a fence indented inside a list indents its content too). */
function stripIndent(line: string, width: number): string {
  let n = 0
  while (n < width && line[n] === ' ') n++
  return line.slice(n)
}

// @vitest-environment node
// The pieces of the README check that can be wrong without any tool noticing: which blocks are
// found and how they are marked, the <progress> trap, and the README lines put into tool output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { blockKind, codeBlocks, type CodeBlock } from './blocks.js'
import { exportsAsGlobals, toolEnv, withReadmeLines } from './fixture.js'
import { libraryEntries } from './libraryEntries.js'
import { topLevelAwaitLines } from './topLevelAwait.js'
import { findTemplateTraps } from './uniTemplate.js'

const block = (lang: string, flags: string[] = []): CodeBlock => ({ lang, flags, code: '', line: 10 })

describe('codeBlocks', () => {
  it('finds each fenced block with its language, flags, text and first code line', () => {
    const md = ['# Title', '', '```ts', 'const a = 1', '```', 'text', '```Vue', '<template />', '```', '', '```ts node', 'x()', '```'].join('\n')
    expect(codeBlocks(md)).toEqual([
      { lang: 'ts', flags: [], code: 'const a = 1', line: 4 },
      { lang: 'vue', flags: [], code: '<template />', line: 8 },
      { lang: 'ts', flags: ['node'], code: 'x()', line: 12 },
    ])
  })

  it('closes a fence only with the same character, at least as long: a shorter fence inside is text', () => {
    const md = ['````md', '```ts', 'inner()', '```', '````', '~~~js', '```', '~~~'].join('\n')
    expect(codeBlocks(md)).toEqual([
      { lang: 'md', flags: [], code: '```ts\ninner()\n```', line: 2 },
      { lang: 'js', flags: [], code: '```', line: 7 },
    ])
  })

  it('takes an indented fence (inside a list) and strips that indentation from its lines', () => {
    const md = ['- item', '  ```ts', '  if (a) {', '    b()', '  }', '  ```'].join('\n')
    expect(codeBlocks(md)).toEqual([{ lang: 'ts', flags: [], code: 'if (a) {\n  b()\n}', line: 3 }])
  })

  it('keeps a block without a language, runs an unclosed one to the end, and skips inline code', () => {
    const md = ['```', 'tree/', '```', '``` `inline` ```', '```ts', 'open()', ''].join('\n')
    expect(codeBlocks(md)).toEqual([
      { lang: '', flags: [], code: 'tree/', line: 2 },
      { lang: 'ts', flags: [], code: 'open()\n', line: 6 },
    ])
  })
})

describe('blockKind', () => {
  it('puts TypeScript, JavaScript and Vue blocks into the app, `node` ones into the Node check', () => {
    for (const lang of ['ts', 'typescript', 'js', 'javascript', 'vue']) expect(blockKind(block(lang))).toBe('app')
    expect(blockKind(block('ts', ['node']))).toBe('node')
  })

  it('checks nothing in blocks that are not code', () => {
    for (const lang of ['', 'sh', 'bash', 'text', 'json', 'md']) expect(blockKind(block(lang))).toBe('none')
  })

  it('refuses any other flag on a code block, naming its fence line, so no exception is silent', () => {
    expect(() => blockKind(block('ts', ['skip']))).toThrow(/README\.md:9: unknown flag "skip" on a ts block/)
    expect(blockKind(block('sh', ['skip']))).toBe('none')
  })
})

describe('findTemplateTraps', () => {
  const sfc = (template: string) => `<script setup lang="ts">\nconst p = 1\n</script>\n\n<template>\n${template}\n</template>\n`

  it("flags HTML's value and max on uni's <progress>, bound or static, anywhere in the tree, with their lines", () => {
    const traps = findTemplateTraps(sfc('<view v-if="p">\n  <progress :value="p" max="100" />\n</view>\n<progress v-bind:value="p" />'))
    expect(traps).toEqual([
      { line: 7, message: expect.stringMatching(/^uni's <progress> takes `percent`/) },
      { line: 7, message: expect.stringMatching(/^uni's <progress> has no `max`/) },
      { line: 9, message: expect.stringMatching(/^uni's <progress> takes `percent`/) },
    ])
  })

  it('accepts <progress :percent> and value on other elements', () => {
    expect(findTemplateTraps(sfc('<progress :percent="p" show-info />\n<input :value="p" /><slider :value="p" max="100" />'))).toEqual([])
    expect(findTemplateTraps('<script setup lang="ts">const a = 1</script>')).toEqual([])
  })
})

describe('withReadmeLines', () => {
  it("adds the README line to tsc's and Vite's positions in a block's file (start line + line - 1)", () => {
    expect(withReadmeLines('src/readme/l11.vue(4,87): error TS2353')).toBe('src/readme/l11.vue(4,87) [README.md:14:87]: error TS2353')
    expect(withReadmeLines('file: /x/src/readme/l213.ts:1:9\n')).toBe('file: /x/src/readme/l213.ts:1:9 [README.md:213:9]\n')
    expect(withReadmeLines('src/index.ts(3,1): error')).toBe('src/index.ts(3,1): error')
  })
})

describe('exportsAsGlobals', () => {
  it('declares each export with its own type, the default one as `uploader`', () => {
    expect(exportsAsGlobals(['default', 'useUpload']).split('\n').slice(1)).toEqual([
      "declare const uploader: typeof import('uni-uploader').default",
      "declare const useUpload: typeof import('uni-uploader').useUpload",
      '',
    ])
  })
})

describe('libraryEntries', () => {
  const withPackage = (exports: unknown, check: (root: string) => void) => {
    const root = mkdtempSync(path.join(tmpdir(), 'readme-entries-'))
    try {
      writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'lib', exports }))
      check(root)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  it('maps each exported specifier to the src/ file its dist/ file is built from', () => {
    const exports = {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './extra': './dist/extra/index.js',
      './package.json': './package.json',
    }
    withPackage(exports, (root) =>
      expect(libraryEntries(root)).toEqual([
        { specifier: 'lib', source: path.join(root, 'src', 'index.ts') },
        { specifier: 'lib/extra', source: path.join(root, 'src', 'extra', 'index.ts') },
      ]),
    )
  })

  it('refuses an export that is not a dist/ module, naming it', () => {
    withPackage({ './x': { require: './x.cjs' } }, (root) => expect(() => libraryEntries(root)).toThrow('exports["./x"]'))
  })
})

describe('toolEnv', () => {
  it("gives a tool the environment without the test run's flags, plus its own", () => {
    const env = { PATH: '/bin', VITEST: 'true', VITEST_POOL_ID: '1', TEST: 'true', NODE_ENV: 'test', SSR: '1', MODE: 'test', HOME: '/root' }
    expect(toolEnv(env, { NODE_ENV: 'production', CI: '1' })).toEqual({ PATH: '/bin', HOME: '/root', NODE_ENV: 'production', CI: '1' })
  })
})

describe('topLevelAwaitLines', () => {
  it('finds await and for await outside functions, with their lines', () => {
    const code = ['const a = await f()', 'if (a) {', '  for await (const x of g()) {}', '}', 'export default { b: await h() }'].join('\n')
    expect(topLevelAwaitLines(code)).toEqual([1, 3, 5])
  })

  it('accepts await inside functions, methods and arrows', () => {
    const code = [
      'async function f() { await g() }',
      'const h = async () => { for await (const x of y()) {} }',
      'const o = { async m() { await g() } }',
      'class C { async n() { await g() } }',
    ].join('\n')
    expect(topLevelAwaitLines(code)).toEqual([])
  })
})

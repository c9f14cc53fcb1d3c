// Writes the README's code blocks into the fixtures and runs the real tools on them
// (tests/readme/readme.test.ts). Each block becomes a file named after its README line
// (`l42.vue`, `l42.ts`), so every build or type error names the line to fix.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { blockKind, CODE_LANGS, type CodeBlock } from './blocks.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
/** The uni-app (Vue 3) project the `app` blocks are compiled in; its src/readme/ is generated. */
export const appDir = path.join(repoRoot, 'tests', 'readme', 'app')
/** The Node project the `node` blocks are type-checked in; its src/ is generated. */
export const nodeDir = path.join(repoRoot, 'tests', 'readme', 'node')

const appExamplesDir = path.join(appDir, 'src', 'readme')
const nodeExamplesDir = path.join(nodeDir, 'src')
/** The page that imports every `ts`/`js` block, so the build compiles them as an app would. */
const MODULES_PAGE = 'modules'

/** What writeFixtures wrote. */
export interface Fixtures {
  /** uni page paths (as in pages.json), one per `vue` block, then the modules page. */
  pages: string[]
  /** Files of the `ts`/`js` blocks, relative to the app's src/readme/. */
  modules: string[]
  /** Files of the `node` blocks, relative to tests/readme/node/src/. */
  nodeFiles: string[]
}

/** The file name of a block: `l<line of its first code line in README.md>.<ext>`. */
export function exampleFileName(block: CodeBlock): string {
  return `l${block.line}.${CODE_LANGS[block.lang]}`
}

/** Replaces the generated parts of both fixtures with `blocks` (pages.json included). */
export function writeFixtures(blocks: CodeBlock[]): Fixtures {
  for (const dir of [appExamplesDir, nodeExamplesDir]) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
  }
  const fixtures: Fixtures = { pages: [], modules: [], nodeFiles: [] }
  for (const block of blocks) {
    const kind = blockKind(block)
    if (kind === 'none') continue
    const name = exampleFileName(block)
    if (kind === 'node') {
      if (CODE_LANGS[block.lang] === 'vue') throw new Error(`README.md:${block.line - 1}: a vue block cannot be Node code`)
      writeFileSync(path.join(nodeExamplesDir, name), block.code + '\n')
      fixtures.nodeFiles.push(name)
      continue
    }
    writeFileSync(path.join(appExamplesDir, name), block.code + '\n')
    if (CODE_LANGS[block.lang] === 'vue') fixtures.pages.push(`readme/${name.replace(/\.vue$/, '')}`)
    else fixtures.modules.push(name)
  }
  const imports = fixtures.modules.map((file) => `import './${file.replace(/\.(ts|js)$/, '')}'\n`).join('')
  writeFileSync(
    path.join(appExamplesDir, `${MODULES_PAGE}.vue`),
    `<script setup lang="ts">\n// Generated: every ts/js block of README.md, as a module of this page.\n${imports}</script>\n\n<template><view /></template>\n`,
  )
  fixtures.pages.push(`readme/${MODULES_PAGE}`)
  const pagesJson = { pages: fixtures.pages.map((p) => ({ path: p })), globalStyle: { navigationBarTitleText: 'README' } }
  writeFileSync(path.join(appDir, 'src', 'pages.json'), JSON.stringify(pagesJson, null, 2) + '\n')
  return fixtures
}

/** The exit code and the combined stdout/stderr of a tool run. */
export interface ToolRun {
  code: number | null
  output: string
}

/** Runs a Node script of node_modules (`relativeScript`) with `args`; never rejects for a non-zero exit. */
export function runNodeScript(relativeScript: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ToolRun> {
  const script = path.join(repoRoot, 'node_modules', relativeScript)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output: withReadmeLines(output) }))
  })
}

/** The real uni CLI's production H5 build of the app fixture (into tests/readme/app/dist/h5). */
export function buildAppH5(): Promise<ToolRun> {
  // uni reads its own setup from the working directory's package.json (the repo's, as for the
  // playground: from the fixture's folder the app's main.ts was never turned into the app's
  // entry and the page came out empty), and takes Vite's root (index.html, vite.config.ts)
  // from VITE_ROOT_DIR.
  return runNodeScript('@dcloudio/vite-plugin-uni/bin/uni.js', ['build', '-p', 'h5'], repoRoot, {
    CI: '1', // no update check
    NODE_ENV: 'production',
    VITE_ROOT_DIR: appDir,
    UNI_INPUT_DIR: path.join(appDir, 'src'),
    UNI_OUTPUT_DIR: path.join(appDir, 'dist', 'h5'),
  })
}

/** vue-tsc over the app fixture: the examples against the library's types, templates included. */
export function typecheckApp(): Promise<ToolRun> {
  return runNodeScript('vue-tsc/bin/vue-tsc.js', ['--noEmit', '--pretty', 'false', '-p', path.join(appDir, 'tsconfig.json')], repoRoot)
}

/** tsc over the Node fixture (the `node` blocks, with Node's types and the installed packages). */
export function typecheckNode(): Promise<ToolRun> {
  return runNodeScript('typescript/bin/tsc', ['--noEmit', '--pretty', 'false', '-p', path.join(nodeDir, 'tsconfig.json')], repoRoot)
}

/**
 * Adds the README line to each `l<start>.<ext>(line,col)` or `l<start>.<ext>:line:col` position in
 * a tool's output: a block's file starts at README line <start>, so README line = start + line - 1.
 */
export function withReadmeLines(output: string): string {
  return output.replace(/\bl(\d+)\.(?:ts|js|vue)(?:\((\d+),(\d+)\)|:(\d+):(\d+))/g, (match, start, l1, c1, l2, c2) => {
    const line = Number(start) + Number(l1 ?? l2) - 1
    return `${match} [README.md:${line}:${c1 ?? c2}]`
  })
}

// @vitest-environment node
// Every TypeScript, JavaScript and Vue block of README.md is compiled by the real uni-app
// toolchain and type-checked against the library, so an example cannot rot (issue 12).
// How blocks are picked and marked: tests/readme/blocks.ts and the README's Development section.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { blockKind, codeBlocks, type CodeBlock } from './blocks.js'
import { buildAppH5, exampleFileName, repoRoot, typecheckApp, typecheckNode, writeFixtures, type Fixtures, type ToolRun } from './fixture.js'
import { topLevelAwaitLines } from './topLevelAwait.js'
import { findTemplateTraps } from './uniTemplate.js'

// A uni build and vue-tsc: about 13 s of CPU together; 111 s of wall time was seen at a load
// average of 22 on 2 cores. Generous, and never an assertion on time.
const TOOL_TIMEOUT = 600_000

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
const blocks = codeBlocks(readme)
const checked = (kind: 'app' | 'node'): CodeBlock[] => blocks.filter((b) => blockKind(b) === kind)

describe('README examples', () => {
  let fixtures: Fixtures
  let build: Promise<ToolRun>
  let appTypes: Promise<ToolRun>
  let nodeTypes: Promise<ToolRun | undefined>

  beforeAll(async () => {
    const library: Record<string, unknown> = await import('../../src/index.js')
    fixtures = writeFixtures(blocks, Object.keys(library))
    // the three tools run side by side; each test below waits for its own
    build = buildAppH5()
    appTypes = typecheckApp()
    nodeTypes = fixtures.nodeFiles.length > 0 ? typecheckNode() : Promise.resolve(undefined)
  }, 60_000) // imports src/ once, to list its exports

  it('puts every code block into a fixture (only `node` blocks outside the uni app)', () => {
    const app = checked('app')
    expect(app.length).toBeGreaterThan(0)
    expect([...fixtures.pages, ...fixtures.modules].length).toBe(app.length + 1) // + the modules page
    expect(fixtures.nodeFiles).toEqual(checked('node').map(exampleFileName))
  })

  it("gives uni's components their own attributes (<progress :percent>, not :value)", () => {
    const traps = checked('app')
      .filter((b) => b.lang === 'vue')
      .flatMap((b) => findTemplateTraps(b.code).map((t) => `README.md:${b.line + t.line - 1}: ${t.message}`))
    expect(traps).toEqual([])
  })

  it("has no top-level await in a ts/js block (uni's H5 target is ES2020; the build would name a chunk line)", () => {
    const found = checked('app')
      .filter((b) => b.lang !== 'vue')
      .flatMap((b) => topLevelAwaitLines(b.code).map((line) => `README.md:${b.line + line - 1}: top-level await: put it in an async function`))
    expect(found).toEqual([])
  })

  // the tools' output, with README lines added, is the failure message
  it.each([
    ['builds in a real uni-app H5 production build', () => build],
    ["type-checks against the library's types (vue-tsc, templates included)", () => appTypes],
    ['type-checks the Node examples (tsc with Node types; passes when there are none)', () => nodeTypes],
  ])(
    '%s',
    async (_, tool: () => Promise<ToolRun | undefined>) => {
      const run = await tool()
      if (run) expect(run.code, run.output).toBe(0)
    },
    TOOL_TIMEOUT,
  )
})

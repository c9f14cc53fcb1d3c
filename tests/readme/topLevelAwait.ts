// A top-level `await` type-checks (ES2022 modules) but fails uni's H5 build, whose target is
// ES2020, and the build names only a line of a bundled chunk. Found here on the block's own syntax
// tree, so the failure names the README line. (`<script setup>` may await: Vue compiles it into
// an async setup(), so only ts/js blocks are checked.)
import ts from 'typescript'

/** 1-based lines of the `await`s (and `for await`s) in `code` that are outside every function. */
export function topLevelAwaitLines(code: string): number[] {
  const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const lines: number[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return
    const isAwait = ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)
    if (isAwait) lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1)
    ts.forEachChild(node, visit)
  }
  visit(file)
  return lines
}

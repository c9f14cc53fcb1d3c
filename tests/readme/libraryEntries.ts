// The library as an app imports it: each specifier package.json "exports" offers, mapped to the
// source file its dist file is built from (scripts/build.mjs emits src/X.ts as dist/X.js), so the
// README fixture compiles examples against src/ and an unexported subpath fails as it would in an app.
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** One import specifier of the package and the source file behind it. */
export interface LibraryEntry {
  /** What an app writes: `uni-uploader`, `uni-uploader/x`. */
  specifier: string
  /** Absolute path of the source file. */
  source: string
}

type ExportTarget = string | { import?: string; default?: string }

/** The entries of the package at `repoRoot`, from its package.json `name` and `exports`. */
export function libraryEntries(repoRoot: string): LibraryEntry[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    name: string
    exports: Record<string, ExportTarget>
  }
  return Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => {
      const file = typeof target === 'string' ? target : (target.import ?? target.default)
      const built = file && /^\.\/dist\/(.+)\.js$/.exec(file)
      if (!built) throw new Error(`package.json exports["${subpath}"]: no ./dist/*.js import target to map to src/`)
      return { specifier: pkg.name + subpath.slice(1), source: path.join(repoRoot, 'src', `${built[1]}.ts`) }
    })
}

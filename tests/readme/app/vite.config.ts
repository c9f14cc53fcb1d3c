// Vite config of the README fixture app (a uni-app Vue 3 project; README.md "Development" says how).
// uni takes Vite's root, where it finds this file and index.html, from VITE_ROOT_DIR, which
// tests/readme/fixture.ts sets to this folder.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import uniPlugin from '@dcloudio/vite-plugin-uni'
import { libraryEntries } from '../libraryEntries'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// The plugin's CJS default export arrives wrapped when this config is bundled as ESM.
const uni = ((uniPlugin as any).default ?? uniPlugin) as typeof uniPlugin

export default defineConfig({
  plugins: [uni()],
  // the examples import the library by its package name and subpaths, built from src/;
  // never alias `vue` (uni's fork is `vue` here)
  resolve: {
    alias: libraryEntries(r('../../..')).map(({ specifier, source }) => ({
      find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
      replacement: source,
    })),
  },
  // a production build as uni makes it, less the two steps that only shrink or measure the output
  build: { minify: false, reportCompressedSize: false },
  cacheDir: r('../../../node_modules/.vite-readme'),
})

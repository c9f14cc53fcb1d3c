// Vite config for the playground (a uni-app H5 app in playground/src).
// uni's CLI looks for this file in the Vite root, i.e. the folder it is run from:
//   CI=1 UNI_INPUT_DIR=$PWD/playground/src UNI_OUTPUT_DIR=$PWD/playground/dist/h5 \
//     node node_modules/@dcloudio/vite-plugin-uni/bin/uni.js build -p h5
// (npm run playground:build does exactly that). The library itself is built by scripts/build.mjs.
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import uniPlugin from '@dcloudio/vite-plugin-uni'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const playgroundDir = r('./playground')

// The plugin's CJS default export arrives wrapped when this config is bundled as ESM.
const uni = ((uniPlugin as any).default ?? uniPlugin) as typeof uniPlugin

// uni sets Vite's root to the CLI's working directory (VITE_ROOT_DIR); the playground keeps
// its index.html in playground/, so move the root there (after uni's own config hook).
const playgroundRoot = (): Plugin => ({
  name: 'uni-uploader:playground-root',
  config: () => ({ root: process.env.PLAYGROUND_ROOT || playgroundDir }),
})

export default defineConfig({
  plugins: [uni(), playgroundRoot()],
  // never alias `vue`: in a uni build it is uni's fork (@dcloudio/uni-h5-vue)
  resolve: {
    alias: [{ find: /^uni-uploader$/, replacement: r('./src/index.ts') }],
  },
  cacheDir: r('./node_modules/.vite-playground'),
  server: { host: '127.0.0.1' },
})

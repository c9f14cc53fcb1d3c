// uni's CLI runs Vite in this folder: this is the whole config of the mini-program page set.
import { defineConfig } from 'vite'
import uniPlugin from '@dcloudio/vite-plugin-uni'

// The plugin's CommonJS default export arrives wrapped when Vite bundles this config as ESM.
const uni = uniPlugin.default || uniPlugin

export default defineConfig({ plugins: [uni()] })

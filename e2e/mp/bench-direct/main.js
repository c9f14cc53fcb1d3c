import { createSSRApp } from 'vue'
import App from './App.vue'

// The page set without the library, for the size comparison (bench/mp-size.mjs): the same app,
// with uni called directly.
export function createApp() {
  return { app: createSSRApp(App) }
}

import { createSSRApp } from 'vue'
import uploader from 'uni-uploader'
import App from './App.vue'

// The host (e2e/mp/host) stores the loopback server's address before the app starts, as an app
// would keep its API address in storage.
const server = uni.getStorageSync('e2e-server') || 'http://127.0.0.1:9'

export function createApp() {
  const app = createSSRApp(App)
  // The Referer is here on purpose: the library must drop it (mini-programs forbid it).
  app.use(uploader, { baseURI: server, timeout: 30000, header: { 'X-Client': 'uni-uploader-mp', Referer: 'https://example.com/' } })
  return { app }
}

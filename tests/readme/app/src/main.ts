import { createSSRApp } from 'vue'
import uploader from 'uni-uploader'
import App from './App.vue'

// A uni-app entry as the README's setup example writes it; the examples are the pages.
export function createApp() {
  const app = createSSRApp(App)
  app.use(uploader, { baseURI: 'https://api.example.com' })
  return { app }
}

import { createSSRApp } from 'vue'
import uploader from 'uni-uploader'
import App from './App.vue'
import { vPressable } from './directives/pressable'

// The API lives on the same origin as the page (playground/server serves both).
const origin = typeof location !== 'undefined' ? location.origin : 'http://127.0.0.1:5174'

export function createApp() {
  const app = createSSRApp(App)
  app.use(uploader, {
    baseURI: origin,
    timeout: 30000,
    header: { 'X-Client': 'uni-uploader-playground' },
  })
  // every page's buttons and clickable views: Tab, Enter and Space work as on native controls
  app.directive('pressable', vPressable)
  return { app }
}

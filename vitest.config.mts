import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Unit and component tests. The uni plugin is not used here: tests inject a fake `uni`
// (tests/helpers/fake-uni.ts) that behaves like ../shared/RUNTIME.md says.
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
    restoreMocks: true,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/types.ts', 'src/resumable/types.ts', 'src/transport/adapter.ts'],
      reporter: ['text', 'text-summary'],
      thresholds: { lines: 95, branches: 95, functions: 95, statements: 95 },
    },
  },
})

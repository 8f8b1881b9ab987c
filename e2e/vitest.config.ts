import { defineConfig } from 'vitest/config'

// Browser journeys: one private engine, one real server (a child process serving the built web
// app) and one Chromium for the whole run, started by the global setup; specs run one at a time
// because they share the browser.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['specs/**/*.spec.ts'],
    globalSetup: ['./support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The teardown stops the engine and removes its data (built images included): over 10 s.
    teardownTimeout: 120_000,
  },
})

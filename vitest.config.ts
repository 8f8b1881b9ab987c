import { defineConfig } from 'vitest/config'

// One private engine is started for the whole run (packages/testkit/src/global-setup.ts) and
// shared by every suite; suites run in parallel workers and isolate themselves by labels.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      // The web app: its logic as pure functions (*.test.ts, no DOM), and its components and
      // hooks in jsdom (*.test.tsx, each with the `@vitest-environment jsdom` docblock).
      'apps/web/src/**/*.test.{ts,tsx}',
    ],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 120_000,
    maxWorkers: 4,
    reporters: ['default'],
  },
})

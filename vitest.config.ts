import { defineConfig } from 'vitest/config'
import { TEST_TIME_SCALE, scaled } from './packages/testkit/src/test-time.ts'

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
    // Deadlines, not durations: each bounds a wait for a condition, and grows on a busy machine
    // (packages/testkit/src/test-time.ts). Measured once here; every worker gets the same scale.
    env: { HARBORMASTER_TEST_TIME_SCALE: String(TEST_TIME_SCALE) },
    testTimeout: scaled(60_000),
    hookTimeout: scaled(180_000),
    teardownTimeout: scaled(120_000),
    expect: { poll: { timeout: scaled(5000) } },
    maxWorkers: 4,
    reporters: ['default'],
  },
})

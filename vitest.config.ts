import { defineConfig } from 'vitest/config'
import { scaled } from './packages/testkit/src/test-time.ts'

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
    // Deadlines, not durations: each bounds a wait for a condition, and is multiplied by
    // HARBORMASTER_TEST_TIME_SCALE on machines slower than a busy 2-core one.
    testTimeout: scaled(60_000),
    hookTimeout: scaled(180_000),
    teardownTimeout: scaled(120_000),
    expect: { poll: { timeout: scaled(5000) } },
    maxWorkers: 4,
    reporters: ['default'],
  },
})

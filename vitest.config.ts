import { globSync, readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import { TEST_TIME_SCALE, scaled } from './packages/testkit/src/test-time.ts'

const TEST_FILES = [
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
  'apps/server/src/**/*.test.ts',
  // The web app: its logic as pure functions (*.test.ts, no DOM), and its components and hooks
  // in jsdom (*.test.tsx, each with the `@vitest-environment jsdom` docblock).
  'apps/web/src/**/*.test.{ts,tsx}',
]

/**
 * A test file talks to a real engine exactly when it imports the test kit (or, inside the kit,
 * its engine modules), the server's harness (the server against the run's private engine) or the
 * engine package's fixture. Reading that from the file keeps the two tiers right by
 * construction: a new engine test cannot land in the fast tier.
 */
const ENGINE_IMPORT =
  /from '(?:@harbormaster\/testkit|[./]*\/test\/harness\.ts|\.\/engine-fixture\.ts|\.\/(?:inject|private-engine)\.ts)'/
const needsEngine = (file: string) => ENGINE_IMPORT.test(readFileSync(file, 'utf8'))
/** A file that asks for the run's three-engine swarm (packages/testkit/src/swarm/inject.ts). */
const needsSwarm = (file: string) => /\bswarmCluster\(\)/.test(readFileSync(file, 'utf8'))
const files = TEST_FILES.flatMap((pattern) => globSync(pattern)).sort()
const swarmFiles = files.filter(needsSwarm)
const engineFiles = files.filter((file) => needsEngine(file) && !needsSwarm(file))
const fastFiles = files.filter((file) => !needsEngine(file) && !needsSwarm(file))

// Two tiers. `fast`: pure logic, the contract, web components in jsdom, server modules with a real
// SQLite file; no root, no dockerd (`npm run test:fast`). `engine`: everything against the one
// private engine started for the run (packages/testkit/src/global-setup.ts), shared by every
// suite; suites run in parallel workers and isolate themselves by labels. `npm test` runs both.
// The engine tier's `swarm` project holds the files that also need the three-engine swarm: its
// global setup starts the cluster (in the background) only when one of them is in the run, and
// shares the one private engine with the `engine` project.
export default defineConfig({
  test: {
    // Deadlines, not durations: each bounds a wait for a condition, and grows on a busy machine
    // (packages/testkit/src/test-time.ts). Measured once here; every worker gets the same scale.
    env: { HARBORMASTER_TEST_TIME_SCALE: String(TEST_TIME_SCALE) },
    testTimeout: scaled(60_000),
    hookTimeout: scaled(180_000),
    teardownTimeout: scaled(120_000),
    expect: { poll: { timeout: scaled(5000) } },
    maxWorkers: 4,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'fast', include: fastFiles } },
      {
        extends: true,
        test: {
          name: 'engine',
          include: engineFiles,
          globalSetup: ['packages/testkit/src/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'swarm',
          include: swarmFiles,
          // One cluster, whose nodes some files drain, promote or relabel: its files take turns,
          // so no file sees another's drained worker where it expects its tasks.
          fileParallelism: false,
          globalSetup: [
            'packages/testkit/src/swarm/global-setup.ts',
            'packages/testkit/src/global-setup.ts',
          ],
        },
      },
    ],
  },
})

import type { TestProject } from 'vitest/node'
import { removeAllTestObjects } from './cleanup.ts'
import { ensureFixtureImages, FIXTURE_IMAGE } from './fixture-images.ts'
import { startPrivateEngine, type PrivateEngine } from './private-engine.ts'
import type { TestEngineInfo } from './test-engine-info.ts'

/** Points the run at an existing engine instead of starting a private one. */
export const EXTERNAL_ENGINE_VARIABLE = 'HARBORMASTER_TEST_DOCKER_HOST'

/** A unix:// address (or a plain socket path) to the socket path. */
function socketPathOf(dockerHost: string): string {
  const path = dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : dockerHost
  if (!path.startsWith('/')) {
    throw new Error(`${EXTERNAL_ENGINE_VARIABLE} must be unix:///path or /path, got ${dockerHost}`)
  }
  return path
}

/**
 * Vitest global setup: one private TLS engine for the whole run (or the engine named by
 * HARBORMASTER_TEST_DOCKER_HOST, which is never stopped), with the fixture image on it.
 * Teardown removes every test-labelled object and stops the engine it started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env[EXTERNAL_ENGINE_VARIABLE]
  let engine: PrivateEngine | undefined
  let info: TestEngineInfo
  if (external !== undefined && external !== '') {
    const socketPath = socketPathOf(external)
    info = { socketPath, dockerHost: `unix://${socketPath}`, fixtureImage: FIXTURE_IMAGE }
  } else {
    engine = await startPrivateEngine({ name: 'shared', tls: true })
    info = {
      socketPath: engine.socketPath,
      dockerHost: engine.dockerHost,
      fixtureImage: FIXTURE_IMAGE,
    }
    if (engine.tls !== undefined) info.tls = engine.tls
  }
  try {
    await ensureFixtureImages(info.dockerHost)
  } catch (error) {
    await engine?.stop()
    throw error
  }
  project.provide('testEngine', info)

  return async () => {
    try {
      await removeAllTestObjects(info.dockerHost)
    } finally {
      await engine?.stop()
    }
  }
}

import { inject } from 'vitest'
import type { TestPodmanInfo } from './podman-service.ts'
import type { TestEngineInfo } from './test-engine-info.ts'

/** The shared test engine started by the global setup (call it inside a test file). */
export function testEngine(): TestEngineInfo {
  return inject('testEngine')
}

/** The run's Podman API service, started by the global setup beside the engine. */
export function testPodman(): TestPodmanInfo {
  return inject('testPodman')
}

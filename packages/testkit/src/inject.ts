import { inject } from 'vitest'
import type { TestEngineInfo } from './test-engine-info.ts'

/** The shared test engine started by the global setup (call it inside a test file). */
export function testEngine(): TestEngineInfo {
  return inject('testEngine')
}

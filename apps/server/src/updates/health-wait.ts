import type { Engine } from '@harbormaster/engine'
import { setTimeout as sleep } from 'node:timers/promises'

const POLL_MS = 500

/**
 * Waits until a just-started container is settled: healthy (or, without a healthcheck, still
 * running). Answers why not otherwise: it exited, turned unhealthy, or was not healthy within
 * `timeoutMs`. Asks the engine every half second while waiting: an update is rare and short.
 */
export async function waitUntilSettled(
  engine: Engine,
  id: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const details = await engine.containers.inspect(id)
    const state = details.state
    if (!state.running && !state.restarting) {
      return `the new container stopped (exit code ${String(state.exitCode)})`
    }
    const health = state.health?.status
    if (health === undefined || health === 'none' || health === 'healthy') return undefined
    if (health === 'unhealthy') return 'the new container is unhealthy'
    if (Date.now() >= deadline) {
      return `the new container was not healthy within ${String(Math.round(timeoutMs / 1000))} s`
    }
    await sleep(POLL_MS)
  }
}

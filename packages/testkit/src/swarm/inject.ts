import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { inject } from 'vitest'
import { scaled } from '../test-time.ts'
import type { ClusterStatus, SwarmClusterInfo } from './swarm-cluster-info.ts'

/**
 * The run's three-engine swarm (call it inside a test file, e.g. in beforeAll): waits until the
 * global setup has started it. A file calling this runs in the `swarm` project of
 * vitest.config.ts, whose global setup starts the cluster; no other run pays for it.
 */
export async function swarmCluster(): Promise<SwarmClusterInfo> {
  const statusFile = inject('swarmClusterStatus')
  const deadline = Date.now() + scaled(120_000)
  for (;;) {
    const text = await readFile(statusFile, 'utf8').catch(() => undefined)
    if (text !== undefined) {
      const status = JSON.parse(text) as ClusterStatus
      if ('failed' in status) throw new Error(`the swarm cluster did not start: ${status.failed}`)
      return status.ready
    }
    if (Date.now() > deadline)
      throw new Error(`the swarm cluster was not ready in time (${statusFile})`)
    await sleep(100)
  }
}

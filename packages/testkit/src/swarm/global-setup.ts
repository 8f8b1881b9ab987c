import { rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { newRunId } from '../labels.ts'
import type { ClusterStatus } from './swarm-cluster-info.ts'
import { startSwarmCluster, type SwarmCluster } from './swarm-cluster.ts'

/**
 * Vitest global setup of the `swarm` project (the test files that call `swarmCluster()`): one
 * three-engine swarm for the run, started only when such a file runs. The start is not awaited:
 * it goes on while the run's other files already test, and the files that need the cluster wait
 * for it (`swarmCluster()` reads the status file named here once it appears). Teardown waits for
 * the start to settle, then stops whatever it made.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const statusFile = join(tmpdir(), `hmc-status-${newRunId()}.json`)
  project.provide('swarmClusterStatus', statusFile)
  const report = async (status: ClusterStatus) => {
    // Written whole, then renamed: a reader never sees half a file.
    await writeFile(`${statusFile}.tmp`, JSON.stringify(status))
    await rename(`${statusFile}.tmp`, statusFile)
  }
  const started: Promise<SwarmCluster | undefined> = startSwarmCluster().then(
    async (cluster) => {
      const { nodes, nodeLabel, fixtureImage } = cluster
      await report({ ready: { nodes, nodeLabel, fixtureImage } })
      return cluster
    },
    async (error: unknown) => {
      await report({
        failed: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
      return undefined
    },
  )
  return async () => {
    try {
      await (await started)?.stop()
    } finally {
      await rm(statusFile, { force: true })
    }
  }
}

import { type SwarmClusterInfo, type SwarmNodeInfo, docker } from '@harbormaster/testkit'
import { expect } from 'vitest'
import type { ApiClient } from './api-client.ts'
import type { Harness } from './harness.ts'

/**
 * The run's three-engine swarm as a host of the server under test: its leader (m1) registered
 * by its unix socket, as stack-remote.test.ts registers a second engine.
 */
export interface SwarmHost {
  cluster: SwarmClusterInfo
  hostId: string
  /** `/api/hosts/<hostId>/swarm`. */
  swarm: string
  leader: SwarmNodeInfo
  /** Removes the services, secrets and configs this file labelled, on the leader. */
  cleanup(): Promise<void>
}

/**
 * Pass `await swarmCluster()` from the test file itself: vitest.config.ts puts a file in the
 * swarm project by that call in its text.
 */
export async function registerSwarmHost(
  h: Harness,
  cluster: SwarmClusterInfo,
  prefix: string,
): Promise<SwarmHost> {
  const leader = cluster.nodes.find((n) => n.name === 'm1') ?? cluster.nodes[0]
  if (!leader) throw new Error('the test swarm has no nodes')
  const hostId = `${prefix}-${h.runId.slice(-6)}`
  const admin = await h.as('admin')
  const added = await admin.post('/api/hosts', {
    id: hostId,
    name: `swarm ${prefix}`,
    address: leader.dockerHost,
  })
  expect(added.status, await added.clone().text()).toBe(201)
  const [key, value] = Object.entries(h.labels)[0] ?? ['', '']
  const filter = ['--filter', `label=${key}=${value}`]
  const cleanup = async () => {
    for (const kind of ['service', 'secret', 'config']) {
      const ids = (await docker(leader.dockerHost, [kind, 'ls', '-q', ...filter])).stdout
        .split('\n')
        .filter(Boolean)
      if (ids.length > 0) await docker(leader.dockerHost, [kind, 'rm', ...ids])
    }
  }
  return { cluster, hostId, swarm: `/api/hosts/${hostId}/swarm`, leader, cleanup }
}

/** Containers of a service running on one node, by that node's own engine. */
export async function containersOn(node: SwarmNodeInfo, service: string): Promise<string[]> {
  const { stdout } = await docker(node.dockerHost, [
    'ps',
    '-q',
    '--no-trunc',
    '--filter',
    `label=com.docker.swarm.service.name=${service}`,
  ])
  return stdout.split('\n').filter(Boolean)
}

export interface TaskRow {
  id: string
  nodeId?: string
  desiredState: string
  state: string
  containerId?: string
}

/** The service's tasks meant to run, as our API lists them. */
export async function runningTasks(client: ApiClient, swarm: string, service: string) {
  const tasks = (await (await client.get(`${swarm}/tasks?service=${service}`)).json()) as TaskRow[]
  return tasks.filter((t) => t.desiredState === 'running' && t.state === 'running')
}

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { access, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker } from '../docker-cli.ts'
import { runCommand } from '../exec.ts'
import { newRunId, TEST_LABEL, uniqueName } from '../labels.ts'
import { makeStateDir } from '../private-engine.ts'
import { scaled } from '../test-time.ts'
import { clusterDir, clusterNetns, sweepStaleClusters } from './cluster-owner.ts'
import { swarmCluster } from './inject.ts'
import type { SwarmClusterInfo, SwarmNodeInfo } from './swarm-cluster-info.ts'

/** The parts of `docker node inspect` these tests read. */
interface InspectedNode {
  ID: string
  Spec: { Role: string; Availability: string; Labels: Record<string, string> }
  Description: { Hostname: string }
  Status: { State: string; Addr: string }
  ManagerStatus?: { Leader?: boolean; Reachability: string }
}

const lines = (text: string): string[] => text.split('\n').filter(Boolean)

describe("the run's three-engine swarm (real engines, one network namespace each)", () => {
  let cluster: SwarmClusterInfo
  const runId = newRunId()
  const label = ['--label', `${TEST_LABEL}=${runId}`]
  const containerLabel = ['--container-label', `${TEST_LABEL}=${runId}`]
  const services: string[] = []
  const networks: string[] = []
  // A node label of this file's own, put on two nodes: the placement tests target it.
  const zone = `harbormaster.test-zone-${runId}`

  const node = (name: string): SwarmNodeInfo => {
    const found = cluster.nodes.find((n) => n.name === name)
    if (found === undefined) throw new Error(`no node ${name}`)
    return found
  }
  const manager = (): string => node('m1').dockerHost
  const createService = async (args: readonly string[]): Promise<string> => {
    const name = uniqueName('svc')
    services.push(name)
    // Killed at once when drained or removed: `sleep` as PID 1 ignores SIGTERM.
    const create = ['service', 'create', '--detach', '--name', name, '--stop-signal', 'KILL']
    await docker(manager(), [...create, ...label, ...containerLabel, ...args])
    return name
  }
  /** Running task containers of `service` on one node, as that node's own engine lists them. */
  const runningOn = async (name: string, service: string): Promise<string[]> =>
    lines(
      (
        await docker(node(name).dockerHost, [
          ...['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`],
        ])
      ).stdout,
    )
  const countsOf = async (service: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {}
    for (const { name } of cluster.nodes) counts[name] = (await runningOn(name, service)).length
    return counts
  }
  const poll = { timeout: scaled(60_000), interval: 250 }
  /** The network goes once its tasks' endpoints are gone, a moment after the services. */
  const removeNetwork = async (network: string): Promise<void> => {
    const deadline = Date.now() + poll.timeout
    for (;;) {
      try {
        await docker(manager(), ['network', 'rm', network])
        return
      } catch (error) {
        if (Date.now() > deadline) throw error
        await sleep(poll.interval)
      }
    }
  }

  beforeAll(async () => {
    cluster = await swarmCluster()
    for (const name of ['m2', 'w1']) {
      await docker(manager(), ['node', 'update', '--label-add', `${zone}=yes`, node(name).nodeId])
    }
  })
  afterAll(async () => {
    if (services.length > 0) await docker(manager(), ['service', 'rm', ...services])
    for (const network of networks) await removeNetwork(network)
    for (const { nodeId } of cluster.nodes) {
      await docker(manager(), ['node', 'update', '--label-rm', zone, nodeId]).catch(() => undefined)
    }
  })

  it('has three Ready nodes: two managers (one the leader) and a worker, each labelled with its name', async () => {
    const ids = cluster.nodes.map((n) => n.nodeId)
    const inspected = JSON.parse(
      (await docker(node('m2').dockerHost, ['node', 'inspect', ...ids])).stdout,
    ) as InspectedNode[]

    const seen = inspected.map((n) => ({
      name: n.Spec.Labels[cluster.nodeLabel],
      hostname: n.Description.Hostname,
      role: n.Spec.Role,
      state: n.Status.State,
      address: n.Status.Addr,
      leader: n.ManagerStatus?.Leader === true,
      reachable: n.ManagerStatus?.Reachability,
    }))
    expect(seen).toEqual([
      {
        name: 'm1',
        hostname: 'hmc-m1',
        role: 'manager',
        state: 'ready',
        address: '10.231.240.11',
        leader: true,
        reachable: 'reachable',
      },
      {
        name: 'm2',
        hostname: 'hmc-m2',
        role: 'manager',
        state: 'ready',
        address: '10.231.240.12',
        leader: false,
        reachable: 'reachable',
      },
      {
        name: 'w1',
        hostname: 'hmc-w1',
        role: 'worker',
        state: 'ready',
        address: '10.231.240.13',
        leader: false,
        reachable: undefined,
      },
    ])
    // Each engine says what it is from its own socket: the worker cannot manage the swarm.
    const control = await Promise.all(
      cluster.nodes.map(async (n) =>
        (await docker(n.dockerHost, ['info', '-f', '{{.Swarm.ControlAvailable}}'])).stdout.trim(),
      ),
    )
    expect(control).toEqual(['true', 'true', 'false'])
  })

  it('runs the 4 replicas of a service constrained to a node label only on the labelled nodes', async () => {
    const service = await createService([
      ...['--replicas', '4', '--constraint', `node.labels.${zone}==yes`],
      ...[cluster.fixtureImage, 'sleep', '600'],
    ])

    // Spread over the two eligible nodes, none on m1: each node's own `docker ps` shows them.
    await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 2, w1: 2 })
  })

  it('moves a drained worker’s tasks to the other eligible node, and schedules on it again once active', async () => {
    const service = await createService([
      ...['--replicas', '2', '--constraint', `node.labels.${zone}==yes`],
      ...[cluster.fixtureImage, 'sleep', '600'],
    ])
    await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 1, w1: 1 })
    const worker = node('w1').nodeId

    await docker(manager(), ['node', 'update', '--availability', 'drain', worker])
    await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 2, w1: 0 })

    await docker(manager(), ['node', 'update', '--availability', 'active', worker])
    const availability = await docker(manager(), [
      'node',
      'inspect',
      '-f',
      '{{.Spec.Availability}}',
      worker,
    ])
    expect(availability.stdout.trim()).toBe('active')
    // Swarm does not move running tasks back; new ones go to the emptier node again.
    await docker(manager(), ['service', 'scale', '--detach', `${service}=4`])
    await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 2, w1: 2 })
  })

  it('carries a request over an overlay network from a task on m1 to a task on w1 (vxlan)', async () => {
    const network = uniqueName('overlay')
    networks.push(network)
    await docker(manager(), ['network', 'create', '--driver', 'overlay', ...label, network])
    const on = (name: string) => ['--constraint', `node.labels.${cluster.nodeLabel}==${name}`]
    // The answer names the container that served it. DNS round robin, not the default virtual
    // IP: a VIP needs IPVS, which this kernel lacks (docs/testing.md).
    const server = await createService([
      ...['--network', network, '--endpoint-mode', 'dnsrr', ...on('w1')],
      cluster.fixtureImage,
      ...['sh', '-c', 'mkdir /www && hostname >/www/index.html && exec httpd -f -p 8080 -h /www'],
    ])
    const client = await createService([
      ...['--network', network, ...on('m1'), cluster.fixtureImage, 'sleep', '600'],
    ])
    await expect.poll(() => countsOf(server), poll).toEqual({ m1: 0, m2: 0, w1: 1 })
    await expect.poll(() => countsOf(client), poll).toEqual({ m1: 1, m2: 0, w1: 0 })
    const [serving] = await runningOn('w1', server)
    const [asking] = await runningOn('m1', client)

    const get = async (): Promise<string> => {
      const request = `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc ${server} 8080`
      const answer = await docker(node('m1').dockerHost, [
        'exec',
        asking ?? '',
        'sh',
        '-c',
        request,
      ])
      return answer.stdout.trim().split('\n').at(-1) ?? ''
    }
    // The name resolves once the task's endpoint has reached m1's gossip.
    await expect.poll(() => get().catch(() => ''), poll).toBe(serving?.slice(0, 12))
  })

  it('answers on a host-mode published port from another node’s namespace, over the cluster’s wire', async () => {
    const service = await createService([
      ...['--publish', 'mode=host,target=8080,published=18080'],
      ...['--constraint', `node.labels.${cluster.nodeLabel}==w1`, cluster.fixtureImage],
      ...[
        'sh',
        '-c',
        'mkdir /www && echo served-by-w1 >/www/index.html && exec httpd -f -p 8080 -h /www',
      ],
    ])
    await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 0, w1: 1 })

    const get = async (): Promise<string> => {
      const { stdout } = await runCommand(
        'nsenter',
        [`--net=/var/run/netns/${node('m1').netns}`, 'busybox', 'nc', node('w1').address, '18080'],
        { input: 'GET / HTTP/1.0\r\n\r\n' },
      )
      return stdout.trim().split('\n').at(-1) ?? ''
    }
    await expect.poll(() => get().catch(() => ''), poll).toBe('served-by-w1')
  })
})

describe('a stale cluster of a killed run', () => {
  it('is swept at the next start, and the run’s own live cluster is left alone', async () => {
    const cluster = await swarmCluster()
    // What a run killed mid-way leaves: a dir whose owner is gone, a node namespace with a
    // process in it, and the node's state dir.
    const id = randomBytes(3).toString('hex')
    const dir = clusterDir(id)
    const netns = clusterNetns(id, 'm1')
    await makeStateDir(join(dir, 'm1'))
    const gone = await runCommand('sh', ['-c', 'echo $$']) // a pid that has exited
    await writeFile(
      join(dir, 'owner.json'),
      JSON.stringify({ pid: Number(gone.stdout), startTime: '1' }),
    )
    await runCommand('ip', ['netns', 'add', netns])
    const orphan = spawn('nsenter', [`--net=/var/run/netns/${netns}`, 'sleep', '600'], {
      stdio: 'ignore',
    })
    await expect
      .poll(async () => (await runCommand('ip', ['netns', 'pids', netns])).stdout.trim())
      .not.toBe('')

    const swept = await sweepStaleClusters()

    expect(swept).toContain(id)
    expect(swept).not.toContain(cluster.nodes[0]?.netns.slice(4, 10))
    const namespaces = (await runCommand('ip', ['netns', 'list'])).stdout
    expect(namespaces).not.toContain(netns)
    await expect(access(dir)).rejects.toThrow()
    await expect.poll(() => orphan.exitCode ?? orphan.signalCode).toBe('SIGKILL')
    for (const node of cluster.nodes) {
      expect(
        (await docker(node.dockerHost, ['info', '-f', '{{.Swarm.LocalNodeState}}'])).stdout.trim(),
      ).toBe('active')
    }
  })
})

import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { docker } from '../docker-cli.ts'
import { runCommand } from '../exec.ts'
import { ensureFixtureImages, FIXTURE_IMAGE } from '../fixture-images.ts'
import { makeStateDir, startPrivateEngine, unwind, type PrivateEngine } from '../private-engine.ts'
import { killDaemon } from '../teardown.ts'
import { scaled } from '../test-time.ts'
import {
  clusterDir,
  clusterNetns,
  removeOwnedDir,
  sweepStaleClusters,
  writeOwner,
} from './cluster-owner.ts'
import { createSwitch, nodeAddress, plugIn } from './cluster-network.ts'
import type { SwarmClusterInfo, SwarmNodeInfo, SwarmRole } from './swarm-cluster-info.ts'

/** The node label every node carries, valued with its name: `node.labels.<this>==w1`. */
export const NODE_NAME_LABEL = 'harbormaster.test-node'

/** The nodes: the first initialises the swarm (and leads), a second manager, one worker. */
const LAYOUT: readonly { name: string; role: SwarmRole }[] = [
  { name: 'm1', role: 'manager' },
  { name: 'm2', role: 'manager' },
  { name: 'w1', role: 'worker' },
]

/** A running three-engine swarm of our own. */
export interface SwarmCluster extends SwarmClusterInfo {
  /** Stops every engine, deletes the namespaces, switch and state dirs. Safe to call again. */
  stop(): Promise<void>
}

const cli = async (host: string, args: readonly string[]): Promise<string> =>
  (await docker(host, args)).stdout.trim()

/** Like Promise.all, but settles every promise before rejecting: nothing runs on unseen. */
async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises)
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed.length > 0) throw new AggregateError(failed.map((f): unknown => f.reason))
  return results.map((r) => (r as PromiseFulfilledResult<T>).value)
}

/**
 * Stops the engines in parallel, killing each daemon first: a swarm node's clean shutdown waits
 * 5 s for the ingress network's removal, which never completes here (no IPVS, see
 * docs/testing.md), and nothing in a test cluster is worth keeping. Each engine's stop() then
 * kills what the daemon left running in its namespace, and unmounts and deletes its files.
 */
async function discardEngines(engines: readonly PrivateEngine[]): Promise<void> {
  await settleAll(
    engines.map(async (engine) => {
      await killDaemon(engine.stateDir, engine.socketPath)
      await engine.stop()
    }),
  )
}

/** Builds the fixture image on the first engine, then copies it to the others byte for byte. */
async function shareFixtureImage(dir: string, engines: readonly PrivateEngine[]): Promise<void> {
  const [first, ...others] = engines
  if (first === undefined) return
  await ensureFixtureImages(first.dockerHost)
  const archive = join(dir, 'fixture.tar')
  await docker(first.dockerHost, ['save', '-o', archive, FIXTURE_IMAGE])
  await Promise.all(others.map((e) => docker(e.dockerHost, ['load', '-q', '-i', archive])))
  await rm(archive)
}

/** Initialises the swarm on the first node, joins the others, and labels every node. */
async function formSwarm(nodes: readonly Omit<SwarmNodeInfo, 'nodeId'>[]): Promise<string[]> {
  const [leader, ...joiners] = nodes
  if (leader === undefined) return []
  await cli(leader.dockerHost, ['swarm', 'init', '--advertise-addr', leader.address])
  for (const node of joiners) {
    const token = await cli(leader.dockerHost, ['swarm', 'join-token', '-q', node.role])
    const join = ['--token', token, '--advertise-addr', node.address, `${leader.address}:2377`]
    await cli(node.dockerHost, ['swarm', 'join', ...join])
  }
  const ids = await Promise.all(
    nodes.map((n) => cli(n.dockerHost, ['info', '-f', '{{.Swarm.NodeID}}'])),
  )
  for (const [i, id] of ids.entries()) {
    const label = `${NODE_NAME_LABEL}=${nodes[i]?.name ?? ''}`
    await cli(leader.dockerHost, ['node', 'update', '--label-add', label, id])
  }
  await waitUntilAllReady(leader.dockerHost, ids.length)
  return ids
}

/** A joined node is Ready once its first heartbeat reaches the managers. */
async function waitUntilAllReady(managerHost: string, count: number): Promise<void> {
  const deadline = Date.now() + scaled(30_000)
  for (;;) {
    const states = (await cli(managerHost, ['node', 'ls', '--format', '{{.Status}}'])).split('\n')
    if (states.length === count && states.every((state) => state === 'Ready')) return
    if (Date.now() > deadline) throw new Error(`swarm nodes not all Ready: ${states.join(', ')}`)
    await sleep(200)
  }
}

/**
 * Starts three private engines, each in its own network namespace with its own host name
 * (`hmc-m1`...), wired to one switch namespace on 10.231.240.0/24, loads the fixture image into
 * each, and forms a swarm: m1 initialises it, m2 joins as a manager, w1 as a worker. Each node
 * carries the label {@link NODE_NAME_LABEL}=<name>. What clusters of killed runs left is removed
 * first. Anything made on the way is undone if start fails.
 */
export async function startSwarmCluster(): Promise<SwarmCluster> {
  await sweepStaleClusters()
  const id = randomBytes(3).toString('hex')
  const dir = clusterDir(id)
  const switchNs = clusterNetns(id, 'sw')
  const undo: (() => Promise<unknown>)[] = []
  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> => (stopping ??= unwind(undo, `swarm cluster ${id}`))
  try {
    await makeStateDir(dir)
    // Not a recursive rm: were a node's mounts left, it would reach through them.
    undo.push(() => removeOwnedDir(dir))
    await writeOwner(dir)
    await createSwitch(switchNs)
    undo.push(() => runCommand('ip', ['netns', 'del', switchNs]))
    const started: PrivateEngine[] = []
    undo.push(() => discardEngines(started))
    const engines = await settleAll(
      LAYOUT.map(async ({ name }, index) => {
        const netns = clusterNetns(id, name)
        const hostname = `hmc-${name}`
        const engine = await startPrivateEngine({
          name,
          netns,
          hostname,
          stateDir: join(dir, name),
        })
        started.push(engine)
        await plugIn(switchNs, netns, name, nodeAddress(index))
        return engine
      }),
    )
    await shareFixtureImage(dir, engines)
    const nodes = engines.map((engine, index) => ({
      name: engine.name,
      role: LAYOUT[index]?.role ?? 'worker',
      hostname: `hmc-${engine.name}`,
      address: nodeAddress(index),
      netns: engine.netns,
      socketPath: engine.socketPath,
      dockerHost: engine.dockerHost,
    }))
    const ids = await formSwarm(nodes)
    return {
      nodes: nodes.map((node, index) => ({ ...node, nodeId: ids[index] ?? '' })),
      nodeLabel: NODE_NAME_LABEL,
      fixtureImage: FIXTURE_IMAGE,
      stop,
    }
  } catch (error) {
    await stop().catch((cleanupError: unknown) => {
      throw new AggregateError([error, cleanupError], `starting swarm cluster ${id} failed`)
    })
    throw error
  }
}

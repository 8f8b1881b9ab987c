import { readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runCommand } from '../exec.ts'
import { STATE_ROOT } from '../private-engine.ts'
import { killNamespaceProcesses, removeContainerCgroups, removeStateDir } from '../teardown.ts'

/** Every cluster's dir, namespaces and interfaces are named `hmc-<6 hex>…`. */
const CLUSTER_DIR = /^hmc-([0-9a-f]{6})$/
const CLUSTER_NETNS = /^hmc-([0-9a-f]{6})-\w+$/
const OWNER_FILE = 'owner.json'

/** A dir without an owner file is a cluster being made, unless it is older than this. */
const UNOWNED_GRACE_MS = 60_000

/** The process that started a cluster: its pid, and its start time to tell a recycled pid. */
interface Owner {
  pid: number
  startTime: string
}

/** The cluster's dir under the engines' state root. */
export function clusterDir(clusterId: string): string {
  return join(STATE_ROOT, `hmc-${clusterId}`)
}

/** The namespace of one of the cluster's nodes (or `sw`, its switch). */
export function clusterNetns(clusterId: string, member: string): string {
  return `hmc-${clusterId}-${member}`
}

async function processStartTime(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  // Field 22, counted after the parenthesised command name (which may hold spaces).
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
}

/** Records this process as the cluster's owner: the cluster lives as long as it does. */
export async function writeOwner(dir: string): Promise<void> {
  const owner: Owner = { pid: process.pid, startTime: (await processStartTime(process.pid)) ?? '' }
  await writeFile(join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`)
}

/** Deletes the owner file and then the (by now empty) cluster dir. */
export async function removeOwnedDir(dir: string): Promise<void> {
  await rm(join(dir, OWNER_FILE), { force: true })
  await rmdir(dir)
}

async function isAbandoned(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => undefined)
  if (text === undefined) {
    const made = await stat(dir).catch(() => undefined)
    return made === undefined || Date.now() - made.mtimeMs > UNOWNED_GRACE_MS
  }
  const owner = JSON.parse(text) as Owner
  return (await processStartTime(owner.pid)) !== owner.startTime
}

/** Kills whatever runs in one stale namespace, frees its engine's files, and deletes it. */
async function removeStaleNamespace(netns: string, nodeDir: string): Promise<void> {
  await killNamespaceProcesses(netns)
  await removeContainerCgroups(join(nodeDir, 'data'))
  await runCommand('ip', ['netns', 'del', netns])
}

/**
 * Removes what clusters of killed runs left behind: their engines (and everything those started),
 * namespaces, switch and state dirs. A cluster is stale when the process that started it is gone;
 * a namespace named like a cluster's but without its dir is a leftover of a failed teardown.
 * Clusters of runs still going (other test runs at the same time) are left alone.
 */
export async function sweepStaleClusters(): Promise<string[]> {
  const { dirs, namespaces } = await leftovers()
  const ids = new Set([...dirs, ...namespaces].map((name) => name.slice(4, 10)))
  const swept: string[] = []
  for (const id of ids) {
    const dir = clusterDir(id)
    if (!(await isAbandoned(dir))) continue
    try {
      await removeCluster(id, namespaces)
    } catch (error) {
      // Another run starting at the same moment may be sweeping the same cluster: its steps
      // then fail here for want of what it already removed. Only what is left is an error.
      const left = await leftovers()
      if ([...left.dirs, ...left.namespaces].some((name) => name.startsWith(`hmc-${id}`)))
        throw error
    }
    swept.push(id)
  }
  return swept
}

/** The cluster dirs and namespaces there are now, of every run. */
async function leftovers(): Promise<{ dirs: string[]; namespaces: string[] }> {
  const dirs = (await readdir(STATE_ROOT).catch(() => [])).filter((name) => CLUSTER_DIR.test(name))
  const { stdout } = await runCommand('ip', ['netns', 'list'])
  const namespaces = stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => CLUSTER_NETNS.test(name))
  return { dirs, namespaces }
}

async function removeCluster(id: string, namespaces: readonly string[]): Promise<void> {
  const dir = clusterDir(id)
  for (const netns of namespaces.filter((name) => name.startsWith(`hmc-${id}-`))) {
    await removeStaleNamespace(netns, join(dir, netns.slice(11)))
  }
  for (const entry of await readdir(dir).catch(() => [])) {
    if (entry !== OWNER_FILE) await removeStateDir(join(dir, entry))
  }
  await removeOwnedDir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  })
}

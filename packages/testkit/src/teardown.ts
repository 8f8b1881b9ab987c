import { readdir, readFile, rm, rmdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { runCommand } from './exec.ts'

const CGROUP_ROOT = '/sys/fs/cgroup'

/**
 * Whether `pid` is a live process whose command line mentions `marker`. Checked before every
 * signal so a recycled pid (or a zombie nobody reaps: PID 1 here does not) is never hit.
 */
export async function isOwnedProcess(pid: number, marker: string): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(marker)
  } catch {
    return false
  }
}

/** SIGTERM, wait up to `graceMs` for the exit, then SIGKILL. */
export async function terminate(pid: number, marker: string, graceMs: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGTERM', graceMs],
    ['SIGKILL', 5_000],
  ] as const) {
    if (!(await isOwnedProcess(pid, marker))) return
    process.kill(pid, signal)
    const deadline = Date.now() + waitMs
    while (Date.now() < deadline && (await isOwnedProcess(pid, marker))) await sleep(100)
  }
  if (await isOwnedProcess(pid, marker)) throw new Error(`process ${pid} survived SIGKILL`)
}

/** SIGKILLs the dockerd whose pidfile is in `stateDir`, if it is still the one serving `socketPath`. */
export async function killDaemon(stateDir: string, socketPath: string): Promise<void> {
  const pid = Number((await readFile(join(stateDir, 'pid'), 'utf8').catch(() => '')).trim())
  if (Number.isInteger(pid) && pid > 0) await terminate(pid, socketPath, 0)
}

/** Parent pid of every process, from /proc/<pid>/stat. */
async function parentPids(): Promise<Map<number, number>> {
  const parents = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (stat !== '' && Number.isInteger(ppid)) parents.set(Number(entry), ppid)
  }
  return parents
}

/**
 * Kills whatever still runs in our namespace, and everything those processes started: after a
 * SIGKILLed dockerd, its containerd shims live on there, and the containers' processes (in
 * namespaces of their own) under them. All of it was started by our engine.
 */
export async function killNamespaceProcesses(netns: string): Promise<void> {
  const inNamespace = async (): Promise<number[]> =>
    (await runCommand('ip', ['netns', 'pids', netns])).stdout
      .split('\n')
      .filter(Boolean)
      .map(Number)
  const doomed = new Set(await inNamespace())
  if (doomed.size === 0) return
  const parents = await parentPids()
  // Children are found before anyone dies: a dead shim's children are reparented to PID 1.
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, ppid] of parents) {
      if (doomed.has(ppid) && !doomed.has(pid)) {
        doomed.add(pid)
        grew = true
      }
    }
  }
  for (const pid of doomed) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  for (let i = 0; i < 50 && (await inNamespace()).length > 0; i++) await sleep(100)
}

/**
 * Removes the cgroups of our containers, which only a clean dockerd shutdown removes itself.
 * Only directories named by a container id from our own data root; rmdir, since a cgroup
 * directory cannot be emptied with rm.
 */
export async function removeContainerCgroups(dataRoot: string): Promise<void> {
  const ids = await readdir(join(dataRoot, 'containers')).catch(() => [])
  const hierarchies = await readdir(CGROUP_ROOT).catch(() => [])
  for (const id of ids.filter((name) => /^[0-9a-f]{64}$/.test(name))) {
    // cgroup v1 (a directory per controller) or v2 (one tree at the root).
    const dirs = [
      join(CGROUP_ROOT, 'docker', id),
      ...hierarchies.map((h) => join(CGROUP_ROOT, h, 'docker', id)),
    ]
    for (const dir of dirs) await rmdir(dir).catch(() => undefined)
  }
}

/** Mount points at or under `dir`, deepest first (mountinfo escapes spaces as \040). */
async function mountsUnder(dir: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8')
  return info
    .split('\n')
    .map((line) =>
      line
        .split(' ')[4]
        ?.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))),
    )
    .filter((point): point is string => point === dir || (point?.startsWith(`${dir}/`) ?? false))
    .sort((a, b) => b.length - a.length)
}

/**
 * Unmounts anything left under `dir` (overlays, container netns files, dockerd's bind of its
 * data root) and deletes it. Refuses to delete while a mount remains, since a recursive rm
 * would follow a bind mount into files that are not ours.
 */
export async function removeStateDir(dir: string): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const points = await mountsUnder(dir)
    if (points.length === 0) break
    for (const point of points) await runCommand('umount', ['-l', point]).catch(() => undefined)
  }
  const left = await mountsUnder(dir)
  if (left.length > 0) throw new Error(`still mounted, not deleting ${dir}: ${left.join(', ')}`)
  await rm(dir, { recursive: true, force: true })
  // The shared parent goes too once the last engine is gone; another engine may still use it.
  await rmdir(dirname(dir)).catch(() => undefined)
}

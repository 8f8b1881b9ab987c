import { spawn, type ChildProcess } from 'node:child_process'
import { open, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { docker } from './docker-cli.ts'
import { pingSocket } from './ping.ts'
import { isOwnedProcess, terminate } from './teardown.ts'

/** Where one engine keeps its files; every path dockerd gets is under `stateDir`. */
export interface DockerdPaths {
  stateDir: string
  socketPath: string
  logPath: string
}

/** How {@link spawnDockerd} runs dockerd beyond its paths. */
export interface DockerdOptions {
  /** More dockerd flags (e.g. a TLS listener). */
  extraArgs: readonly string[]
  /** A host name for the engine, in a UTS namespace of its own; the machine's when absent. */
  hostname?: string | undefined
}

/**
 * Starts dockerd inside `netns` (`nsenter --net`, not `ip netns exec`, which remounts /sys and
 * breaks the devices cgroup). No storage driver is forced: on this machine /tmp is ext4 and
 * dockerd picks overlay2, which works (containers run, and a clean stop leaves no mount
 * behind); where overlay2 cannot work (e.g. /tmp itself on overlayfs) dockerd falls back to
 * another driver on its own.
 */
export async function spawnDockerd(
  netns: string,
  paths: DockerdPaths,
  options: DockerdOptions,
): Promise<ChildProcess> {
  const { stateDir, socketPath, logPath } = paths
  const configFile = join(stateDir, 'daemon.json')
  // A config of our own, so a host's /etc/docker/daemon.json cannot add hosts or flags. Its
  // address pools give 4096 /24 networks in 10.128.0.0/12 (the default is 31 ranges of 172.16/12
  // and 192.168/16): the shared test engine holds many suites' networks at once, and ran out
  // ("could not find an available, non-overlapping IPv4 address pool") or handed a suite the
  // 172.31/16 range another suite names a subnet in. No test names a subnet there, and the test
  // veths and the swarm's wire (10.231/16) are outside it.
  const addressPools = [{ base: '10.128.0.0/12', size: 24 }]
  await writeFile(configFile, `${JSON.stringify({ 'default-address-pools': addressPools })}\n`)
  // nsenter, unshare and sh each exec the next: the pid spawned is dockerd's own.
  const uts =
    options.hostname === undefined
      ? []
      : ['unshare', '--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', options.hostname]
  const args = [
    `--net=/var/run/netns/${netns}`,
    ...uts,
    'dockerd',
    ...['--config-file', configFile, '--data-root', join(stateDir, 'data')],
    ...['--exec-root', join(stateDir, 'exec'), '--pidfile', join(stateDir, 'pid')],
    // Own containerd namespaces: dockerd joins a system containerd if one runs at the default
    // socket, and its objects must not mix with the host engine's "moby" namespace there.
    ...['--containerd-namespace', netns, '--containerd-plugins-namespace', `${netns}-p`],
    ...['-H', `unix://${socketPath}`],
    ...options.extraArgs,
  ]
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('DOCKER_')),
  )
  env.PATH = `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin`
  const log = await open(logPath, 'a')
  try {
    const child = spawn('nsenter', args, { env, stdio: ['ignore', log.fd, log.fd] })
    // A test that forgets stop() must not keep its worker alive forever.
    child.unref()
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
    return child
  } finally {
    await log.close()
  }
}

/** The last lines of dockerd's log, for error messages. */
export async function logTail(logPath: string, lines = 30): Promise<string> {
  const text = await readFile(logPath, 'utf8').catch(() => '')
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/** Polls GET /_ping on the socket until it answers OK; fails early if dockerd exits. */
export async function waitUntilReady(
  child: ChildProcess,
  paths: DockerdPaths,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode ?? child.signalCode
      throw new Error(`dockerd exited (${how}) before answering:\n${await logTail(paths.logPath)}`)
    }
    try {
      if ((await pingSocket(paths.socketPath, 1_000)) === 'OK') return
    } catch (error) {
      lastError = error
    }
    await sleep(100)
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError)
  const log = await logTail(paths.logPath)
  throw new Error(`dockerd did not answer /_ping within ${timeoutMs} ms (${reason}):\n${log}`)
}

/** Stops dockerd by the pid in its pidfile (or the one we spawned, if it never wrote one). */
export async function stopDockerd(child: ChildProcess, paths: DockerdPaths): Promise<void> {
  const fromFile = Number(
    (await readFile(join(paths.stateDir, 'pid'), 'utf8').catch(() => '')).trim(),
  )
  const pid = Number.isInteger(fromFile) && fromFile > 0 ? fromFile : child.pid
  if (pid === undefined) return
  // dockerd gives each container its stop timeout (10 s by default) on shutdown: killing them
  // first makes stop() take a second instead. Every container on this engine is the test's.
  if (await isOwnedProcess(pid, paths.socketPath)) {
    const host = `unix://${paths.socketPath}`
    const running = await docker(host, ['ps', '-q']).catch(() => ({ stdout: '' }))
    const ids = running.stdout.split('\n').filter(Boolean)
    if (ids.length > 0) await docker(host, ['kill', ...ids]).catch(() => undefined)
  }
  await terminate(pid, paths.socketPath, 15_000)
}

import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { logTail } from './dockerd.ts'
import { runCommand, type CommandOutput } from './exec.ts'
import { FIXTURE_IMAGE, FIXTURE_LABEL, makeBusyboxRootfs } from './fixture-images.ts'
import { pingSocket } from './ping.ts'
import { REGISTRY_NAMESPACE_PORT, startRegistry } from './registry.ts'
import { makeStateDir, STATE_ROOT, unwind } from './private-engine.ts'
import { killNamespaceProcesses, removeStateDir, terminate } from './teardown.ts'

/** A Podman API service of the run's own, as handed to tests (`testPodman()`). */
export interface TestPodmanInfo {
  socketPath: string
  /** `unix://<socketPath>`: what Harbormaster and the docker CLI are pointed at. */
  dockerHost: string
  /** The busybox image in this Podman's own storage, as Podman names it (`localhost/…`). */
  fixtureImage: string
  /** The network namespace the service (and every container it starts) runs in. */
  netns: string
  /** Holds storage, config and the socket; {@link podman} needs it to reach the same state. */
  stateDir: string
  /**
   * A registry in the same namespace (`127.0.0.1:<port>`, plain HTTP, which this Podman is told
   * in its own registries.conf): push to it with `podman push`, pull from it through the API.
   */
  registry: string
}

/** A running `podman system service`, and how to stop it. */
export interface PodmanService {
  info: TestPodmanInfo
  stop(): Promise<void>
}

/**
 * The Podman of its own state: storage (`--root`/`--runroot`), networks, events and tmp files
 * all under `stateDir`, so the machine's podman state is never read or written. `default_ulimits
 * = []` because containers here fail to start with Podman's default rlimits ("error setting
 * rlimit type 7"); `cgroupfs` since no systemd runs; events to a file, which the service reads.
 */
function containersConf(stateDir: string): string {
  return [
    '[containers]',
    'default_ulimits = []',
    '[engine]',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    `events_logfile_path = "${join(stateDir, 'events.log')}"`,
    `tmp_dir = "${join(stateDir, 'tmp')}"`,
    '[network]',
    `network_config_dir = "${join(stateDir, 'networks')}"`,
    '',
  ].join('\n')
}

function podmanEnv(stateDir: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('CONTAINERS_'))
  return {
    ...Object.fromEntries(inherited),
    CONTAINERS_CONF: join(stateDir, 'containers.conf'),
    CONTAINERS_REGISTRIES_CONF: join(stateDir, 'registries.conf'),
    PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin`,
  }
}

function podmanArgs(stateDir: string, netns: string, args: readonly string[]): string[] {
  const storage = ['--root', join(stateDir, 'root'), '--runroot', join(stateDir, 'run')]
  return [`--net=/var/run/netns/${netns}`, 'podman', ...storage, ...args]
}

/**
 * Runs the podman CLI on the service's own state, inside its namespace: for what the Docker
 * API cannot do (`healthcheck run`: no timers run health checks here) or must not be used for
 * (arranging state behind Harbormaster's back, e.g. `network create`, which sends no event).
 */
export async function podman(
  info: Pick<TestPodmanInfo, 'stateDir' | 'netns'>,
  args: readonly string[],
  input?: Buffer,
): Promise<CommandOutput> {
  return runCommand('nsenter', podmanArgs(info.stateDir, info.netns, args), {
    env: podmanEnv(info.stateDir),
    input,
  })
}

async function importFixture(info: TestPodmanInfo): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'hm-podman-fixture-'))
  try {
    const [root, tarball] = [join(work, 'rootfs'), join(work, 'rootfs.tar')]
    await makeBusyboxRootfs(root)
    await runCommand('tar', [
      '-C',
      root,
      '--numeric-owner',
      '--owner=0',
      '--group=0',
      '-cf',
      tarball,
      '.',
    ])
    const changes = ['-c', 'CMD ["/bin/sh"]', '-c', `LABEL ${FIXTURE_LABEL}=1`]
    await podman(info, ['import', '-q', ...changes, '-', FIXTURE_IMAGE], await readFile(tarball))
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function waitForSocket(child: ChildProcess, socketPath: string, logPath: string) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`podman system service exited early:\n${await logTail(logPath)}`)
    }
    if ((await pingSocket(socketPath, 1_000).catch(() => '')) === 'OK') return
    await sleep(100)
  }
  throw new Error(`podman system service did not answer /_ping:\n${await logTail(logPath)}`)
}

/**
 * Starts `podman system service` (Debian's Podman 4.3) on a socket in a new network namespace
 * of its own, with storage and configuration of its own, and imports the fixture image.
 */
export async function startPodmanService(): Promise<PodmanService> {
  const id = randomBytes(3).toString('hex')
  const netns = `hm-pod-${id}`
  const stateDir = join(STATE_ROOT, `p${id}`)
  const socketPath = join(stateDir, 'podman.sock')
  const logPath = join(stateDir, 'podman.log')
  const info = {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    fixtureImage: `localhost/${FIXTURE_IMAGE}`,
    netns,
    stateDir,
    registry: `127.0.0.1:${String(REGISTRY_NAMESPACE_PORT)}`,
  }
  const undo: (() => Promise<unknown>)[] = []
  const stop = () => unwind(undo, 'podman service')
  try {
    await makeStateDir(stateDir)
    undo.push(() => removeStateDir(stateDir))
    for (const dir of ['tmp', 'networks']) await mkdir(join(stateDir, dir))
    await writeFile(join(stateDir, 'containers.conf'), containersConf(stateDir))
    const registries = `[[registry]]\nlocation = "${info.registry}"\ninsecure = true\n`
    await writeFile(join(stateDir, 'registries.conf'), registries)
    await runCommand('ip', ['netns', 'add', netns])
    undo.push(() => runCommand('ip', ['netns', 'del', netns]))
    await runCommand('ip', ['-n', netns, 'link', 'set', 'lo', 'up'])
    const log = await open(logPath, 'a')
    const args = podmanArgs(stateDir, netns, ['system', 'service', '--time=0', info.dockerHost])
    const child = spawn('nsenter', args, {
      env: podmanEnv(stateDir),
      stdio: ['ignore', log.fd, log.fd],
    })
    child.unref()
    await log.close()
    // Containers' conmon processes outlive the service: they are killed with the namespace's.
    undo.push(() => killNamespaceProcesses(netns))
    undo.push(async () => {
      if (child.pid !== undefined) await terminate(child.pid, socketPath, 10_000)
    })
    // Removed through Podman first, so their cgroups (libpod_parent/…) go with them.
    undo.push(() => podman(info, ['rm', '--all', '--force', '--time', '0']).catch(() => undefined))
    const [registry] = await Promise.all([
      startRegistry({ dir: join(stateDir, 'registry'), netns }),
      waitForSocket(child, socketPath, logPath),
    ])
    undo.push(() => registry.stop())
    await importFixture(info)
    return { info, stop }
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
}

import { randomBytes } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { makeCertificates } from './certs.ts'
import { spawnDockerd, stopDockerd, waitUntilReady, type DockerdPaths } from './dockerd.ts'
import { runCommand } from './exec.ts'
import { killNamespaceProcesses, removeContainerCgroups, removeStateDir } from './teardown.ts'
import { addVeth } from './veth.ts'

/** Parent of every engine's state dir: short, because a unix socket path must fit 107 bytes. */
export const STATE_ROOT = '/tmp/hm-e'

/** Options for {@link startPrivateEngine}. */
export interface PrivateEngineOptions {
  /** A readable name; its first letters and digits go into the namespace name. */
  name: string
  /** Also listen on TCP 2376 with mutual TLS, on a veth address reachable from the host. */
  tls?: boolean
  /** The namespace's exact name (`hm-<name>-<id>` by default); it must not exist yet. */
  netns?: string
  /** Where the engine keeps its files (a new dir under {@link STATE_ROOT} by default). */
  stateDir?: string
  /** The engine's host name, in a UTS namespace of its own (the machine's by default). */
  hostname?: string
}

/** The engine's TLS endpoint: use with DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=certPath. */
export interface PrivateEngineTls {
  dockerHost: string
  /** Holds ca.pem, cert.pem and key.pem (client), plus server-cert.pem and server-key.pem. */
  certPath: string
}

/** A running dockerd of our own, in its own network namespace. */
export interface PrivateEngine {
  /** The name given in the options. */
  name: string
  /** The network namespace it runs in (`ip netns list`). */
  netns: string
  stateDir: string
  socketPath: string
  /** `unix://<socketPath>`. */
  dockerHost: string
  tls?: PrivateEngineTls
  logPath: string
  /** Stops dockerd and deletes the namespace, veth and state dir. Safe to call repeatedly. */
  stop(): Promise<void>
  /** Stops only the daemon, keeping its state: the socket goes away until startDaemon(). */
  stopDaemon(): Promise<void>
  /** Starts the daemon again on the same state, socket and namespace, and waits for /_ping. */
  startDaemon(): Promise<void>
}

/** Creates a dir under {@link STATE_ROOT}; a concurrent stop() may be removing that meanwhile. */
export async function makeStateDir(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await mkdir(dirname(dir), { recursive: true, mode: 0o700 })
    try {
      await mkdir(dir, { mode: 0o700 })
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' || attempt >= 5) throw error
    }
  }
}

/** Runs undo steps newest first; every step runs even if an earlier one fails. */
export async function unwind(
  steps: (() => Promise<unknown>)[],
  what = 'private engine',
): Promise<void> {
  const errors: unknown[] = []
  for (const step of [...steps].reverse()) {
    await step().catch((error: unknown) => errors.push(error))
  }
  if (errors.length > 0) throw new AggregateError(errors, `${what} cleanup failed`)
}

/**
 * Starts a private dockerd in a new network namespace, so it cannot touch the host engine's
 * bridges, and waits until it answers /_ping. Anything made on the way is undone if start fails.
 */
export async function startPrivateEngine(options: PrivateEngineOptions): Promise<PrivateEngine> {
  const id = randomBytes(3).toString('hex')
  const slug = options.name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 5)
  // At most 15 characters, the limit on interface names, so the same id fits everywhere.
  const netns = options.netns ?? `hm-${slug}-${id}`
  const stateDir = options.stateDir ?? join(STATE_ROOT, id)
  const paths: DockerdPaths = {
    stateDir,
    socketPath: join(stateDir, 'docker.sock'),
    logPath: join(stateDir, 'dockerd.log'),
  }
  const undo: (() => Promise<unknown>)[] = []
  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> => (stopping ??= unwind(undo))
  try {
    await makeStateDir(stateDir)
    undo.push(() => removeStateDir(stateDir))
    await runCommand('ip', ['netns', 'add', netns])
    undo.push(() => runCommand('ip', ['netns', 'del', netns]))
    await runCommand('ip', ['-n', netns, 'link', 'set', 'lo', 'up'])
    let tls: PrivateEngineTls | undefined
    const tlsArgs: string[] = []
    if (options.tls === true) {
      const hostInterface = `hm${id}h`
      // The namespace takes the pair with it, unless start failed before the peer moved in.
      undo.push(() => runCommand('ip', ['link', 'del', hostInterface]).catch(() => undefined))
      const link = await addVeth(netns, hostInterface, `hm${id}n`)
      const certs = await makeCertificates(join(stateDir, 'certs'), link.engineAddress)
      tls = { dockerHost: `tcp://${link.engineAddress}:2376`, certPath: certs.certPath }
      tlsArgs.push('-H', tls.dockerHost, '--tlsverify', '--tlscacert', certs.caFile)
      tlsArgs.push('--tlscert', certs.serverCertFile, '--tlskey', certs.serverKeyFile)
    }
    const spawnOptions = { extraArgs: tlsArgs, hostname: options.hostname }
    let child: ChildProcess | undefined = await spawnDockerd(netns, paths, spawnOptions)
    undo.push(() => removeContainerCgroups(join(stateDir, 'data')))
    undo.push(() => killNamespaceProcesses(netns))
    undo.push(async () => {
      if (child) await stopDockerd(child, paths)
    })
    await waitUntilReady(child, paths)
    const stopDaemon = async () => {
      if (child) await stopDockerd(child, paths)
      child = undefined
    }
    const startDaemon = async () => {
      if (child) return
      child = await spawnDockerd(netns, paths, spawnOptions)
      await waitUntilReady(child, paths)
    }
    return {
      name: options.name,
      netns,
      stateDir,
      socketPath: paths.socketPath,
      dockerHost: `unix://${paths.socketPath}`,
      ...(tls === undefined ? {} : { tls }),
      logPath: paths.logPath,
      stop,
      stopDaemon,
      startDaemon,
    }
  } catch (error) {
    await stop().catch((cleanupError: unknown) => {
      throw new AggregateError([error, cleanupError], `starting engine ${netns} failed`)
    })
    throw error
  }
}

import { spawn } from 'node:child_process'
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { runCommand } from './exec.ts'
import { terminate } from './teardown.ts'

/** A running registry: `address` is how its engine names it in image references. */
export interface LocalRegistry {
  /** `127.0.0.1:<port>`: loopback, which the engine pushes to and pulls from without TLS. */
  address: string
  stop(): Promise<void>
}

export interface RegistryLogin {
  username: string
  password: string
}

/** Inside a namespace of our own nothing else listens: one fixed port. */
export const REGISTRY_NAMESPACE_PORT = 5000

/**
 * Starts Debian's `docker-registry` (CNCF distribution) on loopback where the engine is: inside
 * the private engine's network namespace (`nsenter --net`, as dockerd is started), or in this
 * one for an engine given from outside. Its storage is under `dir`, removed by stop(). Resolves
 * once `/v2/` answers from that namespace.
 */
export async function startRegistry(options: {
  dir: string
  netns?: string | undefined
  /** Require these credentials (htpasswd, bcrypt through apache2-utils' `htpasswd`). */
  auth?: RegistryLogin | undefined
  /** Another port in the namespace, for a second registry beside the run's. */
  port?: number | undefined
  /**
   * Listen on every address of the namespace too (its veth's), so a process outside it (a
   * server under test) reaches the registry the engine names `127.0.0.1:<port>`.
   */
  listenEverywhere?: boolean | undefined
}): Promise<LocalRegistry> {
  const { dir, netns, auth } = options
  const port = options.port ?? (netns === undefined ? await freePort() : REGISTRY_NAMESPACE_PORT)
  const address = `127.0.0.1:${port}`
  await mkdir(join(dir, 'data'), { recursive: true, mode: 0o700 })
  const config = join(dir, 'config.yml')
  const htpasswd = join(dir, 'htpasswd')
  if (auth !== undefined) {
    const line = await runCommand('htpasswd', ['-Bbn', auth.username, auth.password])
    await writeFile(htpasswd, line.stdout, { mode: 0o600 })
  }
  // Our own config: the package's /etc/docker/registry/config.yml listens on every address.
  await writeFile(
    config,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: "${options.listenEverywhere === true ? `0.0.0.0:${String(port)}` : address}" }`,
      ...(auth === undefined ? [] : [`auth: { htpasswd: { realm: hm, path: ${htpasswd} } }`]),
      '',
    ].join('\n'),
  )
  const [command, ...args] = inNamespace(netns, ['docker-registry', 'serve', config])
  const logPath = join(dir, 'registry.log')
  const log = await open(logPath, 'a')
  const child = spawn(command ?? 'nsenter', args, { stdio: ['ignore', log.fd, log.fd] })
  // A run that forgets stop() must not be kept alive by it (teardown kills the namespace's).
  child.unref()
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
  } finally {
    await log.close()
  }
  const stop = async () => {
    // nsenter execs the registry: the pid is the registry's, and its config path marks it.
    if (child.pid !== undefined) await terminate(child.pid, config, 5000)
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await waitForV2(address, netns, auth, () => child.exitCode !== null)
  } catch (error) {
    const tail = await readFile(logPath, 'utf8').catch(() => '')
    await stop()
    throw new Error(`${(error as Error).message}\n${tail}`, { cause: error })
  }
  return { address, stop }
}

/** Polls `GET /v2/` with busybox's wget from the registry's namespace. */
async function waitForV2(
  address: string,
  netns: string | undefined,
  auth: RegistryLogin | undefined,
  exited: () => boolean,
): Promise<void> {
  const login = auth === undefined ? '' : `${auth.username}:${auth.password}@`
  const wget = ['busybox', 'wget', '-q', '-O', '-', `http://${login}${address}/v2/`]
  const [command, ...args] = inNamespace(netns, wget)
  for (let attempt = 0; attempt < 100; attempt++) {
    if (exited()) throw new Error('docker-registry exited before answering')
    const answered = await runCommand(command ?? 'nsenter', args).then(
      () => true,
      () => false,
    )
    if (answered) return
    await sleep(100)
  }
  throw new Error(`docker-registry did not answer on ${address} within 10 s`)
}

/** A command line run in `netns` (through nsenter, which execs it), or here without one. */
function inNamespace(netns: string | undefined, command: string[]): string[] {
  return netns === undefined ? command : ['nsenter', `--net=/var/run/netns/${netns}`, ...command]
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0)
      })
    })
  })
}

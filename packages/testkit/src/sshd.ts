import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { join } from 'node:path'
import { randomInt } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { runCommand } from './exec.ts'
import { terminate } from './teardown.ts'

/** A client key pair sshd accepts (as root), in OpenSSH format. */
export interface SshClientKey {
  privateKey: string
  /** Set when the key was made with one. */
  passphrase?: string
}

/** Debian's OpenSSH server in an engine's network namespace, fronting that engine. */
export interface TestSshd {
  /** `ssh://root@<address>:<port>`. */
  address: string
  /** The server's host key as `ssh-keygen -l` prints it (`SHA256:...`). */
  hostKeyFingerprint: string
  ed25519: SshClientKey
  /** An RSA key protected by a passphrase. */
  rsa: SshClientKey
  /** A key sshd accepts, but whose forced command has no docker CLI (exit 127). */
  noDocker: SshClientKey
  /** A key sshd does not accept. */
  stranger: SshClientKey
  /** Ends every open SSH connection (kills sshd's per-connection processes), keeps listening. */
  dropConnections(): Promise<void>
  stop(): Promise<void>
}

export interface SshdOptions {
  /** The namespace to run in, and the address there to listen on (a veth end). */
  netns: string
  listenAddress: string
  /** What `DOCKER_HOST` the remote `docker system dial-stdio` sees. */
  dockerHost: string
}

const SSHD = '/usr/sbin/sshd'

/**
 * Starts `sshd -D -e` with fresh host keys and client keys, root login by key only, and
 * `SetEnv DOCKER_HOST` so `docker system dial-stdio` on the "remote" reaches the given engine.
 */
export async function startSshd(options: SshdOptions): Promise<TestSshd> {
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 })
  const dir = await mkdtemp('/tmp/hm-sshd-')
  const hostKey = join(dir, 'host_ed25519')
  await keygen(hostKey, 'ed25519')
  const ed25519 = await clientKey(dir, 'ed25519')
  const rsa = await clientKey(dir, 'rsa', 'correct horse battery')
  const noDocker = await clientKey(dir, 'ed25519', undefined, 'nodocker')
  const stranger = await clientKey(dir, 'ed25519', undefined, 'stranger')
  const authorized = [
    await publicKey(dir, 'ed25519'),
    await publicKey(dir, 'rsa'),
    `command="hm-no-such-docker system dial-stdio" ${await publicKey(dir, 'nodocker')}`,
  ]
  await writeFile(join(dir, 'authorized_keys'), authorized.join('\n') + '\n', { mode: 0o600 })
  const fingerprint = (await runCommand('ssh-keygen', ['-l', '-f', `${hostKey}.pub`])).stdout
  const hostKeyFingerprint = fingerprint.split(' ')[1] ?? ''
  for (let attempt = 0; ; attempt++) {
    const port = randomInt(20_000, 60_000)
    const config = join(dir, `sshd_config_${port}`)
    await writeFile(config, sshdConfig(options, dir, hostKey, port))
    const started = await spawnSshd(config, dir, options.netns)
    const up = await waitForPort(options.listenAddress, port, () => started.exited())
    if (!up) {
      await started.stop()
      if (attempt < 5) continue
      const log = await readFile(join(dir, 'sshd.log'), 'utf8').catch(() => '')
      await rm(dir, { recursive: true, force: true })
      throw new Error(`sshd did not listen on ${options.listenAddress}:${port}\n${log}`)
    }
    return {
      address: `ssh://root@${options.listenAddress}:${port}`,
      hostKeyFingerprint,
      ed25519,
      rsa,
      noDocker,
      stranger,
      dropConnections: () => killChildren(started.pid),
      stop: async () => {
        await started.stop()
        await killChildren(started.pid)
        await rm(dir, { recursive: true, force: true })
      },
    }
  }
}

function sshdConfig(options: SshdOptions, dir: string, hostKey: string, port: number): string {
  return [
    `Port ${port}`,
    `ListenAddress ${options.listenAddress}`,
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, `sshd_${port}.pid`)}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The files live under /tmp, which StrictModes would refuse.
    'StrictModes no',
    `SetEnv DOCKER_HOST=${options.dockerHost}`,
    '',
  ].join('\n')
}

async function spawnSshd(config: string, dir: string, netns: string) {
  const log = await open(join(dir, 'sshd.log'), 'a')
  const args = [`--net=/var/run/netns/${netns}`, SSHD, '-D', '-e', '-f', config]
  const child = spawn('nsenter', args, { stdio: ['ignore', log.fd, log.fd] })
  child.unref()
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
  } finally {
    await log.close()
  }
  const pid = child.pid ?? 0
  return {
    pid,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    // nsenter execs sshd: the pid is sshd's, and its config path marks it.
    stop: () => terminate(pid, config, 5000),
  }
}

async function waitForPort(host: string, port: number, exited: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (exited()) return false
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => {
        resolve(false)
      })
    })
    if (open) return true
    await sleep(100)
  }
  return false
}

/**
 * SIGKILLs every process under the listener `pid` (the per-connection monitors, their
 * unprivileged children holding the sockets, the sessions): the connections end at once.
 */
async function killChildren(pid: number): Promise<void> {
  const parents = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (stat !== '') parents.set(Number(entry), ppid)
  }
  const under = new Set([pid])
  for (let grew = true; grew;) {
    grew = false
    for (const [child, parent] of parents) {
      if (under.has(parent) && !under.has(child)) {
        under.add(child)
        grew = true
      }
    }
  }
  under.delete(pid)
  for (const child of under) {
    try {
      process.kill(child, 'SIGKILL')
    } catch {
      // Gone meanwhile.
    }
  }
}

async function keygen(file: string, type: 'ed25519' | 'rsa', passphrase = ''): Promise<void> {
  const bits = type === 'rsa' ? ['-b', '3072'] : []
  await runCommand('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase, '-f', file])
}

async function clientKey(
  dir: string,
  type: 'ed25519' | 'rsa',
  passphrase?: string,
  name: string = type,
): Promise<SshClientKey> {
  const file = join(dir, `client_${name}`)
  await keygen(file, type, passphrase)
  const privateKey = await readFile(file, 'utf8')
  return passphrase === undefined ? { privateKey } : { privateKey, passphrase }
}

async function publicKey(dir: string, name: string): Promise<string> {
  return (await readFile(join(dir, `client_${name}.pub`), 'utf8')).trim()
}

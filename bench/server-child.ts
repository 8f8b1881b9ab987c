import { spawn } from 'node:child_process'
import { openSync, closeSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { runCommand } from '@harbormaster/testkit'
import { sleep } from './measure.ts'

const ROOT = join(import.meta.dirname, '..')
const BUNDLE = join(ROOT, 'apps/server/dist/main.mjs')

let built: Promise<unknown> | undefined
/** The bundle from the sources as they are now (about a second), once per bench run. */
function buildServerOnce(): Promise<unknown> {
  built ??= runCommand('npm', ['run', 'build', '--silent', '-w', '@harbormaster/server'])
  return built
}

export interface ChildServer {
  pid: number
  url: string
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>
}

/**
 * Starts the server as production runs it: the bundle through `apps/server/serve.sh` (which
 * execs node with the image's memory settings), built once per bench run, so its CPU and memory
 * can be read from /proc without the bench's own work mixed in.
 */
export async function startChildServer(options: {
  dataDir: string
  dockerHost: string
  /** The Origin browsers use; by default the server's own `http://127.0.0.1:<port>`. */
  publicUrl?: string
  logPath: string
  /** More environment (HARBORMASTER_WEB_DIR, HARBORMASTER_ADMIN_PASSWORD…). */
  env?: Record<string, string>
}): Promise<ChildServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const log = openSync(options.logPath, 'a')
  await buildServerOnce()
  const child = spawn('sh', [join(ROOT, 'apps/server/serve.sh'), BUNDLE], {
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DOCKER_'))),
      // serve.sh runs `node`: the Node 24 this bench runs on, whatever is first on PATH.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HARBORMASTER_PORT: String(port),
      HARBORMASTER_BIND: '127.0.0.1',
      HARBORMASTER_DATA_DIR: options.dataDir,
      HARBORMASTER_PUBLIC_URL: options.publicUrl ?? url,
      HARBORMASTER_LOG_LEVEL: 'warn',
      DOCKER_HOST: options.dockerHost,
      ...options.env,
    },
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
      const ok = await fetch(`${url}/api/health`).then(
        (res) => res.ok,
        () => false,
      )
      if (ok) break
      if (attempt > 150) throw new Error('the server did not answer /api/health within 15 s')
      await sleep(100)
    }
  } catch (error) {
    await stop()
    const tail = readFileSync(options.logPath, 'utf8').split('\n').slice(-20).join('\n')
    throw new Error(`${(error as Error).message}\n${tail}`, { cause: error })
  }
  if (child.pid === undefined) throw new Error('the server has no pid')
  return { pid: child.pid, url, stop }
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

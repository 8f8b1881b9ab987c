import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
const BUNDLE = 'apps/server/dist/main.mjs'
const STOP_DEADLINE_MS = 12_000
const delay = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => {
    setTimeout(() => {
      resolve(value)
    }, ms)
  })

export interface ServerProcess {
  url: string
  /**
   * The first-run setup code, read from the server's log as an operator reads it (it prints one
   * at start while there are no users); rejects when none was printed.
   */
  setupCode(): Promise<string>
  stop(): Promise<void>
}

const SETUP_CODE_LINE =
  /setup code: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}) \(enter it on the first-run page/

/**
 * The server started the way users start it (the bundle through apps/server/serve.sh, as
 * `npm start` and the image do; the global setup builds it), on a free port, with a fresh data
 * directory, serving the built web app against the given engine. `host` names it in its public
 * URL: `localhost` where an IP address will not do (WebAuthn takes no IP address as an RP ID).
 */
export async function startServerProcess(
  dockerHost: string,
  env: Record<string, string> = {},
  { host = '127.0.0.1' }: { host?: '127.0.0.1' | 'localhost' } = {},
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hm-e2e-'))
  const port = await freePort()
  const url = `http://${host}:${port}`
  const server = spawn('sh', [join(ROOT, 'apps/server/serve.sh'), join(ROOT, BUNDLE)], {
    env: {
      ...process.env,
      // serve.sh runs `node`: the Node 24 the tests run on.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HARBORMASTER_PORT: String(port),
      HARBORMASTER_BIND: '127.0.0.1',
      HARBORMASTER_DATA_DIR: dataDir,
      HARBORMASTER_PUBLIC_URL: url,
      HARBORMASTER_LOG_LEVEL: 'warn',
      DOCKER_HOST: dockerHost,
      ...env,
    },
    // Read, then passed on: the log is where an operator finds the setup code.
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let log = ''
  server.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString()
    process.stdout.write(chunk)
  })
  await waitForHealth(url, server)
  return {
    url,
    setupCode: async () => {
      // The line is written before the server listens; its bytes may still be in the pipe.
      for (let attempt = 0; attempt < 50; attempt++) {
        const code = SETUP_CODE_LINE.exec(log)?.[1]
        if (code !== undefined) return code
        await delay(100, undefined)
      }
      throw new Error('the server printed no setup code in its log')
    },
    stop: async () => {
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      // The server cuts what is left after its 8 s grace: longer is a shutdown bug, named here
      // rather than left to the test's timeout.
      const inTime =
        server.exitCode !== null ||
        (await Promise.race([exited.then(() => true), delay(STOP_DEADLINE_MS, false)]))
      if (!inTime) {
        server.kill('SIGKILL')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
      if (!inTime)
        throw new Error(`the server did not exit within ${STOP_DEADLINE_MS} ms of SIGTERM`)
    },
  }
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

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`)
    const ok = await fetch(`${url}/api/health`).then(
      (res) => res.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the server did not answer /api/health')
}

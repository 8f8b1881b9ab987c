import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { testEngine } from '@harbormaster/testkit'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../test/api-client.ts'
import { TEST_ORIGIN } from '../test/harness.ts'
import { loadConfig } from './config.ts'
import { startServer } from './server.ts'

const PASSWORD = 'crash-admin-password'
const MAIN = new URL('./main.ts', import.meta.url).pathname

describe('a server killed outright (SIGKILL), then started again (real SQLite)', () => {
  const engine = testEngine()
  const dataDir = mkdtempSync(join(tmpdir(), 'hm-crash-'))
  const env = {
    HARBORMASTER_PORT: '0',
    HARBORMASTER_BIND: '127.0.0.1',
    HARBORMASTER_DATA_DIR: dataDir,
    HARBORMASTER_PUBLIC_URL: TEST_ORIGIN,
    HARBORMASTER_ADMIN_PASSWORD: PASSWORD,
    DOCKER_HOST: engine.dockerHost,
  }
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** The real entry point in its own process; resolves with its URL once it listens. */
  function startProcess() {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...env, HARBORMASTER_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const url = new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => {
        reject(new Error(`the server exited (${String(code)}) before listening`))
      })
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string }
        if (entry.msg === 'Harbormaster is listening' && entry.url) resolve(entry.url)
      })
    })
    return { child, url }
  }

  it('keeps every change it had answered for: users, hosts, sessions', async () => {
    const { child, url } = startProcess()
    const admin = new ApiClient(await url, TEST_ORIGIN)
    expect(
      (await admin.post('/api/auth/login', { username: 'admin', password: PASSWORD })).status,
    ).toBe(200)
    const user = await admin.post('/api/users', {
      username: 'after-crash',
      password: 'a-long-enough-password',
      role: 'operator',
    })
    expect(user.status).toBe(201)
    const host = await admin.post('/api/hosts', {
      id: 'kept',
      name: 'Kept',
      address: engine.dockerHost,
    })
    expect(host.status).toBe(201)

    // No shutdown at all: the process is gone between two instructions.
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited

    const again = await startServer(loadConfig(env), pino({ level: 'silent' }))
    try {
      const sameSession = new ApiClient(again.url, TEST_ORIGIN)
      sameSession.cookie = admin.cookie
      const { users } = (await (await sameSession.get('/api/users')).json()) as {
        users: { username: string }[]
      }
      expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'after-crash']))
      const hosts = (await (await sameSession.get('/api/hosts')).json()) as { id: string }[]
      expect(hosts.map((h) => h.id)).toEqual(expect.arrayContaining(['local', 'kept']))
      const signIn = new ApiClient(again.url, TEST_ORIGIN)
      expect(
        (
          await signIn.post('/api/auth/login', {
            username: 'after-crash',
            password: 'a-long-enough-password',
          })
        ).status,
      ).toBe(200)
    } finally {
      await again.close()
    }
  })
})

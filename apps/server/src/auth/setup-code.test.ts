import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { testEngine } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../../test/api-client.ts'
import { TEST_ORIGIN } from '../../test/harness.ts'
import { loadConfig } from '../config.ts'
import { createLogger } from '../platform/logger.ts'
import { startServer } from '../server.ts'

const CODE_LINE =
  /^setup code: (\S+) \(enter it on the first-run page at http:\/\/harbormaster\.test\)$/

describe('the first-run setup code, printed in the log of the real server', () => {
  const engine = testEngine()
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  /** Starts a server on `dataDir` with the real logger at the default level; returns its lines. */
  async function start(dataDir: string, env: Record<string, string> = {}) {
    const lines: { level: number; msg: string }[] = []
    const logger = createLogger(
      loadConfig({}).logLevel,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number])
          done()
        },
      }),
    )
    const config = loadConfig({
      HARBORMASTER_PORT: '0',
      HARBORMASTER_BIND: '127.0.0.1',
      HARBORMASTER_DATA_DIR: dataDir,
      HARBORMASTER_PUBLIC_URL: TEST_ORIGIN,
      DOCKER_HOST: engine.dockerHost,
      ...env,
    })
    const server = await startServer(config, logger)
    const codes = lines.filter((l) => CODE_LINE.test(l.msg))
    return { server, lines, codes, client: new ApiClient(server.url, TEST_ORIGIN) }
  }
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-setup-'))
    dirs.push(dir)
    return dir
  }
  const setUp = (client: ApiClient, setupCode: string) =>
    client.post('/api/auth/setup', { username: 'admin', password: 'first-admin-1', setupCode })

  it('logs the code at warn, unredacted, and setup takes it; a restart after setup prints none', async () => {
    const dir = freshDir()
    const first = await start(dir)
    try {
      expect(first.codes).toHaveLength(1)
      const [line] = first.codes
      expect(line?.level).toBe(40)
      const code = CODE_LINE.exec(line?.msg ?? '')?.[1] ?? ''
      expect(code).toBe(first.server.setupCode)

      expect((await setUp(first.client, code)).status).toBe(201)
      expect(await (await first.client.get('/api/auth/setup')).json()).toEqual({ needed: false })
    } finally {
      await first.server.close()
    }
    const again = await start(dir)
    try {
      expect(again.codes).toEqual([])
      expect(again.server.setupCode).toBeUndefined()
    } finally {
      await again.server.close()
    }
  })

  it('prints a new code at each start while setup is open; the old one no longer works', async () => {
    const dir = freshDir()
    const first = await start(dir)
    const old = first.server.setupCode ?? ''
    await first.server.close()
    const second = await start(dir)
    try {
      expect(second.server.setupCode).not.toBe(old)
      expect((await setUp(second.client, old)).status).toBe(403)
      expect((await setUp(second.client, second.server.setupCode ?? '')).status).toBe(201)
    } finally {
      await second.server.close()
    }
  })

  it('with HARBORMASTER_ADMIN_PASSWORD there is no setup at all: no code, and setup is a 409', async () => {
    const { server, lines, client } = await start(freshDir(), {
      HARBORMASTER_ADMIN_PASSWORD: 'from-the-environment-1',
    })
    try {
      expect(lines.some((l) => l.msg.includes('setup code'))).toBe(false)
      expect(server.setupCode).toBeUndefined()
      expect((await setUp(client, 'AAAA-BBBB-CCCC-DDDD')).status).toBe(409)
      const login = await client.post('/api/auth/login', {
        username: 'admin',
        password: 'from-the-environment-1',
      })
      expect(login.status).toBe(200)
    } finally {
      await server.close()
    }
  })
})

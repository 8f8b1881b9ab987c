import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ApiClient } from '../../test/api-client.ts'
import { TEST_ORIGIN, signIn, startHarness } from '../../test/harness.ts'

const HEALTHCHECK = fileURLToPath(new URL('../healthcheck.ts', import.meta.url))

describe('GET /api/health (real server)', () => {
  const h = startHarness()

  it('tells an anonymous caller only ok or degraded, nothing about engines or versions', async () => {
    const res = await h.anonymous.get('/api/health')

    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('gives a signed-in caller, by session or token, the version, uptime and hosts', async () => {
    const admin = await h.as('admin')
    const created = await admin.post('/api/tokens', { name: 'health' })
    const { token } = (await created.json()) as { token: string }
    const byToken = new ApiClient(h.url, TEST_ORIGIN)

    for (const res of [
      await admin.get('/api/health'),
      await byToken.get('/api/health', { Authorization: `Bearer ${token}` }),
    ]) {
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({
        status: 'ok',
        version: expect.any(String),
        uptimeSeconds: expect.any(Number),
        hosts: [
          { id: 'local', reachable: true, address: h.dockerHost, apiVersion: expect.any(String) },
        ],
      })
    }
  })

  it('lists only the hosts the caller may see', async () => {
    const admin = await h.as('admin')
    const username = `hidden-${h.runId.slice(-6)}`
    const password = 'hidden-password-1'
    const res = await admin.post('/api/users', {
      username,
      password,
      role: 'viewer',
      hostGrants: [{ hostId: 'local', role: 'none' }],
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const narrowed = await signIn(h, username, password)

    expect(await (await narrowed.get('/api/health')).json()).toMatchObject({ hosts: [] })
  })

  it("passes the image's HEALTHCHECK script (it asks 127.0.0.1, anonymously)", async () => {
    const exitCode = await new Promise<number>((resolve) => {
      const env = {
        ...process.env,
        HARBORMASTER_PORT: String(h.server.port),
        HARBORMASTER_BIND: '127.0.0.1',
      }
      execFile(process.execPath, [HEALTHCHECK], { env }, (error) => {
        resolve(error ? Number(error.code ?? 1) : 0)
      })
    })

    expect(exitCode).toBe(0)
  })
})

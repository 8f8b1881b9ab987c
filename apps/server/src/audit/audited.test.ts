import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestServices } from '../../test/test-services.ts'
import type { Db } from '../db/database.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError, onError } from '../platform/errors.ts'
import type { Principal, Role } from '../policy/roles.ts'
import { provideServices } from '../services.ts'
import { AuditLog } from './audit-log.ts'
import { audited } from './audited.ts'
import { auditRoutes } from './routes.ts'

let dir: string
let db: Db
let services: ReturnType<typeof createTestServices>

const principal = (role: Role): Principal => ({
  userId: `${role}-id`,
  username: role,
  role,
  hostGrants: new Map(),
  credentialVersion: 1,
  via: 'session',
})

/** A small app: the caller's role comes from an `x-test-role` header (no auth module here). */
function createApp() {
  const api = new Hono<AppEnv>()
    .use(provideServices(services))
    .use(async (c, next) => {
      const role = c.req.header('x-test-role') as Role | undefined
      c.set('principal', role === undefined ? undefined : principal(role))
      await next()
    })
    .route('/audit', auditRoutes)
    .post(
      '/hosts/:hostId/containers/:id/stop',
      audited('container.stop', (c) => c.req.param('id')),
      (c) => {
        c.set('auditDetails', { parameters: { t: 10, Env: ['PASSWORD=hunter22'] } })
        if (c.req.param('id') === 'locked') throw new ApiError(403, 'forbidden', 'Not on this host')
        if (c.req.param('id') === 'boom') throw new Error('secret internal detail')
        return c.body(null, 204)
      },
    )
  api.onError(onError)
  return new Hono().route('/api', api)
}

const env = { incoming: { socket: { remoteAddress: '198.51.100.4' } } }
const stop = (id: string) =>
  createApp().request(
    `/api/hosts/h1/containers/${id}/stop`,
    { method: 'POST', headers: { 'x-test-role': 'operator' } },
    env,
  )

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-audited-'))
  services = createTestServices(dir)
  db = services.db
})
afterEach(() => {
  services.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('audited()', () => {
  it('records successes, refusals and failures with what the caller saw', async () => {
    expect((await stop('c1')).status).toBe(204)
    expect((await stop('locked')).status).toBe(403)
    expect((await stop('boom')).status).toBe(500)

    const entries = new AuditLog(db).query({ limit: 10 }).entries.reverse()
    expect(entries.map((e) => [e.target, e.status, e.error])).toEqual([
      ['c1', 204, null],
      ['locked', 403, 'Not on this host'],
      ['boom', 500, 'Internal server error'],
    ])
    expect(entries[0]).toMatchObject({
      actorId: 'operator-id',
      actorName: 'operator',
      hostId: 'h1',
      action: 'container.stop',
      address: '198.51.100.4',
      parameters: { t: 10, Env: ['PASSWORD=[redacted]'] },
    })
  })

  it('never fails the request when the audit write fails', async () => {
    db.exec('DROP TABLE audit_log')

    expect((await stop('c1')).status).toBe(204)
  })
})

describe('GET /api/audit', () => {
  const get = (query: string, role?: Role) =>
    createApp().request(`/api/audit${query}`, { headers: role ? { 'x-test-role': role } : {} })

  beforeEach(() => {
    const log = new AuditLog(db)
    for (let i = 1; i <= 5; i++) {
      log.record({
        actorId: i % 2 ? 'u1' : 'u2',
        action: 'container.stop',
        status: i === 3 ? 403 : 204,
      })
    }
  })

  it('is for admins only', async () => {
    expect((await get('')).status).toBe(401)
    const forbidden = await get('', 'operator')
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toEqual({
      error: { code: 'forbidden', message: 'This action needs the admin role' },
    })
  })

  it('filters and pages newest first', async () => {
    const page1 = (await (await get('?actorId=u1&limit=2', 'admin')).json()) as {
      entries: { id: number; at: string }[]
      nextBefore: number | null
    }
    const page2 = (await (
      await get(`?actorId=u1&limit=2&before=${page1.nextBefore}`, 'admin')
    ).json()) as typeof page1
    const refused = (await (await get('?status=403', 'admin')).json()) as typeof page1

    expect(page1.entries.map((e) => e.id)).toEqual([5, 3])
    expect(page1.entries[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(page2).toMatchObject({ entries: [{ id: 1 }], nextBefore: null })
    expect(refused.entries.map((e) => e.id)).toEqual([3])
  })

  it('filters by time and refuses bad filters with 400', async () => {
    const future = await get(`?since=${encodeURIComponent('2999-01-01T00:00:00Z')}`, 'admin')
    const tooMany = await get('?limit=201', 'admin')
    const unknown = await get('?token=abc', 'admin')

    expect(await future.json()).toEqual({ entries: [], nextBefore: null })
    expect(tooMany.status).toBe(400)
    expect(unknown.status).toBe(400)
  })
})

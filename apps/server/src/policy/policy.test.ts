import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { HostEnv } from '../app-env.ts'
import { ACTIONS, ACTIONS_BY_TOKEN, type Action, authorize, inScope } from './policy.ts'
import { may } from './require-action.ts'
import type { HostGrant, Principal } from './roles.ts'

const principal = (role: Principal['role'], grants: Record<string, HostGrant> = {}): Principal => ({
  userId: 'u1',
  username: 'u',
  role,
  hostGrants: new Map(Object.entries(grants)),
  credentialVersion: 1,
  via: 'session',
})

describe('authorize', () => {
  it('asks for a session first', () => {
    expect(authorize(undefined, 'container.read', 'local')).toMatchObject({
      allowed: false,
      status: 401,
    })
  })

  it('lets each role do what its rank allows', () => {
    expect(authorize(principal('viewer'), 'container.read', 'local').allowed).toBe(true)
    expect(authorize(principal('viewer'), 'container.lifecycle', 'local')).toMatchObject({
      status: 403,
    })
    expect(authorize(principal('operator'), 'container.exec', 'local').allowed).toBe(true)
    expect(authorize(principal('operator'), 'users.manage')).toMatchObject({ status: 403 })
    expect(authorize(principal('admin'), 'hosts.manage').allowed).toBe(true)
  })

  it('narrows per host, never raises, and hides a host as a 404', () => {
    const p = principal('operator', {
      prod: { role: 'viewer' },
      secret: { role: 'none' },
      lab: { role: 'admin' },
    })
    expect(authorize(p, 'container.lifecycle', 'prod')).toMatchObject({ status: 403 })
    expect(authorize(p, 'container.read', 'secret')).toMatchObject({ status: 404 })
    expect(authorize(p, 'container.exec', 'lab')).toMatchObject({ allowed: true, role: 'operator' })
  })

  it('decides on a hidden host as on a host it has never heard of, so neither tells them apart', () => {
    const viewer = principal('viewer', { secret: { role: 'none' } })

    // Allowed on an unknown host by the role, which then answers 404 for want of the host.
    expect(authorize(viewer, 'container.read', 'secret')).toMatchObject({ status: 404 })
    for (const action of ['container.lifecycle', 'hosts.manage'] as const) {
      expect(authorize(viewer, action, 'secret')).toEqual(authorize(viewer, action, 'nowhere'))
    }
  })

  it('matches label scopes by key or key=value', () => {
    expect(inScope({ role: 'viewer', labelScope: 'team=a' }, { team: 'a' })).toBe(true)
    expect(inScope({ role: 'viewer', labelScope: 'team=a' }, { team: 'b' })).toBe(false)
    expect(inScope({ role: 'viewer', labelScope: 'team' }, { team: '' })).toBe(true)
    expect(inScope({ role: 'viewer' }, {})).toBe(true)
  })
})

/** What a handler allows beyond its route's action, and only admins may: "Settings only an admin may use". */
const ADMIN_PRIVILEGES = [
  'container.create.unrestricted',
  'container.exec.any-user',
  'container.reach-admin-only',
  'volume.create.unrestricted',
  'network.create.reserved-labels',
  'image.build.unrestricted',
  'image.import.from-url',
  'env.secret-values',
] as const satisfies readonly Action[]

describe('privileges inside a route', () => {
  it.each(ADMIN_PRIVILEGES)('%s is for admins, on the hosts where they are admins', (action) => {
    const admin = principal('admin', { prod: { role: 'operator' }, lab: { role: 'admin' } })
    expect(ACTIONS[action]).toBe('admin')
    expect(authorize(admin, action, 'lab').allowed).toBe(true)
    expect(authorize(admin, action, 'other').allowed).toBe(true)
    expect(authorize(admin, action, 'prod')).toMatchObject({ allowed: false, status: 403 })
    expect(
      authorize(principal('operator', { lab: { role: 'admin' } }), action, 'lab'),
    ).toMatchObject({ allowed: false, status: 403 })
    // An API token acts with its user's role here: the token table widens none of them.
    expect(ACTIONS_BY_TOKEN[action]).toBeUndefined()
    expect(authorize({ ...principal('operator'), via: 'token' }, action, 'lab').allowed).toBe(false)
    expect(authorize({ ...admin, via: 'token' }, action, 'prod').allowed).toBe(false)
  })

  it('are asked with may(c, action), which judges the grant on the route host', async () => {
    const admin = principal('admin', { prod: { role: 'operator' } })
    const app = new Hono<HostEnv>().get('/:hostId', (c) => {
      c.set('principal', admin)
      c.set('hostId', c.req.param('hostId'))
      return c.json(may(c, 'container.create.unrestricted'))
    })
    expect(await (await app.request('/lab')).json()).toBe(true)
    expect(await (await app.request('/prod')).json()).toBe(false)
  })
})

const ROOT = join(import.meta.dirname, '../../../..')

describe('server code outside policy/ and auth/', () => {
  // The lint rule (eslint.config.js, `roleChecks`) alone, without type information, so it is fast.
  const eslint = new ESLint({
    cwd: ROOT,
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  })
  // Once per line: a comparison with a role name matches two of the rule's selectors.
  const problems = (results: ESLint.LintResult[]) => [
    ...new Set(
      results.flatMap((result) =>
        result.messages.map((m) => `${relative(ROOT, result.filePath)}:${m.line} ${m.message}`),
      ),
    ),
  ]

  it('names no role and compares none: the policy table decides', async () => {
    expect(problems(await eslint.lintFiles(['apps/server/src']))).toEqual([])
  })

  it.each([
    "if (c.var.grant.role === 'admin') return",
    'const narrowed = role !== grant.role',
    "const operator = roleRank(c.var.grant.role) < roleRank('admin')",
  ])('is refused a role check such as `%s` in a route folder', async (code) => {
    const lint = (path: string) => eslint.lintText(code, { filePath: join(ROOT, path) })
    expect(problems(await lint('apps/server/src/volumes/probe.ts'))).not.toEqual([])
    expect(problems(await lint('apps/server/src/policy/probe.ts'))).toEqual([])
  })
})

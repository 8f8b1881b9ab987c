import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../test/expect-api-error.ts'
import { startFastApp } from '../../test/fast-app.ts'

/** Routes anyone may call: sign-in, first-run setup, the session probe and the health check. */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/auth/session',
  'GET /api/auth/setup',
  'POST /api/auth/setup',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/sign-in-options',
  // Passkeys: the second factor's routes need the sign-in challenge of a right password, the
  // password-less ones the passkey itself (auth/passkeys/sign-in-routes.ts).
  'POST /api/auth/passkeys/second-factor/options',
  'POST /api/auth/passkeys/second-factor',
  'POST /api/auth/passkeys/sign-in/options',
  'POST /api/auth/passkeys/sign-in',
  // The second step of a password sign-in: the sign-in challenge cookie stands for the user.
  'POST /api/auth/second-factor/totp',
  'POST /api/auth/second-factor/recovery',
  // Single sign-on: browser navigations to and back from the provider (issue 21).
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
])
/** Changes every signed-in user may make to their own account. */
const SELF_SERVICE = new Set([
  'POST /api/auth/password',
  'POST /api/tokens',
  'DELETE /api/tokens/:id',
  // Marking one's own alerts read (issue 19).
  'POST /api/alerts/read',
  // One's own passkeys (action account.second-factor).
  'POST /api/auth/passkeys/registration/options',
  'POST /api/auth/passkeys/registration',
  'PATCH /api/auth/passkeys/:id',
  'DELETE /api/auth/passkeys/:id',
  // Ending one's own sessions (issue 21).
  'POST /api/auth/sessions/revoke-others',
  'DELETE /api/auth/sessions/:id',
  // One's own second factors (issue 21).
  'POST /api/auth/totp',
  'POST /api/auth/totp/confirm',
  'DELETE /api/auth/totp',
  'POST /api/auth/recovery-codes',
])
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const isAdminRoute = (method: string, path: string) =>
  path.startsWith('/api/users') ||
  path.startsWith('/api/audit') ||
  path.startsWith('/api/metrics') ||
  path.startsWith('/api/alert-rules') ||
  (path.startsWith('/api/hosts') && !path.startsWith('/api/hosts/:hostId/') && method !== 'GET')

const fill = (path: string, hostId = 'local') =>
  path
    .replace(':hostId', hostId)
    .replace(/:id(\{[^}]*\})?/g, 'hm-inventory-none')
    .replace(/:name/g, 'hm-inventory-none')

/**
 * The server's own guards (session, role, Origin, host visibility) on every route of the route
 * table, so a new route is covered the day it is added. The engine is a fake that answers
 * nothing it was not told to: each test also checks that no refused request reached it.
 */
describe('every API route, generated from the route table', () => {
  const fast = startFastApp()
  const routes = () => {
    const unique = new Map<string, { method: string; path: string }>()
    for (const route of fast.routes) {
      if (route.method === 'ALL' || route.path.endsWith('*')) continue
      unique.set(`${route.method} ${route.path}`, route)
    }
    return [...unique.entries()]
  }
  /** Engine calls made while `act` ran. */
  const engineCallsDuring = async (act: () => Promise<void>) => {
    const before = fast.fake.calls.length
    await act()
    return fast.fake.calls.slice(before).map((call) => call.member)
  }

  it('has routes to check', () => {
    expect(routes().length).toBeGreaterThan(30)
  })

  it('answers 401 without a session on every non-public route', async () => {
    const calls = await engineCallsDuring(async () => {
      for (const [name, route] of routes()) {
        if (PUBLIC.has(name)) continue
        const res = await fast.anonymous.request(route.method, fill(route.path))
        expect({ name, status: res.status }).toEqual({ name, status: 401 })
      }
    })
    expect(calls).toEqual([])
  })

  it('answers 403 to a viewer on every route that changes something, whatever its method', async () => {
    const viewer = await fast.as('viewer')
    const calls = await engineCallsDuring(async () => {
      for (const [name, route] of routes()) {
        if (SAFE_METHODS.has(route.method) || PUBLIC.has(name) || SELF_SERVICE.has(name)) continue
        const res = await viewer.request(route.method, fill(route.path))
        expect({ name, status: res.status }).toEqual({ name, status: 403 })
      }
    })
    expect(calls).toEqual([])
  })

  it('answers 403 to an operator on every admin route', async () => {
    const operator = await fast.as('operator')
    const calls = await engineCallsDuring(async () => {
      for (const [name, route] of routes()) {
        if (!isAdminRoute(route.method, route.path)) continue
        const res = await operator.request(route.method, fill(route.path))
        expect({ name, status: res.status }).toEqual({ name, status: 403 })
      }
    })
    expect(calls).toEqual([])
  })

  it('refuses, even to an admin, every change and every upgrade that does not come from our Origin', async () => {
    const admin = await fast.as('admin')
    const cookie = admin.cookie ?? ''
    const calls = await engineCallsDuring(async () => {
      for (const [name, route] of routes()) {
        if (PUBLIC.has(name)) continue
        const path = fill(route.path)
        // A sibling site: the browser sends the cookie but no Origin on some requests.
        const sameSite = { Cookie: cookie, 'Sec-Fetch-Site': 'same-site' }
        const attempts = SAFE_METHODS.has(route.method)
          ? [{ ...sameSite, Upgrade: 'websocket', Connection: 'Upgrade' }]
          : [sameSite, { Cookie: cookie, Origin: 'https://evil.example' }]
        for (const headers of attempts) {
          const res = await fast.request(route.method, path, headers)
          const body = (await res.json()) as { error?: { code?: string; message?: string } }
          expect({ name, headers, status: res.status, error: body.error }).toEqual({
            name,
            headers,
            status: 403,
            error: { code: 'forbidden', message: expect.stringMatching(/^Cross-site request/) },
          })
        }
      }
    })
    expect(calls).toEqual([])
  })

  it.each(['viewer', 'operator'] as const)(
    '%s: a hidden host answers every host route exactly as a host that does not exist',
    async (role) => {
      const hidden = await fast.userWith(role, [{ hostId: 'local', role: 'none' }])
      const answer = async (method: string, path: string) => {
        const res = await hidden.request(method, path)
        return { status: res.status, body: await res.text() }
      }
      const calls = await engineCallsDuring(async () => {
        for (const [name, route] of routes()) {
          if (!route.path.includes(':hostId')) continue
          const onHidden = await answer(route.method, fill(route.path, 'local'))
          const onMissing = await answer(route.method, fill(route.path, 'nowhere'))
          expect({ name, ...onHidden }).toEqual({
            name,
            status: onMissing.status,
            body: onMissing.body.replaceAll('nowhere', 'local'),
          })
        }
      })
      expect(calls).toEqual([])
    },
  )

  it('refuses a foreign Origin on JSON, form and text/plain POSTs, even with a session', async () => {
    const admin = await fast.as('admin')
    const create = '/api/hosts/local/containers'
    const foreign = { Origin: 'https://evil.example' }

    const json = await admin.request('POST', create, {
      body: { image: 'fixture:latest' },
      headers: foreign,
    })
    const form = await admin.request('POST', create, {
      raw: 'image=x',
      headers: { ...foreign, 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const text = await admin.request('POST', create, {
      raw: '{"image":"x"}',
      headers: { ...foreign, 'Content-Type': 'text/plain' },
    })
    const crossSite = await admin.request('POST', create, {
      body: { image: 'fixture:latest' },
      headers: { Origin: '', 'Sec-Fetch-Site': 'cross-site' },
    })

    for (const res of [json, form, text, crossSite])
      await expectApiError(res, 403, 'forbidden', /cross-site/i)
    expect(fast.fake.callsTo('containers.create')).toEqual([])
  })
})

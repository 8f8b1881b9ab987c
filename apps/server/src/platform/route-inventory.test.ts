import { describe, expect, it } from 'vitest'
import { expectApiError, postOversized, startHarness } from '../../test/harness.ts'

/** Routes anyone may call: sign-in, first-run setup, the session probe and the health check. */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/auth/session',
  'GET /api/auth/setup',
  'POST /api/auth/setup',
  'POST /api/auth/login',
  'POST /api/auth/logout',
])
/** Changes every signed-in user may make to their own account. */
const SELF_SERVICE = new Set([
  'POST /api/auth/password',
  'POST /api/tokens',
  'DELETE /api/tokens/:id',
])
const isAdminRoute = (method: string, path: string) =>
  path.startsWith('/api/users') ||
  path.startsWith('/api/audit') ||
  path.startsWith('/api/metrics') ||
  (path.startsWith('/api/hosts') && !path.startsWith('/api/hosts/:hostId/') && method !== 'GET')

const fill = (path: string) =>
  path
    .replace(':hostId', 'local')
    .replace(/:id(\{[^}]*\})?/g, 'hm-inventory-none')
    .replace(/:name/g, 'hm-inventory-none')

describe('every API route, generated from the route table', () => {
  const h = startHarness()
  const routes = () => {
    const unique = new Map<string, { method: string; path: string }>()
    for (const route of h.server.routes) {
      if (route.method === 'ALL' || route.path.endsWith('*')) continue
      unique.set(`${route.method} ${route.path}`, route)
    }
    return [...unique.entries()]
  }

  it('has routes to check', () => {
    expect(routes().length).toBeGreaterThan(30)
  })

  it('answers 401 without a session on every non-public route', async () => {
    for (const [name, route] of routes()) {
      if (PUBLIC.has(name)) continue
      const res = await h.anonymous.request(route.method, fill(route.path))
      expect({ name, status: res.status }).toEqual({ name, status: 401 })
    }
  })

  it('answers 403 to a viewer on every route that changes something', async () => {
    const viewer = await h.as('viewer')
    for (const [name, route] of routes()) {
      if (route.method === 'GET' || PUBLIC.has(name) || SELF_SERVICE.has(name)) continue
      const res = await viewer.request(route.method, fill(route.path))
      expect({ name, status: res.status }).toEqual({ name, status: 403 })
    }
  })

  it('answers 403 to an operator on every admin route', async () => {
    const operator = await h.as('operator')
    for (const [name, route] of routes()) {
      if (!isAdminRoute(route.method, route.path)) continue
      const res = await operator.request(route.method, fill(route.path))
      expect({ name, status: res.status }).toEqual({ name, status: 403 })
    }
  })
})

describe('requests that must be refused, and a server that keeps serving', () => {
  const h = startHarness()
  const create = '/api/hosts/local/containers'

  it('refuses a foreign Origin on JSON, form and text/plain POSTs, even with a session', async () => {
    const admin = await h.as('admin')
    const foreign = { Origin: 'https://evil.example' }

    const json = await admin.request('POST', create, {
      body: { image: h.fixtureImage },
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
      body: { image: h.fixtureImage },
      headers: { Origin: '', 'Sec-Fetch-Site': 'cross-site' },
    })

    for (const res of [json, form, text, crossSite])
      await expectApiError(res, 403, 'forbidden', /cross-site/i)
  })

  it('names what is wrong in malformed, mistyped, duplicated and oversized bodies', async () => {
    const admin = await h.as('admin')

    await expectApiError(
      await admin.request('POST', create, {
        raw: '{"image":',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
      'invalid_request',
      /not valid JSON/,
    )
    await expectApiError(
      await admin.post(create, { image: 42 }),
      400,
      'invalid_request',
      /^json\.image: /,
    )
    await expectApiError(
      await admin.post(create, { image: 'x', Image: 'y' }),
      400,
      'invalid_request',
      /repeats the key "image"/,
    )
    await expectApiError(
      await admin.post(create, { image: 'x', HostConfig: { Privileged: true } }),
      400,
      'invalid_request',
      /HostConfig/,
    )
    const huge = Buffer.from(
      JSON.stringify({ image: 'x', labels: { big: 'x'.repeat(2 * 1024 * 1024) } }),
    )
    const headers = {
      Origin: admin.origin,
      Cookie: admin.cookie ?? '',
      'Content-Type': 'application/json',
    }
    expect(await postOversized(`${h.url}${create}`, headers, huge)).toEqual({
      status: 413,
      body: { error: { code: 'payload_too_large', message: 'Request body is larger than 1 MiB' } },
    })
    await expectApiError(
      await admin.request('POST', create, {
        raw: '',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
      'invalid_request',
    )

    await expectApiError(
      await admin.request('POST', create, {
        raw: `{"image":"x","__proto__":{"privileged":true},"constructor":{"prototype":{"privileged":true}}}`,
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
      'invalid_request',
    )
    expect(({} as Record<string, unknown>).privileged).toBeUndefined()
    expect((await h.anonymous.get('/api/health')).status).toBe(200)
  })

  it('answers 404 for unknown hosts and for engine paths we do not route, without calling the engine', async () => {
    const admin = await h.as('admin')
    const engine = h.server.services.hosts.engine('local')!

    await expectApiError(
      await admin.get('/api/hosts/nope/containers'),
      404,
      'not_found',
      /no such host/i,
    )
    for (const path of [
      '/api/hosts/local/plugins/pull',
      '/api/hosts/local/plugins',
      '/api/hosts/local/session',
      '/api/hosts/local/swarm/init',
      '/api/hosts/local/containers/x/../../plugins/pull',
      '/api/hosts/local/containers%2F..%2F..%2Fplugins%2Fpull',
      '/api/v1.41/containers/json',
      '/api/hosts/local/engine/_ping',
    ]) {
      for (const method of ['GET', 'POST']) {
        const res = await admin.request(method, path)
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 })
      }
    }

    // Other suites share this engine (and its events cause reads): look for the paths themselves.
    const reached = [...engine.callCounts.byRoute.keys()].filter((route) =>
      /plugins|session|swarm\/init|_ping\/|engine/.test(route),
    )
    expect(reached).toEqual([])
  })
})

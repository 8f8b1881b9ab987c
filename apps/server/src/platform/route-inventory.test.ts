import { describe, expect, it } from 'vitest'
import { expectApiError, postOversized, startHarness } from '../../test/harness.ts'

// The route table's guards (no session, too low a role, a foreign Origin, a hidden host) are
// checked in the fast tier, over a fake engine: route-guards.test.ts. These two need a real
// server: a body refused before it is read (413) and request targets no client would normalise.
describe('requests that must be refused, and a server that keeps serving', () => {
  const h = startHarness()
  const create = '/api/hosts/local/containers'

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

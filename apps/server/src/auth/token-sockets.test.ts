import { describe, expect, it } from 'vitest'
import { ApiClient } from '../../test/api-client.ts'
import { TEST_ORIGIN, signIn, startHarness } from '../../test/harness.ts'
import { closedWithin, openLive, stillOpen } from '../../test/live-client.ts'
import { principalStillValid } from './principal-check.ts'
import { loadPrincipal } from './users.ts'

const EVENTS = '/api/hosts/local/events'

describe('API tokens and the sockets they opened (real server)', () => {
  const h = startHarness()
  const withToken = (token: string) =>
    openLive(new ApiClient(h.url, TEST_ORIGIN), EVENTS, {
      headers: { Authorization: `Bearer ${token}` },
    })
  const createToken = async (client: ApiClient, name: string) => {
    const res = await client.post('/api/tokens', { name })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as { id: string; token: string }
  }

  it("revoking a token closes its sockets with 1008 at once, not the user's others", async () => {
    const admin = await h.as('admin')
    const revoked = await createToken(admin, 'revoked')
    const kept = await createToken(admin, 'kept')
    const first = await withToken(revoked.token)
    const second = await withToken(revoked.token)
    const other = await withToken(kept.token)
    const session = await openLive(admin, EVENTS)

    expect((await admin.delete(`/api/tokens/${revoked.id}`)).status).toBe(204)

    expect(await closedWithin(first)).toMatchObject({ code: 1008, reason: 'token revoked' })
    expect(await closedWithin(second)).toMatchObject({ code: 1008 })
    expect(await stillOpen(other)).toBe(true)
    expect(await stillOpen(session)).toBe(true)
    other.ws.close()
    session.ws.close()
  })

  it('disabling a user closes the sockets their tokens opened, and the re-check agrees', async () => {
    const admin = await h.as('admin')
    const username = `tokens-${h.runId.slice(-6)}`
    const created = await admin.post('/api/users', {
      username,
      password: 'token-user-password-1',
      role: 'viewer',
    })
    const { user } = (await created.json()) as { user: { id: string } }
    const viewer = await signIn(h, username, 'token-user-password-1')
    const { token } = await createToken(viewer, 'script')
    const live = await withToken(token)

    expect((await admin.patch(`/api/users/${user.id}`, { disabled: true })).status).toBe(200)

    expect(await closedWithin(live)).toMatchObject({ code: 1008 })
  })

  it('the once-a-minute re-check ends sockets of a token revoked behind its back', async () => {
    const admin = await h.as('admin')
    const { db, auth } = h.server.services
    const { tokens, users } = auth
    const userId = (await (await admin.get('/api/auth/me')).json()) as { user: { id: string } }
    const one = tokens.create(userId.user.id, 'one')
    const two = tokens.create(userId.user.id, 'two')
    const principalOf = (raw: string) => {
      const resolved = tokens.resolve(raw)
      return resolved && loadPrincipal(users, resolved.userId, 'token', resolved.tokenId)
    }
    const onePrincipal = principalOf(one.token)
    const twoPrincipal = principalOf(two.token)
    const stillValid = principalStillValid(auth)
    expect(onePrincipal?.tokenId).toBe(one.record.id)

    // As if revoked by another process or a direct database edit: no event reaches the sockets.
    db.prepare('UPDATE api_tokens SET revoked_at = 1 WHERE id = ?').run(one.record.id)

    expect(onePrincipal && stillValid(onePrincipal)).toBe(false)
    expect(twoPrincipal && stillValid(twoPrincipal)).toBe(true)
  })
})

import type { SignInSessionList } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../../test/api-client.ts'
import { signIn, startHarness } from '../../../test/harness.ts'
import { closedWithin, openLive, stillOpen } from '../../../test/live-client.ts'

const EVENTS = '/api/hosts/local/events'

async function sessionsSeenBy(client: ApiClient) {
  const res = await client.get('/api/auth/sessions')
  expect(res.status).toBe(200)
  return ((await res.json()) as SignInSessionList).sessions
}

describe('ending a session closes its sockets (real server)', () => {
  const h = startHarness()
  /** A new viewer signed in from two "browsers". */
  async function viewerInTwoPlaces() {
    const admin = await h.as('admin')
    const username = h.uniqueName('sessions')
    const password = 'sessions-password-1'
    const created = await admin.post('/api/users', { username, password, role: 'viewer' })
    expect(created.status, await created.clone().text()).toBe(201)
    const { user } = (await created.json()) as { user: { id: string } }
    return {
      admin,
      userId: user.id,
      here: await signIn(h, username, password),
      there: await signIn(h, username, password),
    }
  }

  it("the owner's revoke closes that session's sockets with 1008 at once, not this one's", async () => {
    const { here, there } = await viewerInTwoPlaces()
    const liveThere = await openLive(there, EVENTS)
    const liveHere = await openLive(here, EVENTS)
    const other = (await sessionsSeenBy(here)).find((s) => !s.current)

    expect((await here.delete(`/api/auth/sessions/${other?.id}`)).status).toBe(204)

    expect(await closedWithin(liveThere)).toMatchObject({ code: 1008, reason: 'session ended' })
    expect(await stillOpen(liveHere)).toBe(true)
    expect((await there.get('/api/auth/me')).status).toBe(401)
    liveHere.ws.close()
  })

  it('"sign out everywhere else" and an admin\'s "end all" close them too', async () => {
    const { admin, userId, here, there } = await viewerInTwoPlaces()
    const liveThere = await openLive(there, EVENTS)
    const liveHere = await openLive(here, EVENTS)
    const adminLive = await openLive(admin, EVENTS)

    expect((await here.post('/api/auth/sessions/revoke-others')).status).toBe(200)
    expect(await closedWithin(liveThere)).toMatchObject({ code: 1008 })
    expect(await stillOpen(liveHere)).toBe(true)

    expect((await admin.delete(`/api/users/${userId}/sessions`)).status).toBe(200)
    expect(await closedWithin(liveHere)).toMatchObject({ code: 1008 })
    expect(await stillOpen(adminLive)).toBe(true)
    adminLive.ws.close()
  })
})

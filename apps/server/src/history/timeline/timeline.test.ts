import type { TimelineEntry, TimelinePage } from '@harbormaster/contract'
import { describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '../../../test/api-client.ts'
import { signIn, startHarness } from '../../../test/harness.ts'

const TIMELINE = '/api/hosts/local/timeline'

async function timeline(client: ApiClient, query: Record<string, string>): Promise<TimelinePage> {
  const res = await client.get(`${TIMELINE}?${new URLSearchParams(query).toString()}`)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as TimelinePage
}

/** `engine:create` for an engine event, `user:container.stop` for an action, oldest first. */
const steps = (page: TimelinePage) =>
  [...page.entries]
    .reverse()
    .map((entry: TimelineEntry) => `${entry.kind}:${entry.action}`)
    .filter((step) => !step.startsWith('engine:kill'))

describe('the events timeline, against a real engine', () => {
  const h = startHarness()

  /** A container made, started, stopped and removed by the operator through the API. */
  async function lifecycle(labels: Record<string, string>, name = h.uniqueName('timeline')) {
    const operator = await h.as('operator')
    const created = await operator.post('/api/hosts/local/containers', {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      labels: { ...h.labels, ...labels },
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const { id } = (await created.json()) as { id: string }
    for (const [method, path] of [
      ['POST', `/start`],
      ['POST', `/stop?t=1`],
      ['DELETE', ''],
    ] as const) {
      const res = await operator.request(method, `/api/hosts/local/containers/${name}${path}`)
      expect(res.status, await res.clone().text()).toBe(204)
    }
    return { operator, name, id }
  }

  it("holds the engine's events and the operator's actions in order, by container, stack and user", async () => {
    const stack = h.uniqueName('shop')
    const { operator, name, id } = await lifecycle({
      team: 'a',
      'com.docker.compose.project': stack,
    })
    const admin = await h.as('admin')

    let byName: TimelinePage | undefined
    await vi.waitFor(
      async () => {
        byName = await timeline(admin, { container: name })
        expect(steps(byName)).toContain('engine:destroy')
      },
      { timeout: 10_000 },
    )
    expect(steps(byName!)).toEqual([
      'engine:create',
      'user:container.create',
      'engine:start',
      'user:container.start',
      'engine:die',
      'engine:stop',
      'user:container.stop',
      'engine:destroy',
      'user:container.remove',
    ])
    // The create action named the id: its row names the container too.
    expect(
      byName!.entries.find((e) => e.kind === 'user' && e.action === 'container.create'),
    ).toMatchObject({ target: id, targetName: name })
    // The same by id (the create action named the id, the others the name), and by stack.
    expect(steps(await timeline(admin, { container: id.slice(0, 12) }))).toEqual(steps(byName!))
    expect(steps(await timeline(admin, { stack }))).toEqual(steps(byName!))
    const byUser = await timeline(admin, { user: `operator-${h.runId.slice(-6)}` })
    expect(byUser.entries.filter((e) => e.kind === 'user' && e.target === name)).toHaveLength(3)
    expect(byUser.entries.every((e) => e.kind === 'user')).toBe(true)
    // The operator sees who acted and how it ended; the parameters are the admin's.
    const seenByOperator = await timeline(operator, { container: name, source: 'user' })
    expect(seenByOperator.entries[0]).toMatchObject({ action: 'container.remove', status: 204 })
    expect(seenByOperator.entries[0]).not.toHaveProperty('parameters')
    expect(byName!.entries[0]).toMatchObject({ parameters: { force: false, volumes: false } })
  })

  it("shows a scoped viewer none of another team's events or actions", async () => {
    const ours = await lifecycle({ team: 'a' })
    const theirs = await lifecycle({ team: 'b' })
    const admin = await h.as('admin')
    const username = h.uniqueName('team-a')
    const res = await admin.post('/api/users', {
      username,
      password: 'scoped-password-1',
      role: 'viewer',
      hostGrants: [{ hostId: 'local', role: 'viewer', labelScope: 'team=a' }],
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const scoped = await signIn(h, username, 'scoped-password-1')
    await vi.waitFor(
      async () => {
        expect(steps(await timeline(admin, { container: theirs.name }))).toContain('engine:destroy')
      },
      { timeout: 10_000 },
    )

    const everything = await timeline(scoped, { limit: '200' })
    const names = new Set(
      everything.entries.map((e) => (e.kind === 'engine' ? e.actorName : e.target)),
    )
    expect(names).toContain(ours.name)
    expect(names).not.toContain(theirs.name)
    expect(names).not.toContain(theirs.id)
    expect((await timeline(scoped, { container: theirs.name })).entries).toEqual([])
    expect(steps(await timeline(scoped, { container: ours.name }))).toContain('user:container.stop')
  })

  it("hides the actions on another team's container that had the same name before", async () => {
    const name = h.uniqueName('reused')
    await lifecycle({ team: 'b' }, name)
    await lifecycle({ team: 'a' }, name)
    const scoped = await h.operatorScopedTo('team=a')
    const admin = await h.as('admin')
    await vi.waitFor(async () => {
      const all = await timeline(admin, { container: name, source: 'user' })
      expect(all.entries).toHaveLength(8)
    }, 10_000)

    const seen = await timeline(scoped, { container: name })
    expect(steps(seen)).toEqual([
      'engine:create',
      'user:container.create',
      'engine:start',
      'user:container.start',
      'engine:die',
      'engine:stop',
      'user:container.stop',
      'engine:destroy',
      'user:container.remove',
    ])
  })

  it("shows admins' changes to the host's settings to admins only", async () => {
    const admin = await h.as('admin')
    const put = await admin.request('PUT', '/api/hosts/local/history/settings', {
      body: { metrics: false, recording: 'off' },
    })
    expect(put.status, await put.clone().text()).toBe(200)
    const settingsChanges = async (client: ApiClient) =>
      (await timeline(client, { source: 'user', action: 'history.settings.set' })).entries

    expect(await settingsChanges(admin)).toHaveLength(1)
    expect(await settingsChanges(await h.as('operator'))).toEqual([])
    expect(await settingsChanges(await h.as('viewer'))).toEqual([])
  })

  it('pages backwards through the merged timeline without losing or repeating a row', async () => {
    // One stack of this test's own: other files' events on the shared engine do not move it.
    const stack = { 'com.docker.compose.project': h.uniqueName('paged') }
    const names = [(await lifecycle(stack)).name, (await lifecycle(stack)).name]
    const admin = await h.as('admin')
    for (const name of names) {
      await vi.waitFor(async () => {
        expect(steps(await timeline(admin, { container: name }))).toContain('engine:destroy')
      }, 10_000)
    }
    const all = await timeline(admin, { stack: stack['com.docker.compose.project'] })
    expect(all.entries.length).toBeGreaterThan(15)
    const paged: TimelineEntry[] = []
    let before: string | null = null
    do {
      const page: TimelinePage = await timeline(admin, {
        stack: stack['com.docker.compose.project'],
        limit: '4',
        ...(before === null ? {} : { before }),
      })
      paged.push(...page.entries)
      before = page.nextBefore
    } while (before !== null)
    expect(paged.map((e) => e.id)).toEqual(all.entries.map((e) => e.id))
  })

  it('refuses a malformed cursor and an unknown filter with 400', async () => {
    const viewer = await h.as('viewer')
    expect((await viewer.get(`${TIMELINE}?before=yesterday`)).status).toBe(400)
    expect((await viewer.get(`${TIMELINE}?colour=red`)).status).toBe(400)
    expect((await h.anonymous.get(TIMELINE)).status).toBe(401)
  })
})

import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { ADMIN, expectApiError, signIn, startHarness } from '../../test/harness.ts'

describe('a user narrowed to a label scope on a host', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  async function arrange() {
    const admin = await h.as('admin')
    const scoped = await h.operatorScopedTo('team=a')
    const make = async (team: string) => {
      const name = h.uniqueName(`team-${team}`)
      const res = await admin.post(`${base}?start=true`, {
        image: h.fixtureImage,
        name,
        cmd: ['sleep', '300'],
        labels: { ...h.labels, team },
      })
      const { id } = (await res.json()) as { id: string }
      return { id, name }
    }
    return { scoped, mine: await make('a'), theirs: await make('b') }
  }

  it('lists only what is in scope and hides the rest by full id, short id and name on every container route', async () => {
    const { scoped, mine, theirs } = await arrange()

    const list = (await (await scoped.get(base)).json()) as { id: string }[]
    expect(list.map((c) => c.id)).toContain(mine.id)
    expect(list.map((c) => c.id)).not.toContain(theirs.id)
    expect((await scoped.get(`${base}/${mine.name}`)).status).toBe(200)

    const containerRoutes = h.server.routes.filter(
      (r) => r.path.startsWith(`${base.replace('local', ':hostId')}/:id`) && r.method !== 'ALL',
    )
    expect(containerRoutes.length).toBeGreaterThan(10)
    for (const ref of [theirs.id, theirs.id.slice(0, 12), theirs.name]) {
      for (const route of containerRoutes) {
        const path = route.path.replace(':hostId', 'local').replace(':id', ref)
        // Valid inputs, so that only the lookup can refuse.
        const query = path.includes('/files')
          ? `?path=/tmp${route.method === 'PUT' ? '&name=f' : ''}`
          : ''
        const body = path.endsWith('/rename')
          ? { body: { name: h.uniqueName('renamed') } }
          : path.endsWith('/update')
            ? { body: {} }
            : route.method === 'PUT'
              ? { raw: 'x' }
              : {}
        const res = await scoped.request(route.method, `${path}${query}`, body)
        expect({ route: `${route.method} ${route.path}`, ref, status: res.status }).toEqual({
          route: `${route.method} ${route.path}`,
          ref,
          status: 404,
        })
      }
    }
    const { stdout } = await docker(h.dockerHost, [
      'inspect',
      '-f',
      '{{.State.Status}} {{.Name}}',
      theirs.id,
    ])
    expect(stdout.trim()).toBe(`running /${theirs.name}`)
  })

  it('puts what a scoped user creates inside their scope, whatever label they asked for', async () => {
    const { scoped } = await arrange()

    const res = await scoped.post(base, {
      image: h.fixtureImage,
      labels: { ...h.labels, team: 'b' },
    })

    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const { stdout } = await docker(h.dockerHost, [
      'inspect',
      '-f',
      '{{index .Config.Labels "team"}}',
      id,
    ])
    expect(stdout.trim()).toBe('a')
    expect((await scoped.get(`${base}/${id}`)).status).toBe(200)
  })

  it('hides a host granted as none exactly like a host that does not exist', async () => {
    const admin = await h.as('admin')
    const username = `hidden-${h.runId.slice(-6)}`
    await admin.post('/api/users', {
      username,
      password: 'hidden-password-1',
      role: 'viewer',
      hostGrants: [{ hostId: 'local', role: 'none' }],
    })
    const hidden = await signIn(h, username, 'hidden-password-1')

    await expectApiError(await hidden.get(base), 404, 'not_found', /no such host: local/i)
    await expectApiError(await hidden.get('/api/hosts/local'), 404, 'not_found')
    expect(((await (await hidden.get('/api/hosts')).json()) as unknown[]).length).toBe(0)
    expect(ADMIN.username).toBe('admin')
  })
})

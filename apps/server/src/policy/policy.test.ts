import { describe, expect, it } from 'vitest'
import { authorize, inScope } from './policy.ts'
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

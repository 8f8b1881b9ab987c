import { describe, expect, it } from 'vitest'
import { describeGrant, grantRolesFor, grantRowsOf, toHostGrants } from './grants-form.ts'

describe('grantRowsOf', () => {
  it('lists every host, and keeps grants on hosts that are gone', () => {
    const rows = grantRowsOf(
      [
        { hostId: 'build', role: 'viewer', labelScope: 'team=a' },
        { hostId: 'old', role: 'none' },
      ],
      ['local', 'build'],
    )
    expect(rows).toEqual([
      { hostId: 'local', role: 'default', labelScope: '' },
      { hostId: 'build', role: 'viewer', labelScope: 'team=a' },
      { hostId: 'old', role: 'none', labelScope: '' },
    ])
  })
})

describe('toHostGrants', () => {
  it('turns rows into grants, skipping hosts left at the user’s own role', () => {
    const { grants } = toHostGrants(
      [
        { hostId: 'local', role: 'default', labelScope: '' },
        { hostId: 'build', role: 'viewer', labelScope: ' team=a ' },
        { hostId: 'prod', role: 'none', labelScope: 'ignored' },
      ],
      'operator',
    )
    expect(grants).toEqual([
      { hostId: 'build', role: 'viewer', labelScope: 'team=a' },
      { hostId: 'prod', role: 'none' },
    ])
  })

  it('narrows to a label scope at the user’s own role when only a scope is given', () => {
    expect(
      toHostGrants([{ hostId: 'local', role: 'default', labelScope: 'team' }], 'operator').grants,
    ).toEqual([{ hostId: 'local', role: 'operator', labelScope: 'team' }])
  })

  it('reports a bad label scope by host', () => {
    const { grants, errors } = toHostGrants(
      [{ hostId: 'local', role: 'viewer', labelScope: 'has space=x y' }],
      'admin',
    )
    expect(grants).toBeUndefined()
    expect(errors.local).toMatch(/key=value/)
  })
})

describe('grantRolesFor and describeGrant', () => {
  it('offers only roles at or below the user’s own', () => {
    expect(grantRolesFor('viewer')).toEqual(['none', 'viewer'])
    expect(grantRolesFor('admin')).toEqual(['none', 'viewer', 'operator', 'admin'])
  })

  it('describes a grant in a few words', () => {
    expect(describeGrant({ hostId: 'local', role: 'viewer', labelScope: 'team=a' })).toBe(
      'local: viewer (team=a)',
    )
    expect(describeGrant({ hostId: 'prod', role: 'none' })).toBe('prod: no access')
  })
})

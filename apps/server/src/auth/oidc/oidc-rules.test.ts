import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ProviderBrowser,
  TEST_APP_ORIGIN,
  TEST_REDIRECT_URI,
  oidcConfigFor,
  signInWithProvider,
} from '../../../test/oidc-flow.ts'
import { startOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts'
import { createTestApp, readApiError, type TestApp } from '../test-app.ts'
import { loadOidcConfig } from './oidc-config.ts'
import { hostGrantsFor, parseHostRoleMap, parseRoleMap, roleFor } from './role-map.ts'

const ORIGIN = 'https://dash.example.test'
const ISSUER = { HARBORMASTER_OIDC_ISSUER: 'https://id.example.test/realms/ops' }

describe('HARBORMASTER_OIDC_* variables', () => {
  it('turn single sign-on on only with an issuer, and need a client id with it', () => {
    expect(loadOidcConfig({}, ORIGIN)).toBeUndefined()
    expect(() => loadOidcConfig(ISSUER, ORIGIN)).toThrow(/HARBORMASTER_OIDC_CLIENT_ID/)
  })

  it('default the name to the issuer’s host, the scopes to openid profile email', () => {
    const config = loadOidcConfig({ ...ISSUER, HARBORMASTER_OIDC_CLIENT_ID: 'hm' }, ORIGIN)
    expect(config).toMatchObject({
      name: 'id.example.test',
      scopes: 'openid profile email',
      groupsClaim: 'groups',
      usernameClaim: 'preferred_username',
      createUsers: true,
      redirectUri: `${ORIGIN}/api/auth/oidc/callback`,
      postLogoutRedirectUri: `${ORIGIN}/`,
    })
  })

  it('read the client secret from a file, trimmed, and never put it in an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-oidc-'))
    try {
      const file = join(dir, 'secret')
      writeFileSync(file, 's3cret-value\n')
      const env = { ...ISSUER, HARBORMASTER_OIDC_CLIENT_ID: 'hm' }
      const config = loadOidcConfig({ ...env, HARBORMASTER_OIDC_CLIENT_SECRET_FILE: file }, ORIGIN)
      expect(config?.clientSecret).toBe('s3cret-value')
      const both = { ...env, HARBORMASTER_OIDC_CLIENT_SECRET: 's3cret-value' }
      expect(() =>
        loadOidcConfig({ ...both, HARBORMASTER_OIDC_CLIENT_SECRET_FILE: file }, ORIGIN),
      ).toThrow(/^(?!.*s3cret-value).*CLIENT_SECRET_FILE/)
      const missing = { ...env, HARBORMASTER_OIDC_CLIENT_SECRET_FILE: join(dir, 'none') }
      expect(() => loadOidcConfig(missing, ORIGIN)).toThrow(/ENOENT/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuse a role map or a host role map they cannot read, naming the entry', () => {
    expect(() => parseRoleMap('hm-admins=root')).toThrow(/"hm-admins=root"/)
    expect(() => parseHostRoleMap('hm-web=prod')).toThrow(/"hm-web=prod"/)
    expect(() => parseHostRoleMap('hm-web=prod:operator:bad scope')).toThrow(/HOST_ROLE_MAP/)
  })
})

describe('group mapping', () => {
  const roles = parseRoleMap('hm-admins=admin, hm-ops=operator, *=viewer')

  it('gives the highest role of the user’s groups, and * to everyone', () => {
    expect(roleFor(roles, new Set(['hm-ops', 'hm-admins']))).toBe('admin')
    expect(roleFor(roles, new Set(['hm-ops']))).toBe('operator')
    expect(roleFor(roles, new Set())).toBe('viewer')
    expect(roleFor(parseRoleMap('hm-ops=operator'), new Set(['other']))).toBeUndefined()
  })

  it('splits on semicolons when there are any (LDAP names hold commas)', () => {
    const ldap = parseRoleMap('cn=ops,ou=groups,dc=example=operator;cn=admins,ou=groups=admin')
    expect(roleFor(ldap, new Set(['cn=ops,ou=groups,dc=example']))).toBe('operator')
  })

  it('gives one grant per host: the widest of the rules that apply', () => {
    const rules = parseHostRoleMap(
      'hm-web=prod:viewer:team=web,hm-web=stage:operator,hm-ops=prod:viewer,*=edge:none',
    )
    expect(hostGrantsFor(rules, new Set(['hm-web', 'hm-ops']))).toEqual([
      { hostId: 'edge', role: 'none' },
      { hostId: 'prod', role: 'viewer' },
      { hostId: 'stage', role: 'operator' },
    ])
    expect(hostGrantsFor(rules, new Set(['hm-web']))).toContainEqual({
      hostId: 'prod',
      role: 'viewer',
      labelScope: 'team=web',
    })
  })
})

describe('the rest of the server with single sign-on', () => {
  let provider: TestOidcProvider
  let t: TestApp
  let admin: string
  let bobId: string
  beforeAll(async () => {
    provider = await startOidcProvider({
      redirectUris: [TEST_REDIRECT_URI],
      postLogoutRedirectUris: [`${TEST_APP_ORIGIN}/`],
    })
    t = createTestApp({
      oidc: oidcConfigFor(provider, { HARBORMASTER_OIDC_HOST_ROLE_MAP: 'hm-ops=prod:viewer' }),
    })
    admin = await t.setUpAdmin()
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'bob')
    const me = await t.call('GET', '/auth/me', undefined, { session: flow.session })
    bobId = ((await me.json()) as { user: { id: string } }).user.id
  })
  afterAll(async () => {
    t.close()
    await provider.close()
  })
  afterEach(async () => {
    await t.call(
      'PUT',
      '/auth/settings',
      { passwordSignIn: 'everyone', secondFactorRoles: [] },
      {
        session: admin,
      },
    )
  })

  it('offers "Sign in with <name>" on the sign-in page', async () => {
    const res = await t.call('GET', '/auth/sign-in-options')
    expect(await res.json()).toEqual({ passwordSignIn: 'everyone', oidc: { name: 'Test ID' } })
  })

  it('gives the mapped host grants, and marks the user in the admins’ list', async () => {
    const res = await t.call('GET', '/users', undefined, { session: admin })
    const { users } = (await res.json()) as { users: { id: string; singleSignOn?: boolean }[] }
    expect(users.find((u) => u.id === bobId)).toMatchObject({
      singleSignOn: true,
      role: 'operator',
      hostGrants: [{ hostId: 'prod', role: 'viewer' }],
    })
    expect(users.find((u) => u.id !== bobId)?.singleSignOn).toBeUndefined()
  })

  it('refuses an admin’s password reset for a single sign-on user (no password of ours)', async () => {
    const res = await t.call(
      'POST',
      `/users/${bobId}/password`,
      { password: 'new-password-123' },
      {
        session: admin,
      },
    )
    expect(await readApiError(res)).toMatchObject({ status: 409, code: 'conflict' })
    const login = await t.call('POST', '/auth/login', { username: 'bob', password: 'anything-1' })
    expect(login.status).toBe(401)
  })

  it('lets an admin turn password sign-in off for everyone but admins', async () => {
    const put = await t.call(
      'PUT',
      '/auth/settings',
      { passwordSignIn: 'admins', secondFactorRoles: [] },
      {
        session: admin,
      },
    )
    expect(put.status).toBe(200)
  })
})

describe('password sign-in for admins only, without single sign-on', () => {
  it('is refused with 409: nobody else could sign in', async () => {
    const t = createTestApp()
    try {
      const admin = await t.setUpAdmin()
      const res = await t.call(
        'PUT',
        '/auth/settings',
        { passwordSignIn: 'admins', secondFactorRoles: [] },
        {
          session: admin,
        },
      )
      expect(await readApiError(res)).toMatchObject({ status: 409, code: 'conflict' })
      expect((await (await t.call('GET', '/auth/sign-in-options')).json()) as object).toEqual({
        passwordSignIn: 'everyone',
        oidc: null,
      })
    } finally {
      t.close()
    }
  })
})

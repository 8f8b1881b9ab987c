import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog } from '../audit/index.ts'
import { createTestApp, type TestApp } from './test-app.ts'

let t: TestApp
beforeEach(() => {
  t = createTestApp()
})
afterEach(() => {
  t.close()
})

describe('audit trail of auth, user and token mutations', () => {
  it('records every attempt, refused ones included, without passwords or tokens', async () => {
    const secrets = [
      'first-admin-pw',
      'olive-password',
      'olive-password-2',
      'wrong-guess-1',
      'WRONG-SETUP-CODE',
      'mallory-password',
      t.setupCode,
      t.setupCode.replace(/-/g, ''),
    ]
    await t.call('POST', '/auth/setup', {
      username: 'mallory',
      password: 'mallory-password',
      setupCode: 'WRONG-SETUP-CODE',
    })
    const admin = await t.setUpAdmin('first-admin-pw')
    const oliveId = await t.createUser(admin, {
      username: 'olive',
      password: 'olive-password',
      role: 'viewer',
    })
    await t.call('POST', '/auth/login', { username: 'olive', password: 'wrong-guess-1' })
    const olive = await t.signIn('olive', 'olive-password')
    await t.call(
      'POST',
      '/users',
      { username: 'x2', password: 'xxxxxxxx', role: 'admin' },
      { session: olive },
    )
    const created = await t.call('POST', '/tokens', { name: 'ci' }, { session: olive })
    const { id: tokenId, token } = (await created.json()) as { id: string; token: string }
    secrets.push(token)
    await t.call('DELETE', `/tokens/${tokenId}`, undefined, { session: olive })
    await t.call(
      'POST',
      '/auth/password',
      { currentPassword: 'olive-password', newPassword: 'olive-password-2' },
      { session: olive },
    )
    await t.call('PATCH', `/users/${oliveId}`, { role: 'operator' }, { session: admin })
    await t.call(
      'POST',
      `/users/${oliveId}/password`,
      { password: 'olive-password' },
      { session: admin },
    )
    await t.call('DELETE', `/users/${oliveId}`, undefined, { session: admin })
    await t.call('POST', '/auth/logout', undefined, { session: admin })

    const { entries } = new AuditLog(t.db).query({ limit: 200 })
    const trail = entries.reverse().map((e) => [e.action, e.status, e.actorName, e.target])

    expect(trail).toEqual([
      ['auth.setup', 403, null, 'mallory'],
      ['auth.setup', 201, 'admin', 'admin'],
      ['user.create', 201, 'admin', oliveId],
      ['auth.login', 401, null, 'olive'],
      ['auth.login', 200, 'olive', 'olive'],
      ['user.create', 403, 'olive', null],
      ['token.create', 201, 'olive', tokenId],
      ['token.revoke', 204, 'olive', tokenId],
      ['auth.change-password', 204, 'olive', null],
      ['user.update', 200, 'admin', oliveId],
      ['user.reset-password', 204, 'admin', oliveId],
      ['user.delete', 204, 'admin', oliveId],
      ['auth.logout', 204, 'admin', null],
    ])
    expect(entries.find((e) => e.status === 401)).toMatchObject({
      error: 'Invalid username or password',
      address: '192.0.2.1',
    })
    expect(entries.find((e) => e.action === 'user.update')?.parameters).toEqual({
      role: 'operator',
    })
    const stored = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all())
    for (const secret of secrets) expect(stored).not.toContain(secret)
  })
})

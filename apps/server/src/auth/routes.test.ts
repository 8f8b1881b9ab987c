import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, readApiError, type TestApp } from './test-app.ts'

let t: TestApp
beforeEach(() => {
  t = createTestApp()
})
afterEach(() => {
  t.close()
})

describe('first-run setup', () => {
  it('creates the first admin once, then is closed', async () => {
    expect(await (await t.call('GET', '/auth/setup')).json()).toEqual({ needed: true })

    const first = await t.call('POST', '/auth/setup', {
      username: 'root',
      password: 'long-enough-1',
      setupCode: t.setupCode,
    })
    const second = await t.call('POST', '/auth/setup', {
      username: 'evil',
      password: 'long-enough-2',
      setupCode: t.setupCode,
    })

    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ user: { username: 'root', role: 'admin' } })
    expect(t.sessionFrom(first)).toBeDefined()
    expect(await readApiError(second)).toMatchObject({ status: 409, code: 'conflict' })
    expect(await (await t.call('GET', '/auth/setup')).json()).toEqual({ needed: false })
    expect(t.services.auth.users.list().map((u) => u.username)).toEqual(['root'])
  })

  it('accepts only one of two racing setup requests', async () => {
    const { setupCode } = t
    const answers = await Promise.all([
      t.call('POST', '/auth/setup', { username: 'one', password: 'long-enough-1', setupCode }),
      t.call('POST', '/auth/setup', { username: 'two', password: 'long-enough-2', setupCode }),
    ])

    expect(answers.map((r) => r.status).sort()).toEqual([201, 409])
    expect(t.services.auth.users.count()).toBe(1)
  })

  it('wants the setup code from the log: missing is a 400 naming it, wrong is a 403', async () => {
    const setup = (body: Record<string, string>) =>
      t.call('POST', '/auth/setup', { username: 'root', password: 'long-enough-1', ...body })

    expect(await readApiError(await setup({}))).toMatchObject({
      status: 400,
      message: 'json.setupCode: the setup code printed in the server log at start is required',
    })
    const wrong = await readApiError(await setup({ setupCode: 'AAAA-BBBB-CCCC-DDDD' }))
    expect(wrong).toMatchObject({ status: 403, code: 'forbidden' })
    expect(wrong.message).toContain("printed in the server's log")
    expect(t.services.auth.users.count()).toBe(0)
  })

  it('accepts the code as a person types it: any case, without dashes, O for 0, I or L for 1', async () => {
    const code = t.services.auth.setupCode.issue()
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')

    const res = await t.call('POST', '/auth/setup', {
      username: 'root',
      password: 'long-enough-1',
      setupCode: typed,
    })

    expect(res.status).toBe(201)
  })

  it('issues 16 base32 characters in four groups, a new one each time; the old one stops working', async () => {
    const codes = Array.from({ length: 50 }, () => t.services.auth.setupCode.issue())
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
    expect(new Set(codes).size).toBe(codes.length)

    const stale = await t.call('POST', '/auth/setup', {
      username: 'root',
      password: 'long-enough-1',
      setupCode: codes[0],
    })

    expect(stale.status).toBe(403)
  })

  it('throttles wrong codes per address (429), while another address may still set up', async () => {
    const guess = (address: string, setupCode: string) =>
      t.call(
        'POST',
        '/auth/setup',
        { username: 'root', password: 'long-enough-1', setupCode },
        { address },
      )
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) statuses.push((await guess('198.51.100.7', `WRONG-${i}`)).status)

    expect(statuses.slice(0, 20).every((s) => s === 403)).toBe(true)
    expect(statuses[20]).toBe(429)
    // Locked out: even the right code waits, from that address.
    expect((await guess('198.51.100.7', t.setupCode)).status).toBe(429)
    expect((await guess('198.51.100.8', t.setupCode)).status).toBe(201)
  })
})

describe('POST /api/auth/login', () => {
  beforeEach(async () => {
    await t.setUpAdmin('admin-password-1')
  })

  it('sets an HttpOnly, SameSite=Strict cookie with a new id every time', async () => {
    const first = await t.call('POST', '/auth/login', {
      username: 'admin',
      password: 'admin-password-1',
    })
    const second = await t.call('POST', '/auth/login', {
      username: 'ADMIN',
      password: 'admin-password-1',
    })

    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ user: { username: 'admin', role: 'admin' } })
    const cookie = first.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/^hm_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toMatch(/Secure/)
    expect(t.sessionFrom(second)).not.toBe(t.sessionFrom(first))
  })

  it('uses a Secure __Host- cookie behind HTTPS', async () => {
    const secure = createTestApp({ secureCookies: true })
    try {
      await secure.setUpAdmin('admin-password-1')
      const res = await secure.call('POST', '/auth/login', {
        username: 'admin',
        password: 'admin-password-1',
      })
      const cookie = res.headers.get('Set-Cookie') ?? ''

      expect(cookie).toMatch(/^__Host-hm_session=/)
      expect(cookie).toMatch(/; Secure/)
      expect(cookie).not.toMatch(/Domain=/)
      const me = await secure.call('GET', '/auth/me', undefined, {
        session: secure.sessionFrom(res),
      })
      expect(me.status).toBe(200)
    } finally {
      secure.close()
    }
  })

  it('ends the session the browser had before signing in again', async () => {
    const before = await t.signIn('admin', 'admin-password-1')
    const res = await t.call(
      'POST',
      '/auth/login',
      { username: 'admin', password: 'admin-password-1' },
      { session: before },
    )

    expect(res.status).toBe(200)
    expect((await t.call('GET', '/auth/me', undefined, { session: before })).status).toBe(401)
  })

  it('answers a wrong password and an unknown user identically, for the same work', async () => {
    // CPU time, not wall time: it counts the work done (argon2 runs on libuv's threads, which
    // process.cpuUsage includes), and a busy machine stretches wall time, not work.
    const time = async (username: string, address: string) => {
      const started = process.cpuUsage()
      const res = await t.call(
        'POST',
        '/auth/login',
        { username, password: 'wrong-password' },
        { address },
      )
      const used = process.cpuUsage(started)
      return { ms: (used.user + used.system) / 1000, error: await readApiError(res) }
    }

    const wrong = await time('admin', '198.51.100.1')
    const unknown = await time('nobody', '198.51.100.2')

    expect(wrong.error).toEqual({
      status: 401,
      code: 'unauthenticated',
      message: 'Invalid username or password',
    })
    expect(unknown.error).toEqual(wrong.error)
    // Both pay for one argon2 hash; a skipped hash would be an order of magnitude faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.3)
  })

  it('throttles an account after 5 failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/auth/login', { username: 'admin', password: `wrong-${i}` })
      expect(res.status).toBe(401)
    }

    const locked = await t.call('POST', '/auth/login', {
      username: 'admin',
      password: 'admin-password-1',
    })

    expect(await readApiError(locked)).toMatchObject({ status: 429, code: 'rate_limited' })
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
  })

  it('throttles an address that tries many accounts', async () => {
    for (let i = 0; i < 20; i++) {
      await t.call('POST', '/auth/login', { username: `user${i}`, password: 'guess-guess' })
    }

    const res = await t.call('POST', '/auth/login', {
      username: 'admin',
      password: 'admin-password-1',
    })
    const elsewhere = await t.call(
      'POST',
      '/auth/login',
      { username: 'admin', password: 'admin-password-1' },
      { address: '203.0.113.9' },
    )

    expect(res.status).toBe(429)
    expect(res.headers.get('Retry-After')).not.toBeNull()
    expect(elsewhere.status).toBe(200)
  })

  it('refuses a password over 1 KiB with 400 before hashing it', async () => {
    const long = await t.call('POST', '/auth/login', {
      username: 'admin',
      password: 'a'.repeat(1025),
    })
    // 600 characters, 1,200 bytes: the limit is in bytes.
    const wide = await t.call('POST', '/auth/login', {
      username: 'admin',
      password: 'é'.repeat(600),
    })

    expect(await readApiError(long)).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'json.password: password: at most 1024 bytes',
    })
    expect((await readApiError(wide)).status).toBe(400)
    // Refused at validation: the attempts were not even counted as failures.
    expect(t.services.auth.throttle.retryAfter('192.0.2.1', 'admin')).toBe(0)
  })

  it('refuses unknown keys with 400', async () => {
    const extra = await t.call('POST', '/auth/login', {
      username: 'admin',
      password: 'admin-password-1',
      role: 'admin',
    })

    expect(await readApiError(extra)).toMatchObject({ status: 400, code: 'invalid_request' })
  })
})

describe('sessions', () => {
  beforeEach(async () => {
    await t.setUpAdmin('admin-password-1')
  })

  it('GET /me answers the signed-in user and 401 without a session', async () => {
    const session = await t.signIn('admin', 'admin-password-1')

    const me = await t.call('GET', '/auth/me', undefined, { session })
    const anonymous = await t.call('GET', '/auth/me')

    expect(await me.json()).toEqual({
      user: { id: expect.any(String), username: 'admin', role: 'admin', hostGrants: [] },
    })
    expect(await readApiError(anonymous)).toMatchObject({ status: 401, code: 'unauthenticated' })
  })

  it('GET /session answers 200 with the user, or with null when signed out or revoked', async () => {
    const session = await t.signIn('admin', 'admin-password-1')
    const token = await t.call('POST', '/tokens', { name: 'probe' }, { session })
    const { token: secret } = (await token.json()) as { token: string }

    const signedIn = await t.call('GET', '/auth/session', undefined, { session })
    const viaToken = await t.call('GET', '/auth/session', undefined, { token: secret })
    const anonymous = await t.call('GET', '/auth/session')
    const forged = await t.call('GET', '/auth/session', undefined, { session: 'not-a-session' })
    await t.call('POST', '/auth/logout', undefined, { session })
    const afterLogout = await t.call('GET', '/auth/session', undefined, { session })

    expect(signedIn.status).toBe(200)
    expect(await signedIn.json()).toEqual({
      user: { id: expect.any(String), username: 'admin', role: 'admin', hostGrants: [] },
    })
    expect(await viaToken.json()).toMatchObject({ user: { username: 'admin' } })
    for (const res of [anonymous, forged, afterLogout]) {
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ user: null })
    }
    // Only the probe is lenient: the routes that need a session still refuse.
    expect((await t.call('GET', '/auth/me', undefined, { session })).status).toBe(401)
  })

  it('logout revokes the session and clears the cookie', async () => {
    const session = await t.signIn('admin', 'admin-password-1')

    const res = await t.call('POST', '/auth/logout', undefined, { session })

    expect(res.status).toBe(204)
    expect(res.headers.get('Set-Cookie')).toMatch(/^hm_session=; Max-Age=0/)
    expect((await t.call('GET', '/auth/me', undefined, { session })).status).toBe(401)
  })

  it('a password change ends every other session and issues a fresh one to this client', async () => {
    const here = await t.signIn('admin', 'admin-password-1')
    const elsewhere = await t.signIn('admin', 'admin-password-1', '198.51.100.7')

    const res = await t.call(
      'POST',
      '/auth/password',
      { currentPassword: 'admin-password-1', newPassword: 'admin-password-2' },
      { session: here },
    )
    const fresh = t.sessionFrom(res)

    expect(res.status).toBe(204)
    expect(fresh).toBeDefined()
    expect((await t.call('GET', '/auth/me', undefined, { session: fresh })).status).toBe(200)
    expect((await t.call('GET', '/auth/me', undefined, { session: here })).status).toBe(401)
    expect((await t.call('GET', '/auth/me', undefined, { session: elsewhere })).status).toBe(401)
    await expect(t.signIn('admin', 'admin-password-1', '198.51.100.8')).rejects.toThrow(/401/)
    await expect(t.signIn('admin', 'admin-password-2')).resolves.toBeDefined()
  })

  it('a wrong current password is a 400 naming the field and changes nothing', async () => {
    const session = await t.signIn('admin', 'admin-password-1')

    const res = await t.call(
      'POST',
      '/auth/password',
      { currentPassword: 'not-the-password', newPassword: 'admin-password-2' },
      { session },
    )

    expect(await readApiError(res)).toMatchObject({ status: 400, message: /currentPassword/ })
    expect((await t.call('GET', '/auth/me', undefined, { session })).status).toBe(200)
  })
})

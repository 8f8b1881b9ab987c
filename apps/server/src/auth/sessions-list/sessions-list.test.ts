import type { AuditPage, SignInSession, SignInSessionList } from '@harbormaster/contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashSessionId } from '../sessions.ts'
import { createTestApp, readApiError, type TestApp } from '../test-app.ts'

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
const OPERATOR = { username: 'olga', password: 'operator-password-1', role: 'operator' }

let t: TestApp
let admin: string
beforeEach(async () => {
  t = createTestApp()
  admin = await t.setUpAdmin()
})
afterEach(() => {
  t.close()
})

/** Signs in from a browser (its user agent) at an address; returns the session id. */
async function signInFrom(
  user: { username: string; password: string },
  userAgent: string,
  address: string,
): Promise<string> {
  const { username, password } = user
  const headers = { 'User-Agent': userAgent }
  const res = await t.call('POST', '/auth/login', { username, password }, { address, headers })
  const session = t.sessionFrom(res)
  if (res.status !== 200 || session === undefined) throw new Error(`sign-in: ${res.status}`)
  return session
}

async function listAs(session: string, path = '/auth/sessions'): Promise<SignInSession[]> {
  const res = await t.call('GET', path, undefined, { session })
  expect(res.status).toBe(200)
  return ((await res.json()) as SignInSessionList).sessions
}

const meStatus = async (session: string) =>
  (await t.call('GET', '/auth/me', undefined, { session })).status

async function auditOf(action: string) {
  const res = await t.call('GET', `/audit?action=${action}`, undefined, { session: admin })
  return ((await res.json()) as AuditPage).entries
}

/** The operator, signed in from Chrome on Linux and from Firefox on Windows. */
async function operatorInTwoBrowsers() {
  const id = await t.createUser(admin, OPERATOR)
  const chrome = await signInFrom(OPERATOR, CHROME_LINUX, '198.51.100.7')
  const firefox = await signInFrom(OPERATOR, FIREFOX_WINDOWS, '203.0.113.9')
  const [first, second] = await listAs(chrome)
  if (!first || !second) throw new Error('expected two sessions')
  const ofChrome = first.device.startsWith('Chrome') ? first : second
  const ofFirefox = ofChrome === first ? second : first
  return { id, chrome, firefox, ofChrome, ofFirefox }
}

describe('GET /api/auth/sessions', () => {
  it("lists the caller's sessions with device, address and method, this one marked", async () => {
    const { chrome, firefox, ofChrome, ofFirefox } = await operatorInTwoBrowsers()

    expect(ofChrome).toMatchObject({
      current: true,
      device: 'Chrome 131 on Linux',
      userAgent: CHROME_LINUX,
      address: '198.51.100.7',
      method: 'password',
      secondFactor: null,
    })
    expect(ofFirefox).toMatchObject({
      current: false,
      device: 'Firefox 133 on Windows',
      address: '203.0.113.9',
    })
    expect(Date.parse(ofChrome.expiresAt)).toBeGreaterThan(Date.parse(ofChrome.lastUsedAt))
    // The other browser sees the same two, with itself as the current one.
    const fromFirefox = await listAs(firefox)
    expect(fromFirefox.find((s) => s.current)?.id).toBe(ofFirefox.id)
    // Neither the cookie value nor the hash it is stored as is ever shown.
    const text = JSON.stringify(fromFirefox)
    for (const raw of [chrome, firefox]) {
      expect(text).not.toContain(raw)
      expect(text).not.toContain(hashSessionId(raw))
    }
  })

  it("shows only the caller's own sessions, not the admin's", async () => {
    const { chrome } = await operatorInTwoBrowsers()
    const ids = (await listAs(admin)).map((s) => s.id)
    expect(ids).toHaveLength(1)
    expect((await listAs(chrome)).map((s) => s.id)).not.toContain(ids[0])
  })
})

describe('DELETE /api/auth/sessions/:id', () => {
  it('ends that session (its cookie gets 401), the other goes on, and is audited', async () => {
    const { chrome, firefox, ofFirefox } = await operatorInTwoBrowsers()

    const res = await t.call('DELETE', `/auth/sessions/${ofFirefox.id}`, undefined, {
      session: chrome,
    })

    expect(res.status).toBe(204)
    expect(await meStatus(firefox)).toBe(401)
    expect(await meStatus(chrome)).toBe(200)
    expect((await listAs(chrome)).map((s) => s.id)).not.toContain(ofFirefox.id)
    expect(await auditOf('auth.session.revoke')).toMatchObject([
      { actorName: 'olga', target: ofFirefox.id, status: 204 },
    ])
  })

  it('ending the current session signs this browser out and clears its cookie', async () => {
    const { chrome, ofChrome } = await operatorInTwoBrowsers()

    const res = await t.call('DELETE', `/auth/sessions/${ofChrome.id}`, undefined, {
      session: chrome,
    })

    expect(res.status).toBe(204)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${t.cookieName}=`))
    expect(cookie).toMatch(/Max-Age=0/i)
    expect(await meStatus(chrome)).toBe(401)
  })

  it("answers 404 for another user's session, which goes on", async () => {
    const { chrome } = await operatorInTwoBrowsers()
    const [adminSession] = await listAs(admin)

    const res = await t.call('DELETE', `/auth/sessions/${adminSession?.id}`, undefined, {
      session: chrome,
    })

    expect(await readApiError(res)).toMatchObject({ status: 404, code: 'not_found' })
    expect(await meStatus(admin)).toBe(200)
    expect(await auditOf('auth.session.revoke')).toMatchObject([{ status: 404 }])
  })

  it('names a malformed id, and records nothing for a caller without a session', async () => {
    const { chrome } = await operatorInTwoBrowsers()
    const bad = await t.call('DELETE', '/auth/sessions/not-an-id', undefined, { session: chrome })
    expect(await readApiError(bad)).toMatchObject({ status: 400 })

    const anonymous = await t.call('DELETE', '/auth/sessions/0123456789abcdef')
    expect(anonymous.status).toBe(401)
    expect(await auditOf('auth.session.revoke')).toHaveLength(1)
  })
})

describe('POST /api/auth/sessions/revoke-others', () => {
  it('ends every other session and keeps this one', async () => {
    const { chrome, firefox, ofChrome, ofFirefox } = await operatorInTwoBrowsers()
    const third = await signInFrom(OPERATOR, CHROME_LINUX, '198.51.100.8')

    const res = await t.call('POST', '/auth/sessions/revoke-others', undefined, {
      session: chrome,
    })

    expect(await res.json()).toEqual({ ended: 2 })
    expect(await meStatus(chrome)).toBe(200)
    expect(await meStatus(firefox)).toBe(401)
    expect(await meStatus(third)).toBe(401)
    expect((await listAs(chrome)).map((s) => s.id)).toEqual([ofChrome.id])
    const [entry] = await auditOf('auth.session.revoke-others')
    expect(entry).toMatchObject({ target: ofChrome.id, status: 200 })
    expect(entry?.parameters?.ended).toContain(ofFirefox.id)
    expect(await meStatus(admin)).toBe(200)
  })

  it('is refused to an API token: there is no "this session" to keep', async () => {
    const { chrome, firefox } = await operatorInTwoBrowsers()
    const created = await t.call('POST', '/tokens', { name: 'ci' }, { session: chrome })
    const { token } = (await created.json()) as { token: string }

    const res = await t.call('POST', '/auth/sessions/revoke-others', undefined, { token })

    expect(res.status).toBe(403)
    expect(await meStatus(firefox)).toBe(200)
  })
})

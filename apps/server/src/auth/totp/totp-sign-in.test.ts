import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readApiError } from '../test-app.ts'
import {
  codeAt,
  enrol,
  OPERATOR,
  passwordStep,
  secondStep,
  STEP_MS,
  totpTestApp,
} from './totp-test-kit.ts'

let kit: ReturnType<typeof totpTestApp>
let key: string
let recoveryCodes: string[]
beforeEach(async () => {
  kit = totpTestApp()
  const admin = await kit.t.setUpAdmin()
  await kit.t.createUser(admin, OPERATOR)
  const session = await kit.t.signIn(OPERATOR.username, OPERATOR.password)
  ;({ manualKey: key, recoveryCodes } = await enrol(kit.t, session, kit.now()))
  // The code that confirmed the enrolment is used up: sign-ins start one step later.
  kit.advance(1)
})
afterEach(() => {
  kit.t.close()
})

const auditOf = async (action: string) => {
  const { t } = kit
  const admin = await t.signIn('admin', 'admin-password-1')
  const res = await t.call('GET', `/audit?action=${action}`, undefined, { session: admin })
  return ((await res.json()) as { entries: Record<string, unknown>[] }).entries
}

describe('a password sign-in finished with the authenticator app', () => {
  it('asks for the code after the password, then signs in with the current one', async () => {
    const { t } = kit
    const login = await t.call('POST', '/auth/login', OPERATOR_CREDENTIALS)
    expect(await login.json()).toEqual({
      user: null,
      secondFactor: { methods: ['totp', 'recovery'] },
    })

    const res = await secondStep(t, 'totp', codeAt(key, kit.now()), await passwordStep(t))

    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ user: { username: 'olga' } })
    const session = t.sessionFrom(res)
    expect((await t.call('GET', '/auth/me', undefined, { session })).status).toBe(200)
    const row = t.db.prepare(`SELECT second_factor FROM sessions WHERE method = 'password'`)
    expect(row.all()).toContainEqual({ second_factor: 'totp' })
  })

  it('keeps the second factor on the session a password change renews', async () => {
    const { t } = kit
    const res = await secondStep(t, 'totp', codeAt(key, kit.now()), await passwordStep(t))
    const changed = await t.call(
      'POST',
      '/auth/password',
      { currentPassword: OPERATOR.password, newPassword: 'operator-password-2' },
      { session: t.sessionFrom(res) },
    )
    expect(changed.status).toBe(204)

    const sessions = await t.call('GET', '/auth/sessions', undefined, {
      session: t.sessionFrom(changed),
    })
    const body = (await sessions.json()) as { sessions: { secondFactor: string | null }[] }
    expect(body.sessions.map((s) => s.secondFactor)).toEqual(['totp'])
  })

  it('takes "123 456" as typed, with the space', async () => {
    const { t } = kit
    const code = codeAt(key, kit.now())
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`
    expect((await secondStep(t, 'totp', spaced, await passwordStep(t))).status).toBe(200)
  })

  it('refuses the same code twice, even in a fresh sign-in', async () => {
    const { t } = kit
    const code = codeAt(key, kit.now())
    expect((await secondStep(t, 'totp', code, await passwordStep(t))).status).toBe(200)

    const again = await secondStep(t, 'totp', code, await passwordStep(t))

    expect(await readApiError(again)).toEqual({
      status: 401,
      code: 'unauthenticated',
      message: 'Wrong or already used code',
    })
    expect(t.sessionFrom(again)).toBeUndefined()
  })

  it('refuses an earlier step once a later one was used', async () => {
    const { t } = kit
    kit.advance(1)
    const later = codeAt(key, kit.now())
    const earlier = codeAt(key, kit.now() - STEP_MS)
    expect((await secondStep(t, 'totp', later, await passwordStep(t))).status).toBe(200)
    expect((await secondStep(t, 'totp', earlier, await passwordStep(t))).status).toBe(401)
  })

  it('takes a code one step old or ahead, refuses one two steps old', async () => {
    const { t } = kit
    kit.advance(3)
    const twoOld = codeAt(key, kit.now() - 2 * STEP_MS)
    expect((await secondStep(t, 'totp', twoOld, await passwordStep(t))).status).toBe(401)
    const oneOld = codeAt(key, kit.now() - STEP_MS)
    expect((await secondStep(t, 'totp', oneOld, await passwordStep(t))).status).toBe(200)
    const ahead = codeAt(key, kit.now() + STEP_MS)
    expect((await secondStep(t, 'totp', ahead, await passwordStep(t))).status).toBe(200)
  })

  it('needs the password first: a code alone is no sign-in', async () => {
    const res = await secondStep(kit.t, 'totp', codeAt(key, kit.now()), {})
    expect(await readApiError(res)).toMatchObject({ status: 401, message: /enter your password/ })
  })

  it('closes the sign-in challenge once used', async () => {
    const { t } = kit
    const challenge = await passwordStep(t)
    expect((await secondStep(t, 'totp', codeAt(key, kit.now()), challenge)).status).toBe(200)
    kit.advance(1)
    const reuse = await secondStep(t, 'totp', codeAt(key, kit.now()), challenge)
    expect(await readApiError(reuse)).toMatchObject({ status: 401, message: /expired/ })
  })
})

describe('a recovery code at sign-in', () => {
  it('works once, typed in any case with spaces, and the count goes down', async () => {
    const { t } = kit
    const [code = ''] = recoveryCodes
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/)
    const typed = ` ${code.toUpperCase().replace('-', ' ')} `

    const first = await secondStep(t, 'recovery', typed, await passwordStep(t))
    const second = await secondStep(t, 'recovery', code, await passwordStep(t))

    expect(first.status).toBe(200)
    const session = t.sessionFrom(first)
    expect(await readApiError(second)).toMatchObject({ status: 401 })
    const status = await t.call('GET', '/auth/second-factors', undefined, { session })
    expect(await status.json()).toMatchObject({ recoveryCodesLeft: 9, totp: { enrolled: true } })
  })

  it('stores only hashes, never a code', () => {
    const rows = kit.t.db.prepare(`SELECT code_hash FROM recovery_codes`).all()
    expect(rows).toHaveLength(10)
    const stored = JSON.stringify(rows)
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code)
      expect(stored).not.toContain(code.replace('-', ''))
    }
  })
})

describe('throttling of codes', () => {
  it('locks the account after repeated wrong codes (429 with Retry-After), right code too', async () => {
    const { t } = kit
    const wrong = codeAt(key, kit.now() + 10 * STEP_MS)
    for (let i = 0; i < 5; i++) {
      // A new password step each time: a right password must not reset the count of codes.
      const res = await secondStep(t, 'totp', wrong, await passwordStep(t), `198.51.100.${i}`)
      expect(res.status).toBe(401)
    }

    const locked = await secondStep(t, 'totp', codeAt(key, kit.now()), await passwordStep(t))
    const recovery = await secondStep(t, 'recovery', recoveryCodes[0] ?? '', await passwordStep(t))

    expect(await readApiError(locked)).toMatchObject({ status: 429, code: 'rate_limited' })
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(recovery.status).toBe(429)
  })

  it('audits each failure with the user, never the code', async () => {
    const { t } = kit
    const wrong = codeAt(key, kit.now() + 10 * STEP_MS)
    await secondStep(t, 'totp', wrong, await passwordStep(t))
    await secondStep(t, 'recovery', 'zzzzz-zzzzz', await passwordStep(t))

    const totp = await auditOf('auth.second-factor.totp')
    const recovery = await auditOf('auth.second-factor.recovery')

    expect(totp).toMatchObject([{ status: 401, target: 'olga' }])
    expect(recovery).toMatchObject([{ status: 401, target: 'olga' }])
    expect(JSON.stringify([totp, recovery])).not.toMatch(new RegExp(`${wrong}|zzzzz`))
  })
})

const OPERATOR_CREDENTIALS = { username: OPERATOR.username, password: OPERATOR.password }

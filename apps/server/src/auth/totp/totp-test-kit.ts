import { Secret, TOTP } from 'otpauth'
import { createTestApp, type TestApp } from '../test-app.ts'

/**
 * For the TOTP tests (not a test itself): a test app on a clock the test moves, and an
 * authenticator app computing real codes with `otpauth` from the key the server handed out.
 */
export const OPERATOR = { username: 'olga', password: 'operator-password-1', role: 'operator' }

export const STEP_MS = 30_000

export function totpTestApp() {
  // Mid-step, so moving by whole steps never lands on a boundary.
  let now = Math.floor(Date.now() / STEP_MS) * STEP_MS + STEP_MS / 2
  const t = createTestApp({ now: () => now })
  return {
    t,
    now: () => now,
    /** Moves the server's clock (and the authenticator's) on by whole 30-second steps. */
    advance: (steps: number) => {
      now += steps * STEP_MS
    },
  }
}

/** The code an authenticator app with this key shows at `timestamp`. */
export const codeAt = (manualKey: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(manualKey) }).generate({ timestamp })

/** Starts and confirms an authenticator for the session's user; returns its key and codes. */
export async function enrol(t: TestApp, session: string, timestamp: number) {
  const start = await t.call('POST', '/auth/totp', undefined, { session })
  if (start.status !== 201) throw new Error(`start: ${start.status} ${await start.text()}`)
  const { manualKey } = (await start.json()) as { manualKey: string }
  const code = codeAt(manualKey, timestamp)
  const confirm = await t.call('POST', '/auth/totp/confirm', { code }, { session })
  if (confirm.status !== 200) throw new Error(`confirm: ${confirm.status} ${await confirm.text()}`)
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] }
  return { manualKey, recoveryCodes }
}

/** A password sign-in that stops at the second step: the sign-in challenge cookie to send. */
export async function passwordStep(t: TestApp, user = OPERATOR, address?: string) {
  const res = await t.call(
    'POST',
    '/auth/login',
    { username: user.username, password: user.password },
    { address },
  )
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hm_sign_in='))
  if (res.status !== 200 || cookie === undefined) {
    throw new Error(`password step: ${res.status} ${await res.text()}`)
  }
  return { Cookie: cookie.split(';')[0] ?? '' }
}

/** The second step: posts a code with the challenge cookie. */
export const secondStep = (
  t: TestApp,
  method: 'totp' | 'recovery',
  code: string,
  challenge: Record<string, string>,
  address?: string,
) => t.call('POST', `/auth/second-factor/${method}`, { code }, { headers: challenge, address })

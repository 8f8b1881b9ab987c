import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { auditRoutes } from '../audit/index.ts'
import { createTestServices } from '../../test/test-services.ts'
import type { AppEnv } from '../app-env.ts'
import { onError } from '../platform/errors.ts'
import { provideServices } from '../services.ts'
import type { AuthOptions } from './auth-services.ts'
import { authenticate } from './authenticate.ts'
import { authRoutes } from './routes.ts'
import { tokenRoutes } from './token-routes.ts'
import { userRoutes } from './user-routes.ts'

export interface Caller {
  /** The raw session cookie value. */
  session?: string | undefined
  token?: string | undefined
  /** The peer address the throttle and the audit see. */
  address?: string | undefined
  headers?: Record<string, string> | undefined
}

/**
 * For the auth and audit tests (not a test itself): the auth, user, token and audit routers
 * behind authenticate() and onError, on a fresh SQLite file in a temporary directory. The
 * services are built as the server builds its own (services.ts), with no hosts.
 */
export function createTestApp(options: AuthOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hm-auth-'))
  const services = createTestServices(dir, { secureCookies: false, ...options })
  const { db } = services
  // What the server prints in its log at start while there are no users.
  const setupCode = services.auth.setupCode.issue()
  const api = new Hono<AppEnv>()
    .use(provideServices(services))
    .use(authenticate())
    .route('/auth', authRoutes)
    .route('/users', userRoutes)
    .route('/tokens', tokenRoutes)
    .route('/audit', auditRoutes)
  api.onError(onError)
  const app = new Hono().route('/api', api)
  const cookieName = options.secureCookies === true ? '__Host-hm_session' : 'hm_session'

  /** One request as `caller`; bodies are sent as JSON. */
  function call(method: string, path: string, body?: unknown, caller: Caller = {}) {
    const headers: Record<string, string> = { ...caller.headers }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (caller.session !== undefined) headers.Cookie = `${cookieName}=${caller.session}`
    if (caller.token !== undefined) headers.Authorization = `Bearer ${caller.token}`
    const init: RequestInit = { method, headers }
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
    const env = { incoming: { socket: { remoteAddress: caller.address ?? '192.0.2.1' } } }
    return app.request(`/api${path}`, init, env)
  }

  /** The session id a response set, if any. */
  function sessionFrom(res: Response): string | undefined {
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`))
    const value = cookie?.slice(cookieName.length + 1).split(';')[0]
    return value === '' ? undefined : value
  }

  /** Signs in and returns the session id (throws unless the sign-in worked). */
  async function signIn(username: string, password: string, address?: string): Promise<string> {
    const res = await call('POST', '/auth/login', { username, password }, { address })
    const session = sessionFrom(res)
    if (res.status !== 200 || session === undefined) {
      throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`)
    }
    return session
  }

  /** Runs first-run setup as `admin` and returns the admin's session. */
  async function setUpAdmin(password = 'admin-password-1'): Promise<string> {
    const res = await call('POST', '/auth/setup', { username: 'admin', password, setupCode })
    const session = sessionFrom(res)
    if (res.status !== 201 || session === undefined) throw new Error(`setup: ${res.status}`)
    return session
  }

  /** Creates a user as the given admin and returns their id. */
  async function createUser(
    admin: string,
    user: { username: string; password: string; role: string },
  ): Promise<string> {
    const res = await call('POST', '/users', user, { session: admin })
    const body = (await res.json()) as { user?: { id: string } }
    if (res.status !== 201 || !body.user) throw new Error(`create user: ${res.status}`)
    return body.user.id
  }

  function close(): void {
    services.close()
    rmSync(dir, { recursive: true, force: true })
  }

  return {
    app,
    db,
    services,
    cookieName,
    setupCode,
    call,
    sessionFrom,
    signIn,
    setUpAdmin,
    createUser,
    close,
  }
}

export type TestApp = ReturnType<typeof createTestApp>

/** Reads an error answer and checks its status and envelope; returns the message. */
export async function readApiError(
  res: Response,
): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } }
  const code = body.error?.code
  const message = body.error?.message
  if (typeof code !== 'string' || typeof message !== 'string') {
    throw new Error(`not an error envelope: ${JSON.stringify(body)}`)
  }
  return { status: res.status, code, message }
}

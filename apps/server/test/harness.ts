import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  TEST_LABEL,
  labelsFor,
  newRunId,
  removeLabelled,
  testEngine,
  uniqueName,
} from '@harbormaster/testkit'
import { pino } from 'pino'
import { afterAll, beforeAll, expect } from 'vitest'
import { type Config, loadConfig } from '../src/config.ts'
import { type RunningServer, startServer } from '../src/server.ts'
import { ApiClient } from './api-client.ts'

// The fast tier's tests import it from its own module (importing this file makes a test an
// engine test); engine tests keep finding it here.
export { expectApiError } from './expect-api-error.ts'

/** The origin tests claim to be; the server is configured with it as its public URL. */
export const TEST_ORIGIN = 'http://harbormaster.test'
export const ADMIN = { username: 'admin', password: 'admin-password-1' }
export type TestRole = 'admin' | 'operator' | 'viewer'

export interface Harness {
  server: RunningServer
  /** The real base URL (http://127.0.0.1:<port>). */
  url: string
  hostId: 'local'
  dockerHost: string
  fixtureImage: string
  runId: string
  labels: Record<string, string>
  /** A client with no credentials (sends our Origin, so only authentication is missing). */
  anonymous: ApiClient
  /** A signed-in client for a user of that role (created on first use). */
  as(role: TestRole): Promise<ApiClient>
  /** An operator narrowed on `local` to objects carrying this file's run label (created once). */
  scopedOperator(): Promise<ApiClient>
  /** A new operator narrowed on `local` to objects carrying `labelScope` (`team=a`), signed in. */
  /** An operator narrowed to a label scope on one host (`local` unless named). */
  operatorScopedTo(labelScope: string, username?: string, hostId?: string): Promise<ApiClient>
  uniqueName(prefix: string): string
  /**
   * Closes the server and starts it again on the same port and database: signed-in clients and
   * everything stored survive, what the server kept in memory does not. `whileDown` runs between
   * the two: what happens there, no server hears of.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>
}

/**
 * A real server per test file: port 0, a temporary SQLite database, the shared private engine
 * as the `local` host, and a run label on everything the file creates (removed afterwards).
 */
export function startHarness(
  options: { env?: Record<string, string>; dockerHost?: () => string } = {},
): Harness {
  const engine = testEngine()
  const runId = newRunId()
  const dataDir = mkdtempSync(join(tmpdir(), 'hm-server-'))
  const clients = new Map<TestRole, ApiClient>()
  const harness = {
    hostId: 'local',
    dockerHost: engine.dockerHost,
    fixtureImage: engine.fixtureImage,
    runId,
    labels: labelsFor(runId),
    uniqueName,
  } as Harness

  let config: Config
  beforeAll(async () => {
    harness.dockerHost = options.dockerHost?.() ?? engine.dockerHost
    config = loadConfig({
      HARBORMASTER_PORT: '0',
      HARBORMASTER_BIND: '127.0.0.1',
      HARBORMASTER_DATA_DIR: dataDir,
      HARBORMASTER_PUBLIC_URL: TEST_ORIGIN,
      HARBORMASTER_LOG_LEVEL: 'silent',
      DOCKER_HOST: harness.dockerHost,
      ...options.env,
    })
    harness.server = await startServer(config, pino({ level: 'silent' }))
    harness.url = harness.server.url
    harness.anonymous = new ApiClient(harness.url, TEST_ORIGIN)
    // Setup signs its caller in: use a client of its own so `anonymous` stays without a session.
    const setup = await new ApiClient(harness.url, TEST_ORIGIN).post('/api/auth/setup', {
      ...ADMIN,
      setupCode: harness.server.setupCode,
    })
    expect(setup.status, await setup.clone().text()).toBe(201)
  })

  harness.restart = (whileDown) => restartServer(harness, config, whileDown)

  harness.as = async (role: TestRole) => {
    const existing = clients.get(role)
    if (existing) return existing
    const admin = clients.get('admin') ?? (await signIn(harness, ADMIN.username, ADMIN.password))
    clients.set('admin', admin)
    if (role === 'admin') return admin
    const user = { username: `${role}-${runId.slice(-6)}`, password: `${role}-password-1`, role }
    const created = await admin.post('/api/users', user)
    expect(created.status, await created.clone().text()).toBe(201)
    const client = await signIn(harness, user.username, user.password)
    clients.set(role, client)
    return client
  }

  let scoped: Promise<ApiClient> | undefined
  harness.operatorScopedTo = async (
    labelScope,
    username = uniqueName('scoped'),
    hostId = 'local',
  ) => {
    const password = 'scoped-password-1'
    const admin = await harness.as('admin')
    const res = await admin.post('/api/users', {
      username,
      password,
      role: 'operator',
      hostGrants: [{ hostId, role: 'operator', labelScope }],
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return signIn(harness, username, password)
  }
  harness.scopedOperator = () => {
    scoped ??= harness.operatorScopedTo(`${TEST_LABEL}=${runId}`, `scoped-${runId.slice(-6)}`)
    return scoped
  }

  afterAll(async () => {
    await harness.server?.close()
    // An engine of the test's own may already be gone; the shared one must be cleaned.
    await removeLabelled(harness.dockerHost, runId).catch((err: unknown) => {
      if (!options.dockerHost) throw err
    })
    rmSync(dataDir, { recursive: true, force: true })
  })
  return harness
}

/** The same configuration on the same port: clients keep their base URL and their cookies. */
async function restartServer(
  h: Harness,
  config: Config,
  whileDown?: () => Promise<void>,
): Promise<void> {
  await h.server.close()
  await whileDown?.()
  h.server = await startServer({ ...config, port: h.server.port }, pino({ level: 'silent' }))
}

/** Signs a user in and returns a client carrying their session cookie. */
export async function signIn(
  h: Pick<Harness, 'url'>,
  username: string,
  password: string,
): Promise<ApiClient> {
  const client = new ApiClient(h.url, TEST_ORIGIN)
  const res = await client.post('/api/auth/login', { username, password })
  expect(res.status, await res.clone().text()).toBe(200)
  return client
}

/**
 * Sends a body the server refuses before reading it (413): the server answers and closes, so
 * fetch reports a failed upload; this reads the answer the way a browser shows it.
 */
export function postOversized(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(body.length) },
    })
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown })
      })
    })
    // The server may close while we are still writing: that is the point of the limit.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err)
    })
    req.end(body)
  })
}

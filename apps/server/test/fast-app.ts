import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { UserHostGrant } from '@harbormaster/contract'
import { type Logger, pino } from 'pino'
import { afterAll, beforeAll, expect, vi } from 'vitest'
import { createApp } from '../src/app.ts'
import type { AppServices } from '../src/app-env.ts'
import { AuditLog, type AuditRecord } from '../src/audit/index.ts'
import { type Config, loadConfig } from '../src/config.ts'
import { type Db, openDatabase } from '../src/db/database.ts'
import { HostRegistry, HostStore } from '../src/hosts/index.ts'
import { createServices } from '../src/services.ts'
import { ApiClient, type Send } from './api-client.ts'
import { FakeEngine } from './fake-engine.ts'

/** The origin tests claim to be; the app is configured with it as its public URL. */
export const FAST_ORIGIN = 'http://harbormaster.test'
const ADMIN = { username: 'admin', password: 'admin-password-1' }
/** The peer address every request comes from (what the audit and the throttle see). */
export const FAST_PEER = '192.0.2.10'

export type FastRole = 'admin' | 'operator' | 'viewer'

export interface FastApp {
  /** The host `local`, whose engine is `fake`. */
  hostId: 'local'
  fake: FakeEngine
  services: AppServices
  /** Every API route (method and path pattern), as the server lists them. */
  routes: { method: string; path: string }[]
  /** A client with no credentials (sends our Origin, so only authentication is missing). */
  anonymous: ApiClient
  /** A new client without a session. */
  client(): ApiClient
  /** One request with exactly these headers (no cookie or Origin added). */
  request(method: string, path: string, headers?: Record<string, string>): Promise<Response>
  /** A signed-in client for a user of that role (created on first use). */
  as(role: FastRole): Promise<ApiClient>
  /** A new user with per-host grants, signed in. */
  userWith(role: FastRole, hostGrants: UserHostGrant[]): Promise<ApiClient>
  /** Audit entries, newest first. */
  audit(): AuditRecord[]
}

/**
 * The real app (createApp: every middleware and route, the services built as the server builds
 * them) on a temporary SQLite database, with one host, `local`, whose engine is a FakeEngine.
 * Requests go to `app.request()` in-process: no port, no dockerd, no root. For the server's own
 * logic only; anything about what an engine does belongs with the real one (harness.ts).
 */
/** A registry with one stored host, `local`, whose engine is the fake. */
function registryWithFakeHost(logger: Logger, config: Config, db: Db, fake: FakeEngine) {
  const hosts = new HostRegistry(logger, {
    statsMaxStreams: config.statsMaxStreams,
    createEngine: () => fake.engine,
  })
  const store = new HostStore(db)
  store.create({ id: 'local', name: 'local', address: fake.engine.label, allowedBindPrefixes: [] })
  const local = store.get('local')
  if (!local) throw new Error('the local host was not stored')
  hosts.addStored(local)
  return hosts
}

/** @param env more configuration (`HARBORMASTER_*`), for a limit a test wants small. */
export function startFastApp(env: Record<string, string> = {}): FastApp {
  const dataDir = mkdtempSync(join(tmpdir(), 'hm-fast-'))
  const config = loadConfig({
    ...env,
    HARBORMASTER_DATA_DIR: dataDir,
    HARBORMASTER_PUBLIC_URL: FAST_ORIGIN,
    HARBORMASTER_LOG_LEVEL: 'silent',
  })
  const logger = pino({ level: 'silent' })
  const db = openDatabase(dataDir)
  const fake = new FakeEngine()
  const hosts = registryWithFakeHost(logger, config, db, fake)
  const services = createServices({ config, logger, db, hosts })
  const { app, api } = createApp(services)
  const peer = { incoming: { socket: { remoteAddress: FAST_PEER } } }
  const send: Send = (url, init) => {
    const headers = new Headers(init.headers)
    headers.set('Host', new URL(url).host)
    return Promise.resolve(app.request(url, { ...init, headers }, peer))
  }
  const client = () => new ApiClient(FAST_ORIGIN, FAST_ORIGIN, send)
  const clients = new Map<FastRole, ApiClient>()

  const signIn = async (username: string, password: string) => {
    const signedIn = client()
    const res = await signedIn.post('/api/auth/login', { username, password })
    expect(res.status, await res.clone().text()).toBe(200)
    return signedIn
  }
  const createUser = async (role: FastRole, hostGrants: UserHostGrant[], username: string) => {
    const password = `${role}-password-1`
    const admin = await fast.as('admin')
    const res = await admin.post('/api/users', { username, password, role, hostGrants })
    expect(res.status, await res.clone().text()).toBe(201)
    return signIn(username, password)
  }

  let users = 0
  const fast: FastApp = {
    hostId: 'local',
    fake,
    services,
    routes: api.routes.map((r) => ({ method: r.method, path: `/api${r.path}` })),
    anonymous: client(),
    client,
    request: (method, path, headers) =>
      send(`${FAST_ORIGIN}${path}`, { method, headers: headers ?? {} }),
    async as(role) {
      const existing = clients.get(role)
      if (existing) return existing
      const signedIn =
        role === 'admin'
          ? await signIn(ADMIN.username, ADMIN.password)
          : await createUser(role, [], role)
      clients.set(role, signedIn)
      return signedIn
    },
    userWith: (role, hostGrants) => createUser(role, hostGrants, `${role}-${++users}`),
    audit: () => new AuditLog(db).query({ limit: 1000 }).entries,
  }

  beforeAll(async () => {
    // Setup signs its caller in: a client of its own, so `anonymous` stays without a session.
    const setupCode = services.auth.setupCode.issue()
    const setup = await client().post('/api/auth/setup', { ...ADMIN, setupCode })
    expect(setup.status, await setup.clone().text()).toBe(201)
    // The host's model is in sync once its events stream is up and its first read is done.
    await vi.waitFor(() => {
      expect(hosts.get('local')?.containers.warm).toBe(true)
    })
  })

  afterAll(() => {
    services.live.stop()
    hosts.close()
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return fast
}

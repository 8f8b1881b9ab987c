import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/database.ts'
import type { Db } from '../db/database.ts'
import { hashSessionId, SessionStore } from './sessions.ts'
import { createTestApp } from './test-app.ts'
import { UserEvents } from './user-events.ts'
import { UserStore } from './users.ts'

const ORIGIN = { method: 'password', userAgent: 'vitest', address: '127.0.0.1' } as const

const MINUTE = 60_000
const HOUR = 60 * MINUTE

let dir: string
let db: Db
let clock: number
let store: SessionStore
let userId: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-sessions-'))
  db = openDatabase(dir)
  clock = Date.UTC(2025, 0, 1)
  const now = () => clock
  const events = new UserEvents()
  store = new SessionStore(db, { idleMs: 12 * HOUR, maxMs: 168 * HOUR, events, now })
  userId = new UserStore(db, { events, now }).create({
    username: 'u1',
    passwordHash: 'x',
    role: 'viewer',
  }).id
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const storedRow = (rawId: string) =>
  db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(hashSessionId(rawId)) as
    { last_seen_at: number } | undefined

describe('SessionStore', () => {
  it('stores only the SHA-256 of a 256-bit id', () => {
    const rawId = store.create(userId, 1, ORIGIN)

    expect(Buffer.from(rawId, 'base64url')).toHaveLength(32)
    expect(db.prepare('SELECT id_hash FROM sessions').pluck().all()).toEqual([hashSessionId(rawId)])
    expect(store.resolve(rawId)).toEqual({
      userId,
      credentialVersion: 1,
      idHash: hashSessionId(rawId),
      method: 'password',
    })
    expect(store.resolve(hashSessionId(rawId))).toBeUndefined()
    expect(store.resolve('not-an-id')).toBeUndefined()
  })

  it('expires after the idle timeout, which each use slides (written at most once a minute)', () => {
    const rawId = store.create(userId, 1, ORIGIN)

    clock += 30_000
    expect(store.resolve(rawId)).toBeDefined()
    expect(storedRow(rawId)?.last_seen_at).toBe(clock - 30_000)
    clock += 11 * HOUR
    expect(store.resolve(rawId)).toBeDefined()
    expect(storedRow(rawId)?.last_seen_at).toBe(clock)
    clock += 12 * HOUR - 1
    expect(store.resolve(rawId)).toBeDefined()
    clock += 12 * HOUR
    expect(store.resolve(rawId)).toBeUndefined()
    expect(storedRow(rawId)).toBeUndefined()
  })

  it('expires at the absolute lifetime however busy', () => {
    const rawId = store.create(userId, 1, ORIGIN)

    for (let h = 0; h < 167; h += 6) {
      clock += 6 * HOUR
      if (h + 6 < 168) expect(store.resolve(rawId)).toBeDefined()
    }
    clock = Date.UTC(2025, 0, 1) + 168 * HOUR

    expect(store.resolve(rawId)).toBeUndefined()
    expect(storedRow(rawId)).toBeUndefined()
  })

  it('revokes one session or all of a user, and prunes expired ones', () => {
    const a = store.create(userId, 1, ORIGIN)
    const b = store.create(userId, 1, ORIGIN)
    const c = store.create(userId, 1, ORIGIN)

    store.revoke(hashSessionId(a))
    expect(store.resolve(a)).toBeUndefined()
    expect(store.resolve(b)).toBeDefined()
    expect(store.revokeAllForUser(userId)).toBe(2)
    expect(store.resolve(c)).toBeUndefined()
    store.create(userId, 1, ORIGIN)
    clock += 13 * HOUR
    expect(store.pruneExpired()).toBe(1)
  })
})

describe('session expiry over HTTP', () => {
  it('ends a session idle past HARBORMASTER_SESSION_IDLE_MINUTES and one older than the maximum', async () => {
    let now = Date.UTC(2025, 0, 1)
    const t = createTestApp({ now: () => now, sessionIdleMinutes: 30, sessionMaxHours: 2 })
    try {
      await t.setUpAdmin('admin-password-1')
      const idle = await t.signIn('admin', 'admin-password-1')
      const busy = await t.signIn('admin', 'admin-password-1')
      const me = (session: string) => t.call('GET', '/auth/me', undefined, { session })

      for (let minutes = 20; minutes <= 100; minutes += 20) {
        now += 20 * MINUTE
        expect((await me(busy)).status).toBe(200)
      }
      expect((await me(idle)).status).toBe(401)
      now += 20 * MINUTE
      expect((await me(busy)).status).toBe(401)
    } finally {
      t.close()
    }
  })
})

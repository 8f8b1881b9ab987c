import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/database.ts'
import { AuditLog } from './audit-log.ts'

let dir: string
let db: Db
let clock: number
let log: AuditLog
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-audit-'))
  db = openDatabase(dir)
  clock = 1_000
  log = new AuditLog(db, { now: () => clock })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function seed(): void {
  const rows = [
    { actorId: 'u1', action: 'container.stop', hostId: 'h1', status: 204 },
    { actorId: 'u2', action: 'container.stop', hostId: 'h2', status: 403 },
    { actorId: 'u1', action: 'image.pull', hostId: 'h1', status: 200 },
    { actorId: 'u1', action: 'container.stop', hostId: 'h1', status: 502 },
    { actorId: 'u2', action: 'auth.login', status: 401 },
  ]
  for (const row of rows) {
    clock += 1_000
    log.record(row)
  }
}

describe('AuditLog', () => {
  it('stores parameters redacted and returns entries newest first', () => {
    log.record({
      actorId: 'u1',
      actorName: 'olive',
      action: 'container.create',
      target: 'web',
      parameters: { image: 'nginx', Env: ['KEY=v'], registryAuth: 'x' },
      status: 201,
      address: '192.0.2.1',
    })

    expect(log.query({ limit: 10 }).entries).toEqual([
      {
        id: 1,
        at: 1_000,
        actorId: 'u1',
        actorName: 'olive',
        hostId: null,
        action: 'container.create',
        target: 'web',
        parameters: { image: 'nginx', Env: ['KEY=[redacted]'], registryAuth: '[redacted]' },
        status: 201,
        error: null,
        address: '192.0.2.1',
      },
    ])
  })

  it('filters by actor, action, host, status and time', () => {
    seed()
    const actions = (filter: Parameters<AuditLog['query']>[0]) =>
      log.query(filter).entries.map((e) => e.id)

    expect(actions({ limit: 50, actorId: 'u1' })).toEqual([4, 3, 1])
    expect(actions({ limit: 50, action: 'container.stop', hostId: 'h1' })).toEqual([4, 1])
    expect(actions({ limit: 50, status: 403 })).toEqual([2])
    expect(actions({ limit: 50, since: 3_000, until: 5_000 })).toEqual([3, 2])
  })

  it('pages backwards with before and says when there is no more', () => {
    seed()

    const first = log.query({ limit: 2 })
    const second = log.query({ limit: 2, before: first.nextBefore ?? 0 })
    const last = log.query({ limit: 2, before: second.nextBefore ?? 0 })

    expect(first.entries.map((e) => e.id)).toEqual([5, 4])
    expect(second.entries.map((e) => e.id)).toEqual([3, 2])
    expect(last).toMatchObject({ entries: [{ id: 1 }], nextBefore: null })
  })

  it('stores oversized parameters as a marker', () => {
    log.record({
      action: 'image.build',
      status: 200,
      parameters: { dockerfile: 'x'.repeat(10_000) },
    })

    expect(log.query({ limit: 1 }).entries[0]?.parameters).toEqual({ truncated: true })
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SECRET_ENV_PATTERNS } from '@harbormaster/contract'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, migrate } from '../db/database.ts'
import { MIGRATIONS } from '../db/migrations.ts'
import { HostStore, secretEnvPatternsOf } from './host-store.ts'

let dir: string
let db: Db
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-host-store-'))
  db = new Database(join(dir, 'harbormaster.db'))
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("a host's secret environment patterns", () => {
  it('are the defaults for a host stored before they existed, once the database is migrated', () => {
    db.exec(MIGRATIONS[0] ?? '')
    db.pragma('user_version = 1')
    db.prepare(
      `INSERT INTO hosts (id, name, address, created_at, updated_at) VALUES ('old', 'old', 'unix:///x', 0, 0)`,
    ).run()

    migrate(db)
    const host = new HostStore(db).get('old')

    expect(host?.secretEnvPatterns).toBeUndefined()
    expect(host && secretEnvPatternsOf(host)).toEqual(DEFAULT_SECRET_ENV_PATTERNS)
  })

  it('are stored when given, kept by updates that leave them out, and replaced by those that name them', () => {
    migrate(db)
    const store = new HostStore(db)
    store.create({ id: 'h', name: 'h', address: 'unix:///x', allowedBindPrefixes: [] })
    store.create({
      id: 'mine',
      name: 'mine',
      address: 'unix:///x',
      allowedBindPrefixes: [],
      secretEnvPatterns: ['*_PIN'],
    })

    store.update('mine', { name: 'renamed' })
    store.setConnection('mine', 'unix:///y', undefined)
    const kept = store.get('mine')
    store.update('h', { secretEnvPatterns: [] })

    expect(kept?.secretEnvPatterns).toEqual(['*_PIN'])
    expect(store.get('h')?.secretEnvPatterns).toEqual([])
  })
})

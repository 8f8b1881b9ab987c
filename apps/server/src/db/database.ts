import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.ts'

export type Db = Database.Database

/**
 * Opens (creating if needed) the SQLite database in the data directory and brings its schema up
 * to date. WAL keeps readers unblocked by writers and survives a crash of the process without
 * losing committed transactions; `synchronous = NORMAL` is the documented safe pairing with WAL
 * (an OS crash or power loss may lose the latest transactions, never the database).
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, 'harbormaster.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

/** Applies every migration newer than the database's `user_version`, each in a transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const [index, sql] of MIGRATIONS.entries()) {
    const version = index + 1
    if (version <= current) continue
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version}`)
    })()
  }
}

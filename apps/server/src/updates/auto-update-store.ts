import type { Db } from '../db/database.ts'

/** The stacks whose containers are updated automatically (a row: on; gone with the stack). */
export class StackAutoUpdates {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  isOn(hostId: string, name: string): boolean {
    const row = this.#db
      .prepare('SELECT 1 AS on_ FROM stack_auto_updates WHERE host_id = ? AND name = ?')
      .get(hostId, name)
    return row !== undefined
  }

  /** The stored stack must exist (a foreign key): the route checks it first. */
  set(hostId: string, name: string, on: boolean, by: string, now = Date.now()): void {
    if (!on) {
      this.#db
        .prepare('DELETE FROM stack_auto_updates WHERE host_id = ? AND name = ?')
        .run(hostId, name)
      return
    }
    this.#db
      .prepare(
        `INSERT INTO stack_auto_updates (host_id, name, set_by, set_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (host_id, name) DO UPDATE SET set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(hostId, name, by, now)
  }
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Db, openDatabase } from '../../db/database.ts'
import { BatchedWrites } from './batched-writes.ts'

describe('batched history writes', () => {
  let dir: string | undefined
  const open = (): Db => {
    dir = mkdtempSync(join(tmpdir(), 'hm-batched-'))
    const db = openDatabase(dir)
    db.exec('CREATE TABLE samples (n INTEGER NOT NULL)')
    return db
  }
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  it('writes the rows that arrive within an interval in one transaction', async () => {
    const db = open()
    const batches: number[] = []
    const writes = new BatchedWrites<number>({
      db,
      logger: pino({ level: 'silent' }),
      kind: 'samples',
      intervalMs: 50,
      write: (rows) => {
        batches.push(rows.length)
        const insert = db.prepare('INSERT INTO samples (n) VALUES (?)')
        for (const row of rows) insert.run(row)
      },
    })
    for (let n = 0; n < 500; n += 1) writes.add(n)

    await vi.waitFor(() => {
      expect(batches).toEqual([500])
    })
    expect(db.prepare('SELECT count(*) AS n FROM samples').get()).toEqual({ n: 500 })
    db.close()
  })

  it('drops the oldest rows beyond its bound, and a failed write loses its rows only', () => {
    const db = open()
    const logger = pino({ level: 'silent' })
    const warn = vi.spyOn(logger, 'warn')
    let fail = true
    const writes = new BatchedWrites<number>({
      db,
      logger,
      kind: 'samples',
      maxPending: 3,
      write: (rows) => {
        if (fail) throw new Error('disk full')
        const insert = db.prepare('INSERT INTO samples (n) VALUES (?)')
        for (const row of rows) insert.run(row)
      },
    })
    for (const n of [1, 2, 3, 4, 5]) writes.add(n)
    expect(writes.pending).toBe(3)
    writes.flush()
    fail = false
    writes.add(6)
    writes.close()
    writes.add(7)

    expect(db.prepare('SELECT n FROM samples').all()).toEqual([{ n: 6 }])
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'samples', dropped: 2 }),
      expect.any(String),
    )
    db.close()
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../db/database.ts'
import type { ApiError } from '../platform/errors.ts'
import { StackStore } from './stack-store.ts'

describe('StackStore, on a real SQLite file', () => {
  let dir: string
  let db: Db
  let store: StackStore
  const alice = { id: 'u-alice', name: 'alice' }
  const bob = { id: 'u-bob', name: 'bob' }
  const web = { hostId: 'local', name: 'web' }
  const files = (compose: string) => ({ compose, env: 'A=1\n' })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hm-stack-store-'))
    db = openDatabase(dir)
    store = new StackStore(db)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('stores a new stack as version 1 with its labels and author', () => {
    const stored = store.create({ ...web, labels: { team: 'a' } }, files('v1'), alice)

    expect(stored).toMatchObject({ version: 1, compose: 'v1', env: 'A=1\n', savedBy: 'alice' })
    expect(store.get('local', 'web')).toMatchObject({
      name: 'web',
      labels: { team: 'a' },
      createdBy: 'alice',
      saved: { version: 1, by: 'alice' },
    })
    expect(store.get('other-host', 'web')).toBeUndefined()
  })

  it('refuses a second stack of the same name on a host (409), not on another host', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)

    expect(() => store.create({ ...web, labels: {} }, files('again'), bob)).toThrow(
      expect.objectContaining({ status: 409 }) as ApiError,
    )
    expect(store.create({ hostId: 'h2', name: 'web', labels: {} }, files('x'), bob).version).toBe(1)
  })

  it('saves over the version it started from, and refuses a save over a stale one (409)', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)
    const second = store.save(web, 1, { ...files('v2'), comment: 'bump' }, bob)

    expect(second).toMatchObject({ version: 2, comment: 'bump', savedBy: 'bob' })
    // Alice's editor still holds version 1: her save must not overwrite Bob's.
    expect(() => store.save(web, 1, files('alice-v2'), alice)).toThrow(/Version 2 .* version 1/)
    expect(store.latest('local', 'web')?.compose).toBe('v2')
    expect(() => store.save({ hostId: 'local', name: 'nope' }, 1, files('x'), bob)).toThrow(
      /No such stack/,
    )
  })

  it('keeps every version, newest first, each as it was saved', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)
    store.save(web, 1, files('v2'), bob)
    store.save(web, 2, files('v3'), alice)

    expect(store.versions('local', 'web').map((v) => [v.version, v.savedBy])).toEqual([
      [3, 'alice'],
      [2, 'bob'],
      [1, 'alice'],
    ])
    expect(store.version('local', 'web', 2)?.compose).toBe('v2')
    expect(store.version('local', 'web', 9)).toBeUndefined()
  })

  it('never lets a stored version change, even by hand in SQL', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)

    expect(() =>
      db.prepare("UPDATE stack_versions SET compose = 'changed' WHERE name = 'web'").run(),
    ).toThrow(/immutable/)
    expect(store.version('local', 'web', 1)?.compose).toBe('v1')
  })

  it('stores nothing when writing the files fails inside the save', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)
    const failing = () => {
      throw new Error('disk full')
    }

    expect(() => store.save(web, 1, files('v2'), bob, failing)).toThrow('disk full')
    expect(store.versions('local', 'web')).toHaveLength(1)
    expect(() =>
      store.create({ hostId: 'local', name: 'x', labels: {} }, files('x'), bob, failing),
    ).toThrow()
    expect(store.get('local', 'x')).toBeUndefined()
  })

  it('records deploys of stored versions and lists the latest with the stack', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)
    store.save(web, 1, files('v2'), bob)

    store.recordDeploy(web, 2, bob, 1000)
    store.recordDeploy(web, 1, alice, 2000)

    expect(store.list('local')[0]?.deployed).toEqual({ version: 1, at: 2000, by: 'alice' })
    expect(() => store.recordDeploy(web, 7, bob)).toThrow(/No version 7/)
  })

  it('forgets a stack with its versions and deploys', () => {
    store.create({ ...web, labels: {} }, files('v1'), alice)
    store.recordDeploy(web, 1, alice)
    let removedFiles = false

    expect(store.remove('local', 'web', () => (removedFiles = true))).toBe(true)
    expect(removedFiles).toBe(true)
    expect(store.get('local', 'web')).toBeUndefined()
    expect(store.versions('local', 'web')).toEqual([])
    expect(db.prepare('SELECT COUNT(*) AS n FROM stack_deploys').get()).toEqual({ n: 0 })
    expect(store.remove('local', 'web')).toBe(false)
    // The name is free again: a new stack starts at version 1.
    expect(store.create({ ...web, labels: {} }, files('new'), bob).version).toBe(1)
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../db/database.ts'
import { CapsuleStore, HELD_PER_HOST, type NewCapsule } from './capsule-store.ts'
import { LogRings } from './log-rings.ts'
import { LogWindow } from './log-window.ts'

const DAY_MS = 86_400_000
const MAX_BYTES = 2 * 1024 * 1024

/** A capsule with about 64 KiB of log lines. */
function capsule(n: number, capturedAt: number): NewCapsule {
  return {
    hostId: 'local',
    containerId: `c${n}`,
    name: `web-${n % 7}`,
    reason: 'exit',
    exitCode: 1,
    oomKilled: false,
    startedAt: null,
    finishedAt: null,
    image: 'busybox',
    imageId: null,
    imageDigests: [],
    labels: { team: n % 2 === 0 ? 'a' : 'b' },
    inspect: { Id: `c${n}`, Config: { Env: ['A=[masked]'] } },
    log: Array.from({ length: 256 }, (_, i) => ({
      stream: 'stdout' as const,
      text: `${n}:${i} ${'x'.repeat(240)}`,
    })),
    logSource: 'engine',
    notes: [],
    dieEvent: null,
    capturedAt,
  }
}

/** Pages holding data: the file's size less the free pages SQLite will reuse. */
const usedPages = (db: Db) =>
  (db.pragma('page_count', { simple: true }) as number) -
  (db.pragma('freelist_count', { simple: true }) as number)

describe('capsule storage bounds', () => {
  let dir: string | undefined
  const open = (): Db => {
    dir = mkdtempSync(join(tmpdir(), 'hm-capsules-'))
    return openDatabase(dir)
  }
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  it('holds the size bound, oldest first, and the database stops growing', () => {
    const db = open()
    const store = new CapsuleStore(db)
    const bounds = { maxAgeMs: 30 * DAY_MS, maxBytes: MAX_BYTES }
    const now = Date.now()
    const fill = (from: number) => {
      for (let n = from; n < from + 100; n++) {
        store.insert(capsule(n, now + n))
        if (n % 10 === 0) store.prune(now + n, bounds)
      }
      store.prune(now + from + 100, bounds)
    }

    fill(0)
    expect(store.totalBytes()).toBeLessThanOrEqual(MAX_BYTES)
    expect(store.totalBytes()).toBeGreaterThan(MAX_BYTES / 2)
    const afterFirst = usedPages(db)
    // Newest kept: the oldest went first.
    const listed = store.list('local', () => true, { limit: 500 })
    expect(listed[0]?.containerId).toBe('c99')
    expect(listed.some((c) => c.containerId === 'c0')).toBe(false)

    fill(100)
    fill(200)
    expect(store.totalBytes()).toBeLessThanOrEqual(MAX_BYTES)
    // Freed pages are reused: what holds data stays within a few pages of the first fill.
    expect(usedPages(db)).toBeLessThanOrEqual(afterFirst * 1.1)
    const fileBytes = (db.pragma('page_count', { simple: true }) as number) * 4096
    fill(300)
    expect((db.pragma('page_count', { simple: true }) as number) * 4096).toBeLessThanOrEqual(
      fileBytes * 1.1,
    )
  })

  it('removes capsules past their age, and keeps held snapshots bounded per host', () => {
    const db = open()
    const store = new CapsuleStore(db)
    const now = Date.now()
    store.insert(capsule(1, now - 31 * DAY_MS))
    store.insert(capsule(2, now - DAY_MS))
    expect(store.prune(now, { maxAgeMs: 30 * DAY_MS, maxBytes: MAX_BYTES })).toBe(1)
    expect(store.list('local', () => true, { limit: 10 }).map((c) => c.containerId)).toEqual(['c2'])

    for (let n = 0; n < HELD_PER_HOST + 20; n++) store.insert(capsule(1000 + n, now + n), true)
    expect(store.heldContainers('local')).toHaveLength(HELD_PER_HOST)
    // Held snapshots are hidden from the list.
    expect(store.list('local', () => true, { limit: 500 })).toHaveLength(1)
  })

  it('keeps a ring to its last lines and bytes, whatever was written', () => {
    const db = open()
    const rings = new LogRings(db, pino({ level: 'silent' }))
    const window = new LogWindow({ lines: 50, bytes: 4096 })
    for (let seq = 1; seq <= 1000; seq++) {
      const line = { stream: 'stdout' as const, text: `line ${seq}` }
      window.add(line)
      rings.add('local', 'c1', seq, line, Math.max(1, seq - 49))
    }
    const kept = rings.read('local', 'c1')
    expect(kept).toHaveLength(50)
    expect(kept.at(-1)?.text).toBe('line 1000')
    expect(window.lines()).toEqual(kept)
    rings.close()
  })

  it('keeps the last lines of a window within its byte limit, cutting a line too long to its end', () => {
    const window = new LogWindow({ lines: 500, bytes: 1024 })
    for (let i = 0; i < 100; i++) window.add({ stream: 'stderr', text: `${i} ${'y'.repeat(90)}` })
    expect(window.lines().at(-1)?.text.startsWith('99 ')).toBe(true)
    const bytes = window.lines().reduce((sum, line) => sum + Buffer.byteLength(line.text) + 1, 0)
    expect(bytes).toBeLessThanOrEqual(1024)
    window.add({ stream: 'stdout', text: `${'é'.repeat(2000)}END` })
    expect(window.lines()).toHaveLength(1)
    expect(window.lines()[0]?.text.endsWith('END')).toBe(true)
    expect(Buffer.byteLength(window.lines()[0]?.text ?? '')).toBeLessThan(1024)
  })
})

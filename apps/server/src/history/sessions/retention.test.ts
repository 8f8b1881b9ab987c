import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../db/database.ts'
import { HistorySettingsStore } from '../settings/index.ts'
import type { RetentionBounds } from './retention.ts'
import type { SessionStart } from './session-store.ts'
import { TerminalSessions } from './terminal-sessions.ts'

const MB = 1024 * 1024
const DAY = 86_400_000
const bounds: RetentionBounds = {
  rowMaxAgeMs: 365 * DAY,
  rowMaxCount: 2000,
  recordingMaxAgeMs: 30 * DAY,
  recordingMaxBytes: 2 * MB,
}

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function open(dataDir = mkdtempSync(join(tmpdir(), 'hm-sessions-'))) {
  dirs.push(dataDir)
  const db = openDatabase(dataDir)
  dbs.push(db)
  const sessions = new TerminalSessions({
    db,
    logger: pino({ level: 'silent' }),
    dataDir,
    settings: new HistorySettingsStore(db),
    causeOf: () => undefined,
    bounds,
  })
  return { db, sessions, dataDir }
}

let serial = 0
/** A finished session started `ageMs` ago, with a synthetic cast of `castBytes` when > 0. */
function fill(sessions: TerminalSessions, now: number, ageMs: number, castBytes = 0): string {
  const id = `s-${++serial}`
  const file = castBytes > 0 ? `${id}.cast` : null
  if (file) writeFileSync(join(sessions.recordingsDir, file), Buffer.alloc(castBytes, 0x61))
  const start: SessionStart = {
    id,
    kind: 'exec',
    hostId: 'local',
    containerId: 'c'.repeat(64),
    containerName: 'web-1',
    containerLabels: { team: 'a', 'com.docker.compose.project': 'shop' },
    userId: 'u-1',
    userName: 'alice',
    command: ['/bin/sh', '-c', 'x'.repeat(200)],
    execUser: null,
    execUserEffective: 'root',
    startedAt: now - ageMs,
    recording: file ? 'output' : 'off',
    recordingFile: file,
  }
  const end = {
    id,
    endedAt: now - ageMs + 1000,
    exitCode: 0,
    bytesIn: 10,
    bytesOut: 100,
    endedHow: 'exited' as const,
    recordingBytes: castBytes,
    recordingNote: null,
  }
  sessions.store.write([
    { op: 'start', row: start },
    { op: 'end', row: end },
  ])
  return id
}

const usedPages = (db: Db) =>
  (db.pragma('page_count', { simple: true }) as number) -
  (db.pragma('freelist_count', { simple: true }) as number)
const castBytesOnDisk = (dir: string) =>
  readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0)

describe('terminal session retention', () => {
  it('deletes the oldest recordings past the size bound, and recordings past their age', () => {
    const { sessions } = open()
    const now = Date.now()
    const ids = Array.from({ length: 40 }, (_, i) => fill(sessions, now, (40 - i) * 60_000, MB / 8))
    const old = fill(sessions, now, 31 * DAY, 1000)

    sessions.prune(now)

    expect(castBytesOnDisk(sessions.recordingsDir)).toBeLessThanOrEqual(bounds.recordingMaxBytes)
    const kept = ids.filter((id) => sessions.store.get(id)?.session.recordingAvailable)
    // The newest 16 eighths of a MiB fit in 2 MiB: the others went, oldest first.
    expect(kept).toEqual(ids.slice(-16))
    expect(sessions.store.get(ids[0]!)?.session.recordingNote).toMatch(/size bound/)
    expect(sessions.store.get(old)?.session).toMatchObject({
      recordingAvailable: false,
      recordingNote: 'recording deleted: past its age',
    })
  })

  it('deletes rows past their age and past the row bound; the database stops growing', () => {
    const { db, sessions } = open()
    const now = Date.now()
    const round = () => {
      for (let i = 0; i < 3000; i++) fill(sessions, now, i * 1000)
      for (let i = 0; i < 200; i++) fill(sessions, now, 400 * DAY + i)
      sessions.prune(now)
    }

    round()
    const rows = () =>
      (db.prepare('SELECT count(*) AS n FROM terminal_sessions').get() as { n: number }).n
    expect(rows()).toBe(bounds.rowMaxCount)
    const afterFirst = usedPages(db)
    round()
    round()

    expect(rows()).toBe(bounds.rowMaxCount)
    // Freed pages are reused: a second and third fill take no more room than the first.
    expect(usedPages(db)).toBeLessThanOrEqual(afterFirst * 1.05)
  })

  it('marks the sessions a crash left open as ended: unknown, and removes files no row names', async () => {
    const first = open()
    const now = Date.now()
    first.sessions.store.write([
      {
        op: 'start',
        row: {
          id: 'crashed',
          kind: 'attach',
          hostId: 'local',
          containerId: 'c1',
          containerName: 'db',
          containerLabels: {},
          userId: 'u-1',
          userName: 'alice',
          command: ['attach'],
          execUser: null,
          execUserEffective: 'root',
          startedAt: now,
          recording: 'off',
          recordingFile: null,
        },
      },
    ])
    writeFileSync(join(first.sessions.recordingsDir, 'stray.cast'), 'x')
    await first.sessions.close()
    first.db.close()
    dbs.splice(dbs.indexOf(first.db), 1)

    const second = open(first.dataDir)

    expect(second.sessions.store.get('crashed')?.session.endedHow).toBe('unknown')
    expect(readdirSync(second.sessions.recordingsDir)).toEqual([])
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EngineEvent } from '@harbormaster/engine'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_TIMELINE_MAX_EVENTS } from '../../config.ts'
import { type Db, openDatabase } from '../../db/database.ts'
import { HostRegistry } from '../../hosts/index.ts'
import { TimelineService } from './timeline-service.ts'
import type { TimelineBounds } from './timeline-store.ts'

const DAY_MS = 86_400_000
const logger = pino({ level: 'silent' })

const LIFECYCLE = ['create', 'start', 'kill', 'die', 'stop', 'destroy'] as const

/**
 * The n-th event of a churning compose project: each container lives one lifecycle (six events)
 * and is replaced by a new one (another config hash, so another set of attributes). The engine
 * puts every label in the attributes (compose's own and the image's OCI labels): most of a row.
 */
function composeEvent(n: number, atMs: number): EngineEvent {
  const container = Math.floor(n / LIFECYCLE.length)
  const project = `shop-${String(container % 7)}`
  const action = LIFECYCLE[n % LIFECYCLE.length] ?? 'start'
  const attributes: Record<string, string> = {
    name: `${project}-web-${String(container % 50)}`,
    image: 'registry.example.com/shop/web:2024.11.3',
    'com.docker.compose.config-hash': container.toString(16).padStart(64, 'a'),
    'com.docker.compose.container-number': '1',
    'com.docker.compose.depends_on': 'db:service_started:false,cache:service_started:false',
    'com.docker.compose.image': `sha256:${'b'.repeat(64)}`,
    'com.docker.compose.oneoff': 'False',
    'com.docker.compose.project': project,
    'com.docker.compose.project.config_files': `/srv/stacks/${project}/compose.yaml`,
    'com.docker.compose.project.working_dir': `/srv/stacks/${project}`,
    'com.docker.compose.service': 'web',
    'com.docker.compose.version': '2.29.7',
    'org.opencontainers.image.source': 'https://github.com/example/shop',
    'org.opencontainers.image.revision': 'c'.repeat(40),
    'org.opencontainers.image.created': '2024-11-03T10:11:12Z',
    team: `team-${String(container % 3)}`,
    ...(action === 'die' ? { exitCode: '0' } : {}),
  }
  const timeNano = `${String(atMs)}${String(n % 1_000_000).padStart(6, '0')}`
  return {
    type: 'container',
    action,
    actorId: container.toString(16).padStart(64, '0'),
    attributes,
    scope: 'local',
    timeNano,
    time: Math.floor(atMs / 1000),
  }
}

describe('the timeline table', () => {
  let dir: string | undefined
  let service: TimelineService | undefined
  let db: Db | undefined
  const open = (bounds: TimelineBounds, now?: () => number) => {
    dir = mkdtempSync(join(tmpdir(), 'hm-timeline-'))
    db = openDatabase(dir)
    const hosts = new HostRegistry(logger, { statsMaxStreams: 1 })
    service = new TimelineService({ db, hosts, logger, bounds, ...(now ? { now } : {}) })
    return { db, service }
  }
  afterEach(() => {
    service?.stop()
    db?.close()
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  it('writes a flood of events that arrive within a second in one transaction', async () => {
    const { db, service } = open({ retentionDays: 30, maxEvents: 100_000 })
    const now = Date.now()
    for (let n = 0; n < 2000; n += 1) service.record('local', composeEvent(n, now))

    await vi.waitFor(() => {
      expect(db.prepare('SELECT count(*) AS n FROM timeline_events').get()).toEqual({ n: 2000 })
    }, 10_000)
    expect(service.batches).toBe(1)
  })

  it('keeps an event the engine replays once (a restart resumes two seconds back)', () => {
    const { service } = open({ retentionDays: 30, maxEvents: 100_000 })
    const event = composeEvent(1, Date.now())
    service.record('local', event)
    service.flush()
    service.record('local', { ...event })
    service.flush()

    expect(service.store.count()).toBe(1)
  })

  it('holds the age and count bounds, oldest first, and the file stops growing', () => {
    let clock = Date.now()
    const { db, service } = open({ retentionDays: 30, maxEvents: 5000 }, () => clock)
    const used = () =>
      (db.pragma('page_count', { simple: true }) as number) -
      (db.pragma('freelist_count', { simple: true }) as number)
    const fill = (from: number, count: number, atMs: (n: number) => number) => {
      for (let n = from; n < from + count; n += 1) service.record('local', composeEvent(n, atMs(n)))
      service.flush()
    }

    // Past the age bound: 40 days old, then 8,000 recent ones (past the count bound).
    fill(0, 1000, () => clock - 40 * DAY_MS)
    fill(1000, 8000, (n) => clock - 9000 + n)
    service.prune()
    expect(service.store.count()).toBe(5000)
    const oldest = db.prepare('SELECT min(time_ms) FROM timeline_events').pluck().get()
    expect(oldest).toBe(clock - 9000 + 4000)
    const afterFirst = used()

    // Another fill of the same size a day later: freed pages are reused, the file holds still.
    clock += DAY_MS
    fill(20_000, 8000, (n) => clock - 30_000 + n)
    service.prune()
    expect(service.store.count()).toBe(5000)
    expect(used()).toBeLessThanOrEqual(afterFirst * 1.05)

    // A month later everything has aged out.
    clock += 31 * DAY_MS
    service.prune()
    expect(service.store.count()).toBe(0)
  })

  it('keeps the default count bound well under 100 MB at a measured row size', () => {
    const { db, service } = open({ retentionDays: 30, maxEvents: 1_000_000 })
    const before =
      (db.pragma('page_count', { simple: true }) as number) -
      (db.pragma('freelist_count', { simple: true }) as number)
    const rows = 20_000
    const now = Date.now()
    for (let n = 0; n < rows; n += 1) service.record('local', composeEvent(n, now - rows + n))
    service.flush()
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const after =
      (db.pragma('page_count', { simple: true }) as number) -
      (db.pragma('freelist_count', { simple: true }) as number)
    const bytesPerRow = ((after - before) * pageSize) / rows

    // Measured: ~650 bytes an event, indexes and its share of the attribute sets included.
    expect(bytesPerRow).toBeGreaterThan(300)
    expect(bytesPerRow * DEFAULT_TIMELINE_MAX_EVENTS).toBeLessThan(60 * 1024 * 1024)
  })
})

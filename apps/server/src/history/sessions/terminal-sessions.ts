import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import type { Db } from '../../db/database.ts'
import type { TerminalSessionInfo as SessionInfo, TerminalTap } from '../../exec/index.ts'
import { sendMessage } from '../../platform/live-route.ts'
import type { LiveCloseCause } from '../../platform/live-sockets.ts'
import type { HistorySettingsStore } from '../settings/index.ts'
import { BatchedWrites } from '../storage/batched-writes.ts'
import { CastWriter } from './cast-writer.ts'
import { type RetentionBounds, pruneSessions } from './retention.ts'
import { type SessionWrite, SessionStore } from './session-store.ts'
import { SessionTap } from './session-tap.ts'

export interface TerminalSessionsOptions {
  db: Db
  logger: Logger
  dataDir: string
  settings: HistorySettingsStore
  causeOf: (ws: WebSocket) => LiveCloseCause | undefined
  bounds: RetentionBounds
}

const PRUNE_EVERY_MS = 60_000

/**
 * The terminal session audit: a row per exec or attach, written when it starts (so a crash
 * leaves it, marked 'unknown' at the next start) and completed when it ends, in batches; and,
 * when the host's setting says so, the session's asciicast recording under
 * <dataDir>/recordings. Bounded by age and size, pruned at start and once a minute. It never
 * calls the engine: it only hears what the sessions themselves relay.
 */
export class TerminalSessions {
  readonly store: SessionStore
  readonly recordingsDir: string
  readonly #options: TerminalSessionsOptions
  readonly #writes: BatchedWrites<SessionWrite>
  readonly #open = new Set<SessionTap>()
  readonly #pruning: NodeJS.Timeout

  constructor(options: TerminalSessionsOptions) {
    this.#options = options
    this.store = new SessionStore(options.db)
    this.recordingsDir = join(options.dataDir, 'recordings')
    mkdirSync(this.recordingsDir, { recursive: true, mode: 0o700 })
    this.#writes = new BatchedWrites({
      db: options.db,
      logger: options.logger,
      kind: 'terminal sessions',
      write: (rows) => {
        this.store.write(rows)
      },
    })
    this.store.markUnfinished()
    this.prune()
    this.#pruning = setInterval(() => {
      this.prune()
    }, PRUNE_EVERY_MS)
    this.#pruning.unref()
  }

  /**
   * Starts a session's row (and its recording, telling the browser first) and returns what the
   * session reports to as it runs.
   */
  begin(info: SessionInfo, browser: WebSocket): TerminalTap {
    const id = randomUUID()
    const mode = this.#options.settings.get(info.hostId).recording
    const recordingFile = mode === 'off' ? null : `${id}.cast`
    const cast = this.#castFor(info, recordingFile, mode === 'output-and-input')
    if (cast) sendMessage(browser, { type: 'recording', mode: mode === 'off' ? 'output' : mode })
    this.#writes.add({
      op: 'start',
      row: {
        id,
        kind: info.kind,
        hostId: info.hostId,
        containerId: info.container.id,
        containerName: info.container.name,
        containerLabels: info.container.labels,
        userId: info.caller?.userId ?? null,
        userName: info.caller?.username ?? '',
        command: info.command,
        execUser: info.execUser ?? null,
        execUserEffective: effectiveUser(info),
        startedAt: Date.now(),
        recording: cast ? mode : 'off',
        recordingFile: cast ? recordingFile : null,
      },
    })
    const tap: SessionTap = new SessionTap({
      id,
      browser,
      cast,
      causeOf: this.#options.causeOf,
      finish: (end) => {
        this.#open.delete(tap)
        this.#writes.add({ op: 'end', row: end })
      },
    })
    this.#open.add(tap)
    return tap
  }

  /** Writes what is pending now (a reader that must see the latest rows). */
  flush(): void {
    this.#writes.flush()
  }

  prune(now = Date.now()): void {
    try {
      this.flush()
      pruneSessions(this.#options.db, this.recordingsDir, this.#options.bounds, now)
    } catch (err) {
      this.#options.logger.warn({ err }, 'terminal sessions not pruned')
    }
  }

  /** Completes the sessions still open (the server is stopping) and writes every row. */
  async close(): Promise<void> {
    clearInterval(this.#pruning)
    await Promise.all([...this.#open].map((tap) => tap.finish()))
    this.#writes.close()
  }

  #castFor(info: SessionInfo, file: string | null, withInput: boolean): CastWriter | undefined {
    if (file === null) return undefined
    try {
      return new CastWriter({
        path: join(this.recordingsDir, file),
        header: { width: info.cols, height: info.rows, title: titleOf(info) },
        withInput,
        maxBytes: this.#options.bounds.recordingMaxBytes,
      })
    } catch (err) {
      this.#options.logger.warn({ err }, 'terminal recording not started')
      return undefined
    }
  }
}

/** The user the process runs as: the one asked for, else the container's, else root. */
function effectiveUser(info: SessionInfo): string {
  return info.execUser || info.container.user || 'root'
}

function titleOf(info: SessionInfo): string {
  const who = info.caller?.username ?? 'unknown'
  return `${who} @ ${info.hostId}/${info.container.name}: ${info.command.join(' ')}`
}

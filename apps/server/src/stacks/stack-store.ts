import type { StackTarget } from '@harbormaster/contract'
import type { Db } from '../db/database.ts'
import { ApiError } from '../platform/errors.ts'

/** Who saved or deployed: the user's id (absent once unknown) and name as it was then. */
export interface StackAuthor {
  id?: string
  name: string
}

/** When and by whom something happened to a version (Unix milliseconds). */
export interface VersionStamp {
  version: number
  at: number
  by: string
}

/** A stack the server keeps: its identity, the labels of its objects, its latest stamps. */
export interface StoredStack {
  hostId: string
  name: string
  /** Every object of the stack carries these (a scoped creator's scope among them). */
  labels: Record<string, string>
  /** Containers of one engine (`compose`) or services of a swarm (`swarm`). */
  target: StackTarget
  createdAt: number
  createdBy: string
  /** The latest saved version (there is always one: creation saves version 1). */
  saved: VersionStamp
  /** The latest deploy, once the planner has recorded one. */
  deployed?: VersionStamp
}

/** The files of a stack as one version saved them. */
export interface StackFilesText {
  compose: string
  env: string
}

export interface StoredVersion extends StackFilesText {
  version: number
  comment?: string
  savedAt: number
  savedBy: string
}

export type VersionSummary = Omit<StoredVersion, keyof StackFilesText>

/**
 * Called inside the transaction that stores a version, with what was stored: the stack's
 * directory is written there, so a failed write stores nothing.
 */
export type OnStored = (stored: StoredVersion) => void

interface StackRow {
  host_id: string
  name: string
  labels: string
  target: string
  created_at: number
  created_by: string
  saved_version: number
  saved_at: number
  saved_by: string
  deployed_version: number | null
  deployed_at: number | null
  deployed_by: string | null
}

interface VersionRow {
  version: number
  compose?: string
  env?: string
  comment: string | null
  saved_at: number
  saved_by: string
}

const STACK_COLUMNS = `
  s.host_id, s.name, s.labels, s.target, s.created_at, s.created_by,
  v.version AS saved_version, v.saved_at, v.saved_by,
  d.version AS deployed_version, d.deployed_at, d.deployed_by`

/** Each stack with its newest version and its newest deploy, if any. */
const STACK_SELECT = `
  SELECT ${STACK_COLUMNS}
  FROM stacks s
  JOIN stack_versions v ON v.host_id = s.host_id AND v.name = s.name
    AND v.version = (SELECT MAX(version) FROM stack_versions
                     WHERE host_id = s.host_id AND name = s.name)
  LEFT JOIN stack_deploys d ON d.id = (SELECT MAX(id) FROM stack_deploys
                                       WHERE host_id = s.host_id AND name = s.name)`

/**
 * Stacks in SQLite: one row per stack and host, one immutable row per saved version (a trigger
 * refuses updates), and deploy stamps. A save names the version it started from and fails with
 * a 409 when another was saved since, inside the transaction that would add it, so two
 * editors can never overwrite each other silently.
 */
export class StackStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(hostId: string): StoredStack[] {
    const rows = this.#db
      .prepare<[string], StackRow>(`${STACK_SELECT} WHERE s.host_id = ? ORDER BY s.name`)
      .all(hostId)
    return rows.map(toStoredStack)
  }

  get(hostId: string, name: string): StoredStack | undefined {
    const row = this.#db
      .prepare<[string, string], StackRow>(`${STACK_SELECT} WHERE s.host_id = ? AND s.name = ?`)
      .get(hostId, name)
    return row && toStoredStack(row)
  }

  /** Stores a new stack as version 1; a 409 when one of that name is stored on the host. */
  create(
    stack: {
      hostId: string
      name: string
      labels: Record<string, string>
      target?: StackTarget | undefined
    },
    files: StackFilesText & { comment?: string | undefined },
    author: StackAuthor,
    onStored: OnStored = () => undefined,
  ): StoredVersion {
    return this.#db.transaction(() => {
      if (this.#latestVersion(stack.hostId, stack.name) !== undefined) {
        throw new ApiError(409, 'conflict', `A stack named ${stack.name} exists on this host`)
      }
      const at = Date.now()
      this.#db
        .prepare(
          `INSERT INTO stacks
             (host_id, name, labels, target, created_at, created_by, created_by_id)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          stack.hostId,
          stack.name,
          JSON.stringify(stack.labels),
          stack.target ?? 'compose',
          at,
          author.name,
          author.id ?? null,
        )
      return this.#insertVersion(stack.hostId, stack.name, 1, files, author, at, onStored)
    })()
  }

  /**
   * Stores the next version over `baseVersion`: a 409 when a newer one was saved meanwhile,
   * a 404 when the stack is not stored.
   */
  save(
    stack: { hostId: string; name: string },
    baseVersion: number,
    files: StackFilesText & { comment?: string | undefined },
    author: StackAuthor,
    onStored: OnStored = () => undefined,
  ): StoredVersion {
    return this.#db.transaction(() => {
      const latest = this.#latestVersion(stack.hostId, stack.name)
      if (latest === undefined) throw notStored(stack.name)
      if (latest !== baseVersion) {
        throw new ApiError(
          409,
          'conflict',
          `Version ${latest} of ${stack.name} was saved after version ${baseVersion}, which this ` +
            'save started from: load it, then save again',
        )
      }
      const at = Date.now()
      return this.#insertVersion(stack.hostId, stack.name, latest + 1, files, author, at, onStored)
    })()
  }

  /** Newest first. */
  versions(hostId: string, name: string): VersionSummary[] {
    return this.#db
      .prepare<[string, string], VersionRow>(
        `SELECT version, comment, saved_at, saved_by FROM stack_versions
         WHERE host_id = ? AND name = ? ORDER BY version DESC`,
      )
      .all(hostId, name)
      .map(toVersionSummary)
  }

  version(hostId: string, name: string, version: number): StoredVersion | undefined {
    const row = this.#db
      .prepare<[string, string, number], VersionRow>(
        `SELECT version, compose, env, comment, saved_at, saved_by FROM stack_versions
         WHERE host_id = ? AND name = ? AND version = ?`,
      )
      .get(hostId, name, version)
    return row && toStoredVersion(row)
  }

  latest(hostId: string, name: string): StoredVersion | undefined {
    const version = this.#latestVersion(hostId, name)
    return version === undefined ? undefined : this.version(hostId, name, version)
  }

  /**
   * Forgets a stack, its versions and deploys. `onRemoved` runs inside the transaction (the
   * directory is removed there). False when nothing was stored.
   */
  remove(hostId: string, name: string, onRemoved: () => void = () => undefined): boolean {
    return this.#db.transaction(() => {
      const { changes } = this.#db
        .prepare('DELETE FROM stacks WHERE host_id = ? AND name = ?')
        .run(hostId, name)
      if (changes > 0) onRemoved()
      return changes > 0
    })()
  }

  /** The planner's record of a deploy of `version` (up, redeploy, rollback). */
  recordDeploy(
    stack: { hostId: string; name: string },
    version: number,
    author: StackAuthor,
    at: number = Date.now(),
  ): VersionStamp {
    if (!this.version(stack.hostId, stack.name, version)) {
      throw new ApiError(404, 'not_found', `No version ${version} of stack ${stack.name}`)
    }
    this.#db
      .prepare(
        `INSERT INTO stack_deploys (host_id, name, version, deployed_at, deployed_by, deployed_by_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(stack.hostId, stack.name, version, at, author.name, author.id ?? null)
    return { version, at, by: author.name }
  }

  #latestVersion(hostId: string, name: string): number | undefined {
    const row = this.#db
      .prepare<[string, string], { latest: number | null }>(
        'SELECT MAX(version) AS latest FROM stack_versions WHERE host_id = ? AND name = ?',
      )
      .get(hostId, name)
    return row?.latest ?? undefined
  }

  #insertVersion(
    hostId: string,
    name: string,
    version: number,
    files: StackFilesText & { comment?: string | undefined },
    author: StackAuthor,
    at: number,
    onStored: OnStored,
  ): StoredVersion {
    this.#db
      .prepare(
        `INSERT INTO stack_versions
           (host_id, name, version, compose, env, comment, saved_at, saved_by, saved_by_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        hostId,
        name,
        version,
        files.compose,
        files.env,
        files.comment ?? null,
        at,
        author.name,
        author.id ?? null,
      )
    const stored: StoredVersion = {
      version,
      compose: files.compose,
      env: files.env,
      ...(files.comment === undefined ? {} : { comment: files.comment }),
      savedAt: at,
      savedBy: author.name,
    }
    onStored(stored)
    return stored
  }
}

export function notStored(name: string): ApiError {
  return new ApiError(404, 'not_found', `No such stack: ${name}`)
}

function toStoredStack(row: StackRow): StoredStack {
  return {
    hostId: row.host_id,
    name: row.name,
    labels: parseLabels(row.labels),
    target: row.target === 'swarm' ? 'swarm' : 'compose',
    createdAt: row.created_at,
    createdBy: row.created_by,
    saved: { version: row.saved_version, at: row.saved_at, by: row.saved_by },
    ...(row.deployed_version === null || row.deployed_at === null || row.deployed_by === null
      ? {}
      : {
          deployed: { version: row.deployed_version, at: row.deployed_at, by: row.deployed_by },
        }),
  }
}

function toVersionSummary(row: VersionRow): VersionSummary {
  return {
    version: row.version,
    ...(row.comment === null ? {} : { comment: row.comment }),
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  }
}

function toStoredVersion(row: VersionRow): StoredVersion {
  return { ...toVersionSummary(row), compose: row.compose ?? '', env: row.env ?? '' }
}

/** Labels were written by us as a JSON object of strings; anything else reads as none. */
function parseLabels(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}

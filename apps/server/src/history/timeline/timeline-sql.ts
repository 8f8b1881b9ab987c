/** A WHERE clause built piece by piece, with its values in order. */
export class Where {
  readonly clauses: string[] = []
  readonly values: (string | number)[] = []

  add(sql: string, ...values: (string | number)[]): void {
    this.clauses.push(sql)
    this.values.push(...values)
  }

  get sql(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`
  }
}

/** A LIKE pattern finding `text` anywhere, its wildcards taken literally (with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/** A full container id or a prefix of one long enough to be unambiguous in practice. */
export function isIdPrefix(text: string): boolean {
  return /^[0-9a-f]{12,64}$/.test(text)
}

/**
 * Whether a JSON object of labels (or event attributes, which carry a container's labels) is
 * inside a label scope (`key` or `key=value`), in SQL: the same test as policy's inScope. The
 * keys are compared as values, never spliced into a JSON path, so any label key is safe.
 */
export function scopeSql(column: string, scope: string): { sql: string; values: string[] } {
  const split = scope.indexOf('=')
  if (split === -1) {
    return { sql: `EXISTS (SELECT 1 FROM json_each(${column}) WHERE key = ?)`, values: [scope] }
  }
  return {
    sql: `EXISTS (SELECT 1 FROM json_each(${column}) WHERE key = ? AND value = ?)`,
    values: [scope.slice(0, split), scope.slice(split + 1)],
  }
}

/** The newest-first position of a row: time, then user actions after the engine's, then id. */
export interface Cursor {
  at: number
  kind: 'e' | 'a'
  id: number
}

export function parseCursor(text: string): Cursor {
  const [at, kind, id] = text.split(':')
  return { at: Number(at), kind: kind === 'a' ? 'a' : 'e', id: Number(id) }
}

export const formatCursor = (cursor: Cursor): string =>
  `${String(cursor.at)}:${cursor.kind}:${String(cursor.id)}`

/**
 * Rows of one table strictly older than the cursor, in the merged order (time desc, then a user
 * action before the engine's events of the same millisecond, then id desc).
 */
export function beforeCursor(
  where: Where,
  cursor: Cursor,
  table: { kind: 'e' | 'a'; time: string; id: string },
): void {
  if (cursor.kind === table.kind) {
    where.add(
      `(${table.time} < ? OR (${table.time} = ? AND ${table.id} < ?))`,
      cursor.at,
      cursor.at,
      cursor.id,
    )
  } else if (table.kind === 'e') {
    // The cursor is a user action: the engine's rows of its millisecond come after it.
    where.add(`${table.time} <= ?`, cursor.at)
  } else {
    where.add(`${table.time} < ?`, cursor.at)
  }
}

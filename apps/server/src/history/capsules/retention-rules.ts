import { randomBytes } from 'node:crypto'
import type { LogRetentionInput, LogRetentionRule } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

interface RuleRow {
  id: string
  match: 'name' | 'label'
  value: string
  scope: string
  created_by: string
  created_at: number
}

/** What a rule is tested against: a container's name and labels. */
export interface Followable {
  name: string
  labels: Readonly<Record<string, string>>
}

/** `key` (the label is there, any value) or `key=value`, as label scopes are written. */
export function matchesSelector(
  selector: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  const split = selector.indexOf('=')
  if (split === -1) return Object.hasOwn(labels, selector)
  return labels[selector.slice(0, split)] === selector.slice(split + 1)
}

/** Whether a rule covers a container: its match, inside the scope of who made it. */
export function ruleCovers(rule: LogRetentionRule, container: Followable): boolean {
  if (rule.scope !== null && !matchesSelector(rule.scope, container.labels)) return false
  if (rule.match === 'name') return rule.value.replace(/^\//, '') === container.name
  return matchesSelector(rule.value, container.labels)
}

/**
 * Log retention rules per host (table log_retention_rules). A rule made by an operator narrowed
 * to a label scope keeps that scope: it follows only containers inside it, so nobody can make
 * the server follow (and spend engine CPU on) another team's containers.
 */
export class RetentionRules {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(hostId: string): LogRetentionRule[] {
    const rows = this.#db
      .prepare(
        `SELECT id, match, value, scope, created_by, created_at FROM log_retention_rules
         WHERE host_id = ? ORDER BY created_at, id`,
      )
      .all(hostId) as RuleRow[]
    return rows.map(toRule)
  }

  get(hostId: string, id: string): LogRetentionRule | undefined {
    return this.list(hostId).find((rule) => rule.id === id)
  }

  /** Adds a rule, or returns the same rule already there. */
  add(
    hostId: string,
    input: LogRetentionInput,
    scope: string | undefined,
    by: string,
    now = Date.now(),
  ): { rule: LogRetentionRule; created: boolean } {
    const value = input.match === 'name' ? input.value.replace(/^\//, '') : input.value
    const same = this.list(hostId).find(
      (rule) =>
        rule.match === input.match && rule.value === value && rule.scope === (scope ?? null),
    )
    if (same) return { rule: same, created: false }
    const id = `lr_${randomBytes(8).toString('hex')}`
    this.#db
      .prepare(
        `INSERT INTO log_retention_rules (id, host_id, match, value, scope, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, hostId, input.match, value, scope ?? '', by, now)
    const rule = this.get(hostId, id)
    if (rule === undefined) throw new Error(`log retention rule ${id} not stored`)
    return { rule, created: true }
  }

  delete(hostId: string, id: string): boolean {
    return (
      this.#db
        .prepare('DELETE FROM log_retention_rules WHERE host_id = ? AND id = ?')
        .run(hostId, id).changes > 0
    )
  }
}

function toRule(row: RuleRow): LogRetentionRule {
  return {
    id: row.id,
    match: row.match,
    value: row.value,
    scope: row.scope === '' ? null : row.scope,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

import { randomUUID } from 'node:crypto'
import {
  type AlertRule,
  type AlertRuleInput,
  alertRuleInputSchema,
  alertRuleSchema,
} from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

interface RuleRow {
  id: string
  name: string
  kind: string
  params: string
  scope: string
  channel_ids: string
  enabled: number
  dedup_minutes: number
  recovery: number
  created_at: number
  updated_at: number
}

/** The alert rules (table alert_rules); rows are checked by the contract's schema when read. */
export class RuleStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(): AlertRule[] {
    const rows = this.#db.prepare('SELECT * FROM alert_rules ORDER BY created_at, rowid').all()
    return (rows as RuleRow[]).map(toRule)
  }

  get(id: string): AlertRule | undefined {
    const row = this.#db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id)
    return row === undefined ? undefined : toRule(row as RuleRow)
  }

  create(input: AlertRuleInput, now = Date.now()): AlertRule {
    const id = randomUUID()
    const rule = alertRuleInputSchema.parse(input)
    this.#db
      .prepare(
        `INSERT INTO alert_rules (id, name, kind, params, scope, channel_ids, enabled,
           dedup_minutes, recovery, created_at, updated_at)
         VALUES (@id, @name, @kind, @params, @scope, @channelIds, @enabled, @dedupMinutes,
           @recovery, @now, @now)`,
      )
      .run({ id, now, ...toColumns(rule) })
    return this.#getOrThrow(id)
  }

  /** @returns the rule as replaced, or undefined when there is no such rule. */
  replace(id: string, input: AlertRuleInput, now = Date.now()): AlertRule | undefined {
    const rule = alertRuleInputSchema.parse(input)
    const result = this.#db
      .prepare(
        `UPDATE alert_rules SET name = @name, kind = @kind, params = @params, scope = @scope,
           channel_ids = @channelIds, enabled = @enabled, dedup_minutes = @dedupMinutes,
           recovery = @recovery, updated_at = @now
         WHERE id = @id`,
      )
      .run({ id, now, ...toColumns(rule) })
    return result.changes === 0 ? undefined : this.#getOrThrow(id)
  }

  /**
   * Takes a channel out of every rule that names it (the channel is being deleted; the caller
   * holds the transaction). @returns the ids of the rules changed.
   */
  dropChannel(channelId: string, now = Date.now()): string[] {
    const update = this.#db.prepare(
      'UPDATE alert_rules SET channel_ids = ?, updated_at = ? WHERE id = ?',
    )
    const changed: string[] = []
    for (const rule of this.list()) {
      if (!rule.channelIds.includes(channelId)) continue
      const kept = rule.channelIds.filter((id) => id !== channelId)
      update.run(JSON.stringify(kept), now, rule.id)
      changed.push(rule.id)
    }
    return changed
  }

  remove(id: string): boolean {
    return this.#db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0
  }

  #getOrThrow(id: string): AlertRule {
    const rule = this.get(id)
    if (!rule) throw new Error(`alert rule ${id} vanished`)
    return rule
  }
}

function toColumns(rule: ReturnType<typeof alertRuleInputSchema.parse>) {
  return {
    name: rule.name,
    kind: rule.kind,
    params: JSON.stringify(rule.params),
    scope: JSON.stringify(rule.scope),
    channelIds: JSON.stringify(rule.channelIds),
    enabled: rule.enabled ? 1 : 0,
    dedupMinutes: rule.dedupMinutes,
    recovery: rule.recovery ? 1 : 0,
  }
}

function toRule(row: RuleRow): AlertRule {
  return alertRuleSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    params: JSON.parse(row.params) as unknown,
    scope: JSON.parse(row.scope) as unknown,
    channelIds: JSON.parse(row.channel_ids) as unknown,
    enabled: row.enabled === 1,
    dedupMinutes: row.dedup_minutes,
    recovery: row.recovery === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  })
}

import type {
  AlertChannelResponse,
  AlertRule,
  AlertRuleList,
  AlertRuleResponse,
} from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../test/expect-api-error.ts'
import { startFastApp } from '../../test/fast-app.ts'

const fast = startFastApp()

const rule = (channelIds: string[]) => ({
  name: 'Exits',
  kind: 'container.exit',
  params: {},
  scope: { type: 'all' },
  channelIds,
})

async function createChannel(name: string): Promise<string> {
  const admin = await fast.as('admin')
  const res = await admin.post('/api/alerts/channels', {
    name,
    config: { type: 'slack', url: `http://127.0.0.1:9/${name}` },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as AlertChannelResponse).channel.id
}

async function createRule(channelIds: string[]): Promise<AlertRule> {
  const admin = await fast.as('admin')
  const res = await admin.post('/api/alert-rules', rule(channelIds))
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as AlertRuleResponse).rule
}

async function rulesById(): Promise<Map<string, AlertRule>> {
  const admin = await fast.as('admin')
  const { rules } = (await (await admin.get('/api/alert-rules')).json()) as AlertRuleList
  return new Map(rules.map((r) => [r.id, r]))
}

describe('the channels a rule sends to', () => {
  it('refuses an unknown channel id on create, naming it, and stores nothing', async () => {
    const admin = await fast.as('admin')
    const known = await createChannel('known')
    const before = (await rulesById()).size

    await expectApiError(
      await admin.post('/api/alert-rules', rule([known, 'no-such-channel'])),
      400,
      'invalid_request',
      /^channelIds: no alert channel no-such-channel$/,
    )

    expect((await rulesById()).size).toBe(before)
  })

  it('refuses an unknown channel id on replace, naming it, and keeps the rule as it was', async () => {
    const admin = await fast.as('admin')
    const known = await createChannel('kept')
    const made = await createRule([known])

    const res = await admin.request('PUT', `/api/alert-rules/${made.id}`, {
      body: { ...rule([known, 'gone-1', 'gone-2']), name: 'Renamed' },
    })

    await expectApiError(
      res,
      400,
      'invalid_request',
      /^channelIds: no alert channel gone-1, gone-2$/,
    )
    expect((await rulesById()).get(made.id)).toMatchObject({ name: 'Exits', channelIds: [known] })
  })

  it('takes a deleted channel out of every rule that names it, and audits which', async () => {
    const admin = await fast.as('admin')
    const doomed = await createChannel('doomed')
    const staying = await createChannel('staying')
    const onlyDoomed = await createRule([doomed])
    const both = await createRule([doomed, staying])
    const neither = await createRule([staying])

    const res = await admin.delete(`/api/alerts/channels/${doomed}`)

    expect(res.status, await res.clone().text()).toBe(204)
    const rules = await rulesById()
    expect(rules.get(onlyDoomed.id)?.channelIds).toEqual([])
    expect(rules.get(both.id)?.channelIds).toEqual([staying])
    expect(rules.get(neither.id)).toEqual(neither)
    const [entry] = fast.audit().filter((e) => e.action === 'alert-channel.delete')
    expect(entry).toMatchObject({ target: doomed, status: 204 })
    expect(entry?.parameters).toEqual({ rulesChanged: [onlyDoomed.id, both.id] })
  })

  it('deletes the channel and changes the rules in one transaction: neither, if one fails', async () => {
    const admin = await fast.as('admin')
    const channel = await createChannel('held')
    const made = await createRule([channel])
    const { db } = fast.services
    db.exec(`CREATE TEMP TRIGGER no_rule_updates BEFORE UPDATE ON alert_rules
             BEGIN SELECT RAISE(ABORT, 'rules are read-only in this test'); END`)
    try {
      const res = await admin.delete(`/api/alerts/channels/${channel}`)
      expect(res.status).toBe(500)
    } finally {
      db.exec('DROP TRIGGER no_rule_updates')
    }

    const listed = await (await admin.get('/api/alerts/channels')).text()
    expect(listed).toContain(channel)
    expect((await rulesById()).get(made.id)?.channelIds).toEqual([channel])
  })
})

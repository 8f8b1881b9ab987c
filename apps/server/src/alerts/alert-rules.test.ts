import type { AlertChannelResponse, AlertRule, AlertRuleList } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const exitRule = {
  name: 'Exit 3 on team a',
  kind: 'container.exit',
  params: { exitCodes: [3] },
  scope: { type: 'labels', selector: 'team=a' },
  dedupMinutes: 5,
}

describe('alert rules: defaults, admin management, validation and audit', () => {
  const h = startHarness()

  it('has the defaults of a new install: exit, OOM, unhealthy, host down and automatic updates', async () => {
    const admin = await h.as('admin')

    const { rules } = (await (await admin.get('/api/alert-rules')).json()) as AlertRuleList

    expect(rules.map((r) => [r.kind, r.enabled, r.recovery, r.scope.type, r.params])).toEqual([
      ['container.exit', true, true, 'all', {}],
      ['container.oom', true, true, 'all', {}],
      ['container.unhealthy', true, true, 'all', {}],
      ['host.down', true, true, 'all', { afterSeconds: 60 }],
      ['image.updated', true, true, 'all', {}],
    ])
  })

  it('lets an admin create, replace, disable and delete a rule, each change audited', async () => {
    const admin = await h.as('admin')

    const channel = await admin.post('/api/alerts/channels', {
      name: 'ops-webhook',
      config: { type: 'slack', url: 'http://127.0.0.1:9/ops' },
    })
    const channelId = ((await channel.json()) as AlertChannelResponse).channel.id

    const created = await admin.post('/api/alert-rules', { ...exitRule, channelIds: [channelId] })
    expect(created.status, await created.clone().text()).toBe(201)
    const { rule } = (await created.json()) as { rule: AlertRule }
    expect(rule).toMatchObject({
      ...exitRule,
      channelIds: [channelId],
      enabled: true,
      recovery: true,
    })
    const replaced = await admin.request('PUT', `/api/alert-rules/${rule.id}`, {
      body: {
        name: 'Restart loop',
        kind: 'container.restart-loop',
        params: { restarts: 3, windowMinutes: 5 },
        scope: { type: 'stack', name: 'shop' },
        enabled: false,
      },
    })
    expect(replaced.status, await replaced.clone().text()).toBe(200)
    expect(((await replaced.json()) as { rule: AlertRule }).rule).toMatchObject({
      id: rule.id,
      kind: 'container.restart-loop',
      params: { restarts: 3, windowMinutes: 5 },
      enabled: false,
      channelIds: [],
    })
    expect((await admin.delete(`/api/alert-rules/${rule.id}`)).status).toBe(204)
    await expectApiError(await admin.delete(`/api/alert-rules/${rule.id}`), 404, 'not_found')

    const audit = (await (await admin.get('/api/audit?limit=20')).json()) as {
      entries: { action: string; target?: string; status: number }[]
    }
    const mine = audit.entries.filter((e) => e.action.startsWith('alert.rule.'))
    expect(mine.map((e) => [e.action, e.status])).toEqual([
      ['alert.rule.delete', 404],
      ['alert.rule.delete', 204],
      ['alert.rule.update', 200],
      ['alert.rule.create', 201],
    ])
    expect(mine.every((e) => e.target === rule.id)).toBe(true)
  })

  it.each([
    ['an unknown kind', { ...exitRule, kind: 'container.sad' }, /kind/],
    ['parameters of another kind', { ...exitRule, params: { afterSeconds: 3 } }, /params/],
    [
      'a selector without a value',
      { ...exitRule, scope: { type: 'labels', selector: 'team' } },
      /key=value/,
    ],
    [
      'a disk rule in percent',
      { ...exitRule, kind: 'host.disk', params: { thresholdPercent: 80 } },
      /thresholdBytes|thresholdPercent/,
    ],
    [
      'a restart loop of one restart',
      { ...exitRule, kind: 'container.restart-loop', params: { restarts: 1, windowMinutes: 5 } },
      /restarts/,
    ],
  ])('refuses %s with a 400 naming it', async (_what, body, message) => {
    const admin = await h.as('admin')

    await expectApiError(
      await admin.post('/api/alert-rules', body),
      400,
      'invalid_request',
      message,
    )
  })

  it('refuses the rules to operators and viewers, who still read their alerts', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      const client = await h.as(role)
      await expectApiError(await client.get('/api/alert-rules'), 403, 'forbidden')
      await expectApiError(await client.post('/api/alert-rules', exitRule), 403, 'forbidden')
      expect((await client.get('/api/alerts')).status).toBe(200)
    }
  })
})

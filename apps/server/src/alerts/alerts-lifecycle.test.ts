import type {
  AlertEntry,
  AlertList,
  AlertNotice,
  AlertRuleInput,
  AlertRuleResponse,
} from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { startHarness } from '../../test/harness.ts'
import type { AlertDispatcher } from './dispatch.ts'

/** How alerts end: one-off ones are notices, a changed or deleted rule closes its open ones. */
describe('alerts’ lifecycle', () => {
  const h = startHarness()
  const CASE = 'io.harbormaster.test.lifecycle'
  const sent: AlertNotice[] = []
  const recorder: AlertDispatcher = {
    dispatch(notice) {
      sent.push(notice)
    },
  }
  let admin: ApiClient

  const run = (name: string, ...args: string[]) =>
    docker(h.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      ...Object.entries({ ...h.labels, [CASE]: name }).flatMap(([k, v]) => [
        '--label',
        `${k}=${v}`,
      ]),
      ...args,
    ])
  const ruleFor = (name: string, rule: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'kind'>) =>
    ({
      name: `${rule.kind} of ${name}`,
      params: {},
      scope: { type: 'labels', selector: `${CASE}=${name}` },
      ...rule,
    }) as AlertRuleInput
  async function createRule(rule: AlertRuleInput): Promise<string> {
    const res = await admin.post('/api/alert-rules', rule)
    expect(res.status, await res.clone().text()).toBe(201)
    return ((await res.json()) as AlertRuleResponse).rule.id
  }
  async function listed(query: string, ruleId: string): Promise<AlertEntry[]> {
    const res = await admin.get(`/api/alerts?limit=500${query}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as AlertList).alerts.filter((a) => a.ruleId === ruleId)
  }
  const statesOf = async (ruleId: string) =>
    (await listed('', ruleId)).map((a) => [a.state, a.resolvedAt === undefined ? 'open' : 'ended'])

  beforeAll(async () => {
    h.server.services.alerts.useDispatcher(recorder)
    admin = await h.as('admin')
  })

  it('lists a one-off alert (a restart loop) as a notice, and the state filter says so', async () => {
    const name = h.uniqueName('loop')
    const ruleId = await createRule(
      ruleFor(name, { kind: 'container.restart-loop', params: { restarts: 2, windowMinutes: 5 } }),
    )
    await run(name, '--restart', 'always', h.fixtureImage, 'sh', '-c', 'exit 1')
    await expect
      .poll(() => statesOf(ruleId), { timeout: scaled(30_000) })
      .toContainEqual(['notice', 'open'])
    await docker(h.dockerHost, ['rm', '-f', name])

    expect((await listed('&state=notice', ruleId)).length).toBeGreaterThan(0)
    expect(await listed('&state=firing', ruleId)).toEqual([])
    expect(await listed('&state=resolved', ruleId)).toEqual([])
    // Its receivers still key on `firing`: the payload's state is unchanged.
    expect(sent.filter((n) => n.ruleId === ruleId).map((n) => n.state)).toContain('firing')
  })

  it('disabling a rule closes its open alerts without a recovery, and it starts afresh', async () => {
    const name = h.uniqueName('exit')
    const input = ruleFor(name, { kind: 'container.exit' })
    const ruleId = await createRule(input)
    await run(name, h.fixtureImage, 'sh', '-c', 'exit 3')
    await expect
      .poll(() => statesOf(ruleId), { timeout: scaled(20_000) })
      .toEqual([['firing', 'open']])

    const disabled = await admin.request('PUT', `/api/alert-rules/${ruleId}`, {
      body: { ...input, enabled: false },
    })
    expect(disabled.status, await disabled.clone().text()).toBe(200)
    expect(await statesOf(ruleId)).toEqual([['resolved', 'ended']])
    expect(sent.filter((n) => n.ruleId === ruleId).map((n) => n.state)).toEqual(['firing'])

    // Enabled again, its de-duplication window is forgotten: the next exit is a new alert.
    const enabled = await admin.request('PUT', `/api/alert-rules/${ruleId}`, { body: input })
    expect(enabled.status, await enabled.clone().text()).toBe(200)
    await docker(h.dockerHost, ['start', name])
    await expect
      .poll(() => statesOf(ruleId), { timeout: scaled(20_000) })
      .toEqual([
        ['firing', 'open'],
        ['resolved', 'ended'],
      ])
  })

  it('deleting a rule closes its open alerts', async () => {
    const name = h.uniqueName('gone-rule')
    const ruleId = await createRule(ruleFor(name, { kind: 'container.exit' }))
    await run(name, h.fixtureImage, 'sh', '-c', 'exit 3')
    await expect
      .poll(() => statesOf(ruleId), { timeout: scaled(20_000) })
      .toEqual([['firing', 'open']])

    const deleted = await admin.delete(`/api/alert-rules/${ruleId}`)
    expect(deleted.status, await deleted.clone().text()).toBe(204)
    expect(await statesOf(ruleId)).toEqual([['resolved', 'ended']])
    expect(await listed('&state=firing', ruleId)).toEqual([])
  })
})

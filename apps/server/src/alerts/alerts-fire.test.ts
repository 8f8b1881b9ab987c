import type {
  AlertChannelResponse,
  AlertList,
  AlertNotice,
  AlertRule,
} from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { openLive } from '../../test/live-client.ts'
import type { AlertDispatcher } from './dispatch.ts'

/** The test's dispatcher: every notice the rules hand over, with its channel ids. */
function recordingDispatcher() {
  const sent: { notice: AlertNotice; channelIds: readonly string[] }[] = []
  const dispatcher: AlertDispatcher = {
    dispatch(notice, channelIds) {
      sent.push({ notice, channelIds })
    },
  }
  return { dispatcher, sent }
}

describe('alert rules fire from a real engine’s events', () => {
  const h = startHarness()
  const recorder = recordingDispatcher()
  const about = (name: string) => recorder.sent.filter((s) => s.notice.subject?.name === name)
  const kinds = (name: string) => about(name).map((s) => [s.notice.kind, s.notice.state])
  const waitFor = (check: () => void, timeout = 20_000) =>
    vi.waitFor(check, { timeout: scaled(timeout), interval: 100 })
  const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const run = (name: string, ...args: string[]) =>
    docker(h.dockerHost, ['run', '-d', '--name', name, ...labelArgs(), ...args])

  beforeAll(() => {
    h.server.services.alerts.useDispatcher(recorder.dispatcher)
  })

  it('a container that exits 3: one notice, in the list and the bell, and on the events socket', async () => {
    // Scoped to this file's run label: the other files' containers on the shared engine make
    // alerts too (the default rules cover every container), which would move a global count.
    const viewer = await h.scopedOperator()
    const other = await h.operatorScopedTo('team=elsewhere')
    const live = await openLive(viewer, '/api/hosts/local/events')
    const name = h.uniqueName('exit3')
    const unreadBefore = ((await (await viewer.get('/api/alerts')).json()) as AlertList).unread

    await run(name, h.fixtureImage, 'sh', '-c', 'exit 3')

    await waitFor(() => {
      expect(kinds(name)).toEqual([['container.exit', 'firing']])
    })
    const [sent] = about(name)
    expect(sent?.notice).toMatchObject({
      ruleId: 'default-exit',
      severity: 'warning',
      title: `${name} exited with code 3 on local`,
      hostId: 'local',
      subject: { type: 'container', name },
      url: expect.stringMatching(
        /^http:\/\/harbormaster\.test\/hosts\/local\/containers\/[0-9a-f]{64}$/,
      ),
    })
    expect(sent?.channelIds).toEqual([])
    await live.waitFor((c) =>
      c.messages.some(
        (m) =>
          (m as { type: string; notice?: AlertNotice }).type === 'alert' &&
          (m as { notice: AlertNotice }).notice.subject?.name === name,
      ),
    )
    const list = (await (await viewer.get('/api/alerts?kind=container.exit')).json()) as AlertList
    expect(list.alerts.filter((a) => a.subject?.name === name)).toEqual([
      expect.objectContaining({ id: sent?.notice.id, state: 'firing', read: false }),
    ])
    expect(list.unread).toBe(unreadBefore + 1)
    // Outside another user's label scope, it is not theirs to see.
    const theirs = (await (await other.get('/api/alerts')).json()) as AlertList
    expect(theirs.alerts.map((a) => a.id)).not.toContain(sent?.notice.id)

    const read = await viewer.post('/api/alerts/read', { ids: [sent?.notice.id] })
    expect(read.status, await read.clone().text()).toBe(200)
    expect(((await read.json()) as { unread: number }).unread).toBe(unreadBefore)
    live.ws.close()
  })

  it('a container OOM-killed by its memory limit: one OOM notice, no exit notice', async () => {
    // The engine reports an OOM kill (its `oom` event and State.OOMKilled, from one containerd
    // event) most of the time; under load it once reported neither for a main process killed
    // as its cgroup went away. The rule can only hear what the engine says: try again then.
    let name = ''
    for (let attempt = 1; attempt <= 3 && name === ''; attempt++) {
      const candidate = h.uniqueName('oom')
      await run(
        candidate,
        '--memory',
        '8m',
        '--memory-swap',
        '8m',
        h.fixtureImage,
        'sh',
        '-c',
        'x=a; while :; do x=$x$x; done',
      )
      await docker(h.dockerHost, ['wait', candidate])
      const state = await docker(h.dockerHost, ['inspect', '-f', '{{.State.OOMKilled}}', candidate])
      if (state.stdout.trim() === 'true') name = candidate
    }
    expect(name, 'the engine reported no OOM kill in 3 tries').not.toBe('')

    await waitFor(() => {
      expect(kinds(name)).toContainEqual(['container.oom', 'firing'])
    })
    // The next container's notice comes after this one's die would have: the events are in order.
    const marker = h.uniqueName('marker')
    await run(marker, h.fixtureImage, 'sh', '-c', 'exit 4')
    await waitFor(() => {
      expect(kinds(marker)).toEqual([['container.exit', 'firing']])
    })
    expect(kinds(name)).toEqual([['container.oom', 'firing']])
    expect(about(name)[0]?.notice).toMatchObject({ ruleId: 'default-oom', severity: 'critical' })
  })

  it('a container going unhealthy, then healthy again: one notice and one recovery', async () => {
    const name = h.uniqueName('health')

    await run(
      name,
      '--health-cmd',
      'test -f /tmp/ok',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      h.fixtureImage,
      'sleep',
      '3600',
    )
    await waitFor(() => {
      expect(kinds(name)).toEqual([['container.unhealthy', 'firing']])
    })
    await docker(h.dockerHost, ['exec', name, 'touch', '/tmp/ok'])

    await waitFor(() => {
      expect(kinds(name)).toEqual([
        ['container.unhealthy', 'firing'],
        ['container.unhealthy', 'resolved'],
      ])
    })
    const [firing, resolved] = about(name)
    expect(resolved?.notice).toMatchObject({
      id: firing?.notice.id,
      title: `${name} is healthy again on local`,
    })
    const admin = await h.as('admin')
    const list = (await (await admin.get('/api/alerts?state=resolved')).json()) as AlertList
    expect(list.alerts.find((a) => a.id === firing?.notice.id)).toMatchObject({
      state: 'resolved',
      resolvedAt: expect.any(String),
    })
  })

  it('a restart loop: one restart-loop notice; the exits flap into one notice, one recovery, then silence', async () => {
    const admin = await h.as('admin')
    const name = h.uniqueName('loop')
    const channel = await admin.post('/api/alerts/channels', {
      name: 'ops',
      config: { type: 'slack', url: 'http://127.0.0.1:9/ops' },
    })
    const ops = ((await channel.json()) as AlertChannelResponse).channel.id
    const created = await admin.post('/api/alert-rules', {
      name: 'Loop in this run',
      kind: 'container.restart-loop',
      params: { restarts: 3, windowMinutes: 5 },
      scope: {
        type: 'labels',
        selector: `${Object.keys(h.labels)[0]}=${Object.values(h.labels)[0]}`,
      },
      channelIds: [ops],
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const { rule } = (await created.json()) as { rule: AlertRule }

    await run(name, '--restart', 'always', h.fixtureImage, 'sh', '-c', 'exit 1')

    await waitFor(() => {
      expect(about(name).filter((s) => s.notice.kind === 'container.restart-loop')).toHaveLength(1)
    })
    // Let it die a few more times: no more notices of either rule inside their windows.
    const deaths = async () =>
      Number((await docker(h.dockerHost, ['inspect', '-f', '{{.RestartCount}}', name])).stdout)
    await expect.poll(deaths, { timeout: scaled(30_000) }).toBeGreaterThanOrEqual(5)
    const loop = about(name).filter((s) => s.notice.kind === 'container.restart-loop')
    expect(loop.map((s) => [s.notice.ruleId, s.channelIds])).toEqual([[rule.id, [ops]]])
    expect(kinds(name).filter(([kind]) => kind === 'container.exit')).toEqual([
      ['container.exit', 'firing'],
      ['container.exit', 'resolved'],
    ])
    await docker(h.dockerHost, ['rm', '-f', name])
    expect((await admin.delete(`/api/alert-rules/${rule.id}`)).status).toBe(204)
  })

  it('a container stopped through the API is no alert', async () => {
    const name = h.uniqueName('stopped')
    await run(name, h.fixtureImage, 'sleep', '3600')

    await docker(h.dockerHost, ['stop', '-t', '0', name])

    const exited = await docker(h.dockerHost, ['inspect', '-f', '{{.State.ExitCode}}', name])
    expect(exited.stdout.trim()).toBe('137')
    // The next container's notice comes after this one's would have: the events are in order.
    const marker = h.uniqueName('marker')
    await run(marker, h.fixtureImage, 'sh', '-c', 'exit 4')
    await waitFor(() => {
      expect(kinds(marker)).toEqual([['container.exit', 'firing']])
    })
    expect(about(name)).toEqual([])
  })
})

describe('the disk rule', () => {
  const h = startHarness()
  const recorder = recordingDispatcher()
  beforeAll(() => {
    h.server.services.alerts.useDispatcher(recorder.dispatcher)
  })

  it('measures only while a disk rule is enabled, and fires once while above its threshold', async () => {
    const admin = await h.as('admin')
    const alerts = h.server.services.alerts
    expect(alerts.diskChecksScheduled).toBe(false)
    const rule = (threshold: number) => ({
      name: `Disk over ${String(threshold)}`,
      kind: 'host.disk',
      params: { thresholdBytes: threshold },
      scope: { type: 'hosts', hostIds: ['local'] },
    })
    const low = (await (await admin.post('/api/alert-rules', rule(1))).json()) as {
      rule: AlertRule
    }
    const high = (await (await admin.post('/api/alert-rules', rule(2 ** 50))).json()) as {
      rule: AlertRule
    }
    expect(alerts.diskChecksScheduled).toBe(true)

    await alerts.checkDisks()
    await alerts.checkDisks()

    const disk = recorder.sent.filter((s) => s.notice.kind === 'host.disk')
    expect(disk.map((s) => [s.notice.ruleId, s.notice.state])).toEqual([[low.rule.id, 'firing']])
    expect(disk[0]?.notice.title).toMatch(
      /^local uses \d+\.\d\d GiB for images, volumes and build cache \(over 0\.00 GiB\)$/,
    )
    await admin.delete(`/api/alert-rules/${low.rule.id}`)
    await admin.delete(`/api/alert-rules/${high.rule.id}`)
    expect(alerts.diskChecksScheduled).toBe(false)
  })
})

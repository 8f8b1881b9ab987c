import type { AlertEntry, AlertList } from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

/** The rules' memory of open alerts and de-duplication windows outlives a server restart. */
describe('alerts across a server restart', () => {
  const h = startHarness()
  const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const run = (name: string, ...args: string[]) =>
    docker(h.dockerHost, ['run', '-d', '--name', name, ...labelArgs(), ...args])
  const alertsAbout = async (name: string): Promise<AlertEntry[]> => {
    const admin = await h.as('admin')
    const res = await admin.get('/api/alerts?limit=200')
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as AlertList).alerts.filter((a) => a.subject?.name === name)
  }
  const states = async (name: string) =>
    (await alertsAbout(name)).map((a) => [a.ruleId, a.state, a.suppressed ?? 0])
  const restartWatching = async () => {
    await h.restart()
    // Events before the new server's stream is open are not its to see: wait for it.
    await expect
      .poll(() => h.server.services.hosts.get('local')?.events.connected, {
        timeout: scaled(20_000),
      })
      .toBe(true)
  }

  it('a container unhealthy before the restart gets its "healthy again" after it', async () => {
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
    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual([['default-unhealthy', 'firing', 0]])

    await restartWatching()
    await docker(h.dockerHost, ['exec', name, 'touch', '/tmp/ok'])

    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual([['default-unhealthy', 'resolved', 0]])
    const [alert] = await alertsAbout(name)
    expect(alert).toMatchObject({
      title: `${name} is unhealthy on local`,
      resolvedAt: expect.any(String),
    })
  })

  it('a container that fails again after the restart, inside the window, opens no second alert', async () => {
    const name = h.uniqueName('exit')
    await run(name, h.fixtureImage, 'sh', '-c', 'exit 3')
    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual([['default-exit', 'firing', 0]])

    await restartWatching()
    // It runs again (the open alert is resolved) and exits 3 again, inside the rule's 15 min.
    await docker(h.dockerHost, ['start', name])
    await docker(h.dockerHost, ['wait', name])
    const marker = h.uniqueName('marker')
    await run(marker, h.fixtureImage, 'sh', '-c', 'exit 4')

    // The marker's alert comes after this container's second exit would have: events are in order.
    await expect
      .poll(() => states(marker), { timeout: scaled(20_000) })
      .toEqual([['default-exit', 'firing', 0]])
    expect(await states(name)).toEqual([['default-exit', 'resolved', 0]])
  })
})

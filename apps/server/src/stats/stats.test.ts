import { readFileSync } from 'node:fs'
import type { StatsSampleDto, StatsServerMessage } from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../test/harness.ts'
import { type LiveClient, openLive } from '../../test/live-client.ts'

const MEMORY_LIMIT = 64 * 1024 * 1024
const containersPath = '/api/hosts/local/containers'
const statsPath = (id: string) => `${containersPath}/${id}/stats`
const overviewPath = '/api/hosts/local/stats'

const samplesOf = (live: LiveClient, id?: string): StatsSampleDto[] =>
  (live.messages as StatsServerMessage[]).flatMap((m) =>
    m.type === 'sample' && (id === undefined || m.sample.id === id) ? [m.sample] : [],
  )
const lastOverview = (live: LiveClient): StatsSampleDto[] | undefined => {
  const last = (live.messages as StatsServerMessage[]).findLast((m) => m.type === 'samples')
  return last?.type === 'samples' ? last.samples : undefined
}

/** CPU time the kernel has given a process, in seconds: utime + stime from /proc (USER_HZ 100). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The fields after the command name (which may hold spaces) start at field 3, the state.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[14 - 3]) + Number(fields[15 - 3])) / 100
}

async function run(
  h: Harness,
  prefix: string,
  cmd: string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const operator = await h.as('operator')
  const res = await operator.post(`${containersPath}?start=true`, {
    image: h.fixtureImage,
    name: h.uniqueName(prefix),
    cmd,
    labels: h.labels,
    memoryBytes: MEMORY_LIMIT,
    ...extra,
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as { id: string }
}

describe('container stats over WebSockets, against a real engine', () => {
  const h = startHarness()
  const hub = () => h.server.services.hosts.get('local')!.stats

  it('shows each container the CPU the kernel gave it (a busy loop busy, an idle one near 0), memory within the limit', async () => {
    const viewer = await h.as('viewer')
    const busy = await run(h, 'busy', ['sh', '-c', 'while :; do :; done'])
    const idle = await run(h, 'idle', ['sleep', '300'])
    const inspected = await docker(h.dockerHost, ['inspect', '-f', '{{.State.Pid}}', busy.id])
    const loopPid = Number(inspected.stdout.trim())

    const busyLive = await openLive(viewer, statsPath(busy.id))
    // As each sample arrives, the CPU time the kernel has given the loop so far.
    const arrivals: { sample: StatsSampleDto; at: number; cpuSeconds: number }[] = []
    busyLive.ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as StatsServerMessage
      if (message.type !== 'sample') return
      arrivals.push({ sample: message.sample, at: Date.now(), cpuSeconds: cpuSecondsOf(loopPid) })
    })
    const idleLive = await openLive(viewer, statsPath(idle.id))
    // The first sample may be one the hub already had; then six or more, until the loop has run
    // for a third of a second in all (a starved loop may get next to nothing for a while).
    const ranEnough = () =>
      arrivals.length >= 7 && arrivals.at(-1)!.cpuSeconds - arrivals[1]!.cpuSeconds >= 0.3
    await busyLive.waitFor(ranEnough, 50_000)
    await idleLive.waitFor((l) => samplesOf(l).length >= 3, 20_000)

    // What the loop gets depends on what else runs on this machine, so the test asks for no
    // share: what the browser was shown over those samples must be what the kernel counted.
    const [first, ...rest] = arrivals.slice(1)
    const end = rest.at(-1)!
    let shown = 0
    let from = Date.parse(first!.sample.read)
    for (const { sample } of rest) {
      const to = Date.parse(sample.read)
      shown += sample.cpuPercent * (to - from)
      from = to
    }
    shown /= Date.parse(end.sample.read) - Date.parse(first!.sample.read)
    const counted = ((end.cpuSeconds - first!.cpuSeconds) / (end.at - first!.at)) * 100_000
    expect(Math.abs(shown - counted), JSON.stringify({ shown, counted })).toBeLessThanOrEqual(
      Math.max(5, counted / 5),
    )

    const idleSamples = samplesOf(idleLive)
    expect(Math.max(...idleSamples.map((s) => s.cpuPercent))).toBeLessThan(5)
    for (const sample of [...samplesOf(busyLive), ...idleSamples]) {
      expect(sample.memoryLimit).toBe(MEMORY_LIMIT)
      expect(sample.memoryUsed).toBeGreaterThan(0)
      expect(sample.memoryUsed).toBeLessThanOrEqual(MEMORY_LIMIT)
      expect(sample.memoryPercent).toBeCloseTo((sample.memoryUsed / MEMORY_LIMIT) * 100, 1)
      expect(sample.pids).toBeGreaterThanOrEqual(1)
      expect(Date.parse(sample.read)).not.toBeNaN()
    }
    expect(samplesOf(busyLive)[0]).toMatchObject({
      id: busy.id,
      name: expect.stringMatching(/busy/),
    })
    busyLive.ws.close()
    idleLive.ws.close()
    await docker(h.dockerHost, ['rm', '-f', busy.id])
  })

  it('serves two viewers from ONE engine stream, and closes it after the last viewer left', async () => {
    const viewer = await h.as('viewer')
    const { id } = await run(h, 'shared', ['sleep', '300'])
    hub().lingerMs = 500
    const engineStreams = () =>
      hub().engine.callCounts.byRoute.get(`GET /containers/${id}/stats`) ?? 0
    const opened = hub().counters.opened

    const first = await openLive(viewer, statsPath(id))
    const second = await openLive(viewer, statsPath(id))
    await first.waitFor((l) => samplesOf(l).length >= 2, 15_000)
    await second.waitFor((l) => samplesOf(l).length >= 2, 15_000)

    expect(engineStreams()).toBe(1)
    expect(hub().counters.opened - opened).toBe(1)
    expect(hub().viewers(id)).toBe(2)

    first.ws.close()
    await first.closed
    // One viewer left: the stream stays open for the other.
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(hub().viewers(id)).toBe(1)
    second.ws.close()
    await second.closed
    await expect.poll(() => hub().viewers(id), { interval: 20 }).toBe(0)
    // Lingers (a tab switch must not reopen it), then closes.
    await expect.poll(() => hub().viewers(id), { timeout: scaled(5000) }).toBeUndefined()
    expect(hub().latest(id)).toBeUndefined()

    // A viewer coming back after the linger opens a new stream.
    const again = await openLive(viewer, statsPath(id))
    await again.waitFor((l) => samplesOf(l).length >= 1, 15_000)
    expect(engineStreams()).toBe(2)
    again.ws.close()
    hub().lingerMs = 10_000
  })

  it('keeps the stream through a tab switch: a viewer back within the linger reuses it', async () => {
    const viewer = await h.as('viewer')
    const { id } = await run(h, 'linger', ['sleep', '300'])
    hub().lingerMs = 10_000
    const engineStreams = () =>
      hub().engine.callCounts.byRoute.get(`GET /containers/${id}/stats`) ?? 0

    const first = await openLive(viewer, statsPath(id))
    await first.waitFor((l) => samplesOf(l).length >= 1, 15_000)
    first.ws.close()
    await first.closed
    const back = await openLive(viewer, statsPath(id))
    // The latest sample arrives at once, before the engine's next one.
    await back.waitFor((l) => samplesOf(l).length >= 1, 500)

    expect(engineStreams()).toBe(1)
    back.ws.close()
  })

  it('closes with 4409 when the container stops and refuses stopped or unknown containers at the upgrade', async () => {
    const viewer = await h.as('viewer')
    const { id } = await run(h, 'stopping', ['sleep', '300'])
    const live = await openLive(viewer, statsPath(id))
    await live.waitFor((l) => samplesOf(l).length >= 1, 15_000)

    await docker(h.dockerHost, ['kill', id])

    expect((await live.closed).code).toBe(4409)
    expect(live.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'conflict' } })
    await expect(openLive(viewer, statsPath(id))).rejects.toMatchObject({ status: 409 })
    await expect(openLive(viewer, statsPath('hm-no-such-container'))).rejects.toMatchObject({
      status: 404,
    })
  })

  it('streams the host overview: every running container in one message a second, following starts and stops', async () => {
    const viewer = await h.as('viewer')
    const a = await run(h, 'over-a', ['sleep', '300'])
    const b = await run(h, 'over-b', ['sleep', '300'])
    const live = await openLive(viewer, overviewPath)
    const ids = () => (lastOverview(live) ?? []).map((s) => s.id)

    await live.waitFor(() => ids().includes(a.id) && ids().includes(b.id), 15_000)

    const name = h.uniqueName('over-cli')
    const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    const { stdout } = await docker(h.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      ...labels,
      h.fixtureImage,
      'sleep',
      '300',
    ])
    const started = stdout.trim()
    await live.waitFor(() => ids().includes(started), 15_000)
    await docker(h.dockerHost, ['stop', '-t', '0', started])
    await live.waitFor(() => !ids().includes(started), 15_000)

    // One browser socket, several containers: the overview shares the hub's streams.
    expect(hub().viewers(a.id)).toBe(1)
    expect(hub().viewers(b.id)).toBe(1)
    const times = (live.messages as StatsServerMessage[]).filter((m) => m.type === 'samples')
    expect(times.length).toBeGreaterThan(2)
    live.ws.close()
    await live.closed
    for (const { id } of [a, b]) {
      await expect.poll(() => hub().viewers(id), { timeout: scaled(5000) }).toBe(0)
    }
  })

  it('answers an unexpected message with an error frame', async () => {
    const viewer = await h.as('viewer')
    const live = await openLive(viewer, overviewPath)
    live.ws.send(JSON.stringify({ type: 'resize', cols: 1, rows: 1 }))
    await live.waitFor((l) => l.messages.some((m) => (m as { type: string }).type === 'error'))
    expect(live.ws.readyState).toBe(live.ws.OPEN)
    live.ws.close()
  })

  it('refuses a socket without a session (401) and from a foreign Origin (403) at the upgrade', async () => {
    const viewer = await h.as('viewer')
    const { id } = await run(h, 'refused', ['sleep', '300'])
    for (const path of [statsPath(id), overviewPath]) {
      await expect(openLive(h.anonymous, path)).rejects.toMatchObject({ status: 401 })
      await expect(
        openLive(viewer, path, { origin: 'https://evil.example' }),
      ).rejects.toMatchObject({
        status: 403,
      })
    }
  })
})

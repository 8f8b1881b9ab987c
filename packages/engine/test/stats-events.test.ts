import { docker, uniqueName } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { type EngineEvent, type StatsSample, cpuPercent, nanoToSince } from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

describe('stats against a real engine', () => {
  const { engine, run } = useTestEngine()

  it('streams samples whose CPU % shows a busy loop above half a core', async () => {
    // The full suite keeps both CPUs busy: the highest cgroup v1 weight lets the loop win its share.
    const { id, name } = await run({
      cmd: ['sh', '-c', 'while :; do :; done'],
      memoryBytes: 64 * 1024 * 1024,
      cpuShares: 262144,
    })
    const samples = await engine.stats.stream(id)

    let previous: StatsSample | undefined
    let best = 0
    let last: StatsSample | undefined
    let count = 0
    for await (const sample of samples) {
      if (previous) best = Math.max(best, cpuPercent(sample.cpu, previous.cpu))
      previous = sample
      last = sample
      if (best > 50 || ++count >= 20) break
    }

    expect(best).toBeGreaterThan(50)
    expect(last?.name).toBe(name)
    expect(last!.memoryLimit).toBe(64 * 1024 * 1024)
    expect(last!.memoryUsed).toBeGreaterThan(0)
    expect(last!.memoryUsed).toBeLessThanOrEqual(last!.memoryLimit)
    expect(last!.pids).toBeGreaterThanOrEqual(1)
  }, 60_000)

  it('gives one sample with its own previous counters for an idle container', async () => {
    const { id } = await run()

    const sample = await engine.stats.once(id)

    expect(sample.previousCpu).toBeDefined()
    expect(cpuPercent(sample.cpu, sample.previousCpu)).toBeLessThan(5)
  })
})

describe('events against a real engine', () => {
  const { engine, info, labels } = useTestEngine()

  it('delivers a container started from the CLI, with the exact nanosecond time', async () => {
    const since = (Date.now() / 1000).toFixed(3)
    const controller = new AbortController()
    const name = uniqueName('evt')
    const events = engine.events.subscribe({
      since,
      filters: { type: ['container'], label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) },
      signal: controller.signal,
    })

    const label = Object.entries(labels).map(([k, v]) => `${k}=${v}`)[0]!
    await docker(info.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      '--label',
      label,
      info.fixtureImage,
      'sleep',
      '300',
    ])
    const seen: EngineEvent[] = []
    for await (const event of events) {
      seen.push(event)
      if (event.action === 'start') break
    }
    controller.abort()

    expect(seen.map((e) => e.action)).toEqual(['create', 'start'])
    expect(seen[1]).toMatchObject({ type: 'container', scope: 'local', attributes: { name } })
    expect(seen[1]!.timeNano).toMatch(/^\d{19}$/)
  })

  it('replays from an exact `since` after a reconnect', async () => {
    const start = (Date.now() / 1000).toFixed(3)
    const label = Object.entries(labels).map(([k, v]) => `${k}=${v}`)[0]!
    const name = uniqueName('evt')
    await docker(info.dockerHost, ['create', '--name', name, '--label', label, info.fixtureImage])
    await docker(info.dockerHost, ['rm', name])

    const first = await Array.fromAsync(
      engine.events.subscribe({
        since: start,
        until: (Date.now() / 1000 + 1).toFixed(3),
        filters: { container: [name] },
      }),
    )
    const created = first.find((e) => e.action === 'create')!
    const replay = await Array.fromAsync(
      engine.events.subscribe({
        since: nanoToSince(created.timeNano),
        until: (Date.now() / 1000 + 1).toFixed(3),
        filters: { container: [name] },
      }),
    )

    expect(first.map((e) => e.action)).toEqual(['create', 'destroy'])
    expect(replay[0]?.timeNano).toBe(created.timeNano)
  })
})

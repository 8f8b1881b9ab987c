import { docker, uniqueName } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { type EngineEvent, type StatsSample, cpuPercent, nanoToSince } from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

describe('stats against a real engine', () => {
  const { engine, run } = useTestEngine()

  it('streams samples whose CPU % is the share of a core the container used between them', async () => {
    const { id, name } = await run({
      cmd: ['sh', '-c', 'while :; do :; done'],
      memoryBytes: 64 * 1024 * 1024,
    })
    const samples = await engine.stats.stream(id)

    // What a busy loop gets depends on what else the machine runs, so the test does not ask for
    // a share: it checks the percentage (from the host's CPU counters, as `docker stats` does)
    // against the container's CPU time per second of the engine's own clock between two reads.
    const pairs: { percent: number; share: number }[] = []
    let previous: StatsSample | undefined
    let last: StatsSample | undefined
    for await (const sample of samples) {
      if (previous?.read !== undefined && sample.read !== undefined) {
        const seconds = (Date.parse(sample.read) - Date.parse(previous.read)) / 1000
        const cpuSeconds = (sample.cpu.totalUsage - previous.cpu.totalUsage) / 1e9
        pairs.push({
          percent: cpuPercent(sample.cpu, previous.cpu),
          share: (cpuSeconds / seconds) * 100,
        })
      }
      previous = sample
      last = sample
      // A starved loop may get next to nothing for a second: read on until it ran in three.
      if (pairs.filter(({ share }) => share > 1).length >= 3) break
    }

    for (const { percent, share } of pairs) {
      expect(Math.abs(percent - share), JSON.stringify({ percent, share })).toBeLessThanOrEqual(
        Math.max(5, share / 5),
      )
    }
    expect(last?.name).toBe(name)
    expect(last!.memoryLimit).toBe(64 * 1024 * 1024)
    expect(last!.memoryUsed).toBeGreaterThan(0)
    expect(last!.memoryUsed).toBeLessThanOrEqual(last!.memoryLimit)
    expect(last!.pids).toBeGreaterThanOrEqual(1)
  })

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

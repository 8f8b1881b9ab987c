import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cpuPercent, toStatsSample } from './stats-sample.ts'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

describe('stats normalisation (fixture: API 1.51 reference, cgroup v2; the engine here serves ≤1.41 on cgroup v1)', () => {
  const sample = toStatsSample(fixture('v1.51/container-stats.json'))

  it('reads identity, network, block I/O and pids', () => {
    expect(sample).toMatchObject({
      id: 'ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743',
      name: 'boring_wozniak',
      networkRx: 5338 + 4641,
      networkTx: 648 + 690,
      blockRead: 7593984,
      blockWrite: 100,
      pids: 5,
      memoryLimit: 8217579520,
    })
  })

  it('takes the cgroup v2 inactive_file out of memory, never going below zero', () => {
    // usage 0 in the reference sample: the subtraction must not produce a negative figure.
    expect(sample.memoryUsed).toBe(0)
    const v2 = toStatsSample({
      memory_stats: { usage: 10_000_000, limit: 2e9, stats: { inactive_file: 2_510_848 } },
    })
    expect(v2.memoryUsed).toBe(10_000_000 - 2_510_848)
  })
})

describe('stats normalisation (shapes seen on Engine 20.10 cgroup v1 and Podman 4.3)', () => {
  it('uses total_inactive_file on cgroup v1, as docker stats does', () => {
    const v1 = toStatsSample({
      name: '/web',
      id: 'abc',
      memory_stats: {
        usage: 1155072,
        limit: 25276502016,
        stats: { cache: 286720, total_inactive_file: 100000 },
      },
    })
    expect(v1).toMatchObject({ name: 'web', memoryUsed: 1155072 - 100000 })
  })

  it('falls back to cache on old engines and reads Podman’s Id and bare name', () => {
    const old = toStatsSample({
      memory_stats: { usage: 5000, limit: 9000, stats: { cache: 1000 } },
    })
    expect(old.memoryUsed).toBe(4000)
    const podman = toStatsSample({
      name: 'pod1',
      Id: 'def',
      memory_stats: { usage: 10, limit: 20 },
    })
    expect(podman).toMatchObject({ id: 'def', name: 'pod1', memoryUsed: 10 })
  })

  it('treats a limit of 2^64-1 as unlimited and a stopped container’s zeroed sample as empty', () => {
    const unlimited = toStatsSample({ memory_stats: { usage: 1, limit: 2 ** 64 } })
    expect(unlimited.memoryLimit).toBe(0)
    const stopped = toStatsSample({
      read: '0001-01-01T00:00:00Z',
      memory_stats: {},
      pids_stats: {},
      blkio_stats: { io_service_bytes_recursive: null },
    })
    expect(stopped).toMatchObject({ memoryUsed: 0, pids: 0, blockRead: 0 })
    expect(stopped.read).toBeUndefined()
  })
})

describe('cpuPercent', () => {
  it('matches the CLI formula on a worked example (docs/engine.md#stats)', () => {
    const current = { totalUsage: 2168958860, systemUsage: 3554460000000, onlineCpus: 2 }
    const previous = { totalUsage: 2167412538, systemUsage: 3552460000000, onlineCpus: 2 }
    expect(cpuPercent(current, previous)).toBeCloseTo(0.155, 3)
  })

  it('is 0 without a previous sample, without system usage, or with no progress', () => {
    const current = { totalUsage: 10, systemUsage: 100, onlineCpus: 1 }
    expect(cpuPercent(current, undefined)).toBe(0)
    expect(cpuPercent({ totalUsage: 10, onlineCpus: 1 }, { totalUsage: 5, onlineCpus: 1 })).toBe(0)
    expect(cpuPercent(current, current)).toBe(0)
  })

  it('falls back from online_cpus to the per-CPU list length', () => {
    const first = toStatsSample({
      cpu_stats: { cpu_usage: { total_usage: 0, percpu_usage: [0, 0, 0, 0] }, system_cpu_usage: 0 },
    })
    expect(first.cpu.onlineCpus).toBe(4)
  })
})

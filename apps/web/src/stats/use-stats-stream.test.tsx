// @vitest-environment jsdom
import '../../test/dom.ts'
import type { StatsSampleDto } from '@harbormaster/contract'
import { renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { statsSampleFixture } from '../../test/fixtures.ts'
import { setupLivePeer } from '../../test/live-peer.ts'
import { useStatsStream } from './use-stats-stream.ts'

// The hook's socket is a real WebSocket; the peer plays the server's stats endpoint.
const live = setupLivePeer()

const T0 = Date.parse('2026-12-04T10:00:00Z')
function sample(second: number, over: Partial<StatsSampleDto> = {}) {
  return {
    type: 'sample',
    sample: statsSampleFixture({
      read: new Date(T0 + second * 1000).toISOString(),
      cpuPercent: 10 * second,
      memoryUsed: 1024 * 1024 * (second + 1),
      ...over,
    }),
  }
}

describe('useStatsStream', () => {
  it("asks for the container's stats and turns samples into chart series", async () => {
    const { result } = renderHook(() => useStatsStream('h1', 'c1', true))
    const conn = await live.peer.connection(0)
    expect(conn.url).toBe('/api/hosts/h1/containers/c1/stats')
    conn.send(sample(0, { networkRx: 1000, networkTx: 0 }))
    conn.send(sample(1, { networkRx: 3000, networkTx: 500 }))
    conn.send(sample(3, { networkRx: 7000, networkTx: 500 }))
    await waitFor(() => {
      expect(result.current.series.time).toHaveLength(3)
    })
    const { series, status } = result.current
    expect(status).toBe('open')
    expect(series.time).toEqual([T0 / 1000, T0 / 1000 + 1, T0 / 1000 + 3])
    expect(series.cpu).toEqual([0, 10, 30])
    expect(series.memory).toEqual([1, 2, 4].map((mib) => mib * 1024 * 1024))
    // Bytes per second between samples, over the time that really passed (2 s for the last).
    expect(series.rxRate).toEqual([0, 2000, 2000])
    expect(series.txRate).toEqual([0, 500, 0])
    expect(series.last?.read).toBe(new Date(T0 + 3000).toISOString())
  })

  it('skips repeated or late samples and messages outside the contract', async () => {
    const { result } = renderHook(() => useStatsStream('h1', 'c1', true))
    const conn = await live.peer.connection(0)
    conn.send(sample(2))
    conn.send(sample(1))
    conn.send(sample(2))
    conn.socket.send('{"type":"sample","sample":{"cpuPercent":"lots"}}')
    conn.socket.send('not json')
    conn.send(sample(3))
    await waitFor(() => {
      expect(result.current.series.last?.read).toBe(new Date(T0 + 3000).toISOString())
    })
    expect(result.current.series.cpu).toEqual([20, 30])
  })

  it("shows the server's error until the next sample", async () => {
    const { result } = renderHook(() => useStatsStream('h1', 'c1', true))
    const conn = await live.peer.connection(0)
    conn.send({ type: 'error', error: { code: 'engine_error', message: 'container is paused' } })
    await waitFor(() => {
      expect(result.current.error).toBe('container is paused')
    })
    conn.send(sample(0))
    await waitFor(() => {
      expect(result.current.error).toBeUndefined()
    })
    expect(result.current.series.time).toHaveLength(1)
  })

  it('opens nothing while disabled and closes its socket when disabled or unmounted', async () => {
    const { result, rerender, unmount } = renderHook(
      ({ enabled }) => useStatsStream('h1', 'c1', enabled),
      { initialProps: { enabled: false } },
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(live.peer.connections).toHaveLength(0)

    rerender({ enabled: true })
    const first = await live.peer.connection(0)
    await waitFor(() => {
      expect(result.current.status).toBe('open')
    })
    rerender({ enabled: false })
    expect(await first.closed).toBe(1000)

    rerender({ enabled: true })
    const second = await live.peer.connection(1)
    await waitFor(() => {
      expect(result.current.status).toBe('open')
    })
    unmount()
    // The server ends the engine's stream when the last viewer goes; it learns of it here.
    expect(await second.closed).toBe(1000)
  })

  it('keeps the last series while disabled and starts a fresh one when enabled again', async () => {
    const { result, rerender } = renderHook(({ enabled }) => useStatsStream('h1', 'c1', enabled), {
      initialProps: { enabled: true },
    })
    const first = await live.peer.connection(0)
    first.send(sample(0))
    first.send(sample(1))
    await waitFor(() => {
      expect(result.current.series.time).toHaveLength(2)
    })
    // The container stopped: its last minutes stay on screen.
    rerender({ enabled: false })
    await first.closed
    expect(result.current.series.time).toHaveLength(2)
    // It runs again: the chart starts over, from the first render that watches it.
    rerender({ enabled: true })
    expect(result.current.series.time).toHaveLength(0)
    const second = await live.peer.connection(1)
    second.send(sample(7, { cpuPercent: 5 }))
    await waitFor(() => {
      expect(result.current.series.cpu).toEqual([5])
    })
  })

  it('starts a fresh series when it watches another container', async () => {
    const { result, rerender } = renderHook(({ id }) => useStatsStream('h1', id, true), {
      initialProps: { id: 'c1' },
    })
    const first = await live.peer.connection(0)
    first.send(sample(0))
    first.send(sample(1))
    await waitFor(() => {
      expect(result.current.series.time).toHaveLength(2)
    })
    rerender({ id: 'c2' })
    const second = await live.peer.connection(1)
    expect(second.url).toBe('/api/hosts/h1/containers/c2/stats')
    await waitFor(() => {
      expect(result.current.series.time).toHaveLength(0)
    })
    second.send(sample(5, { id: 'c2', cpuPercent: 42 }))
    await waitFor(() => {
      expect(result.current.series.cpu).toEqual([42])
    })
  })
})

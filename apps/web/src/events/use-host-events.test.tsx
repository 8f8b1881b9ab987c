// @vitest-environment jsdom
import '../../test/dom.ts'
import { QueryClient, QueryClientProvider, useQueries } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { setupLivePeer } from '../../test/live-peer.ts'
import { useHostEvents } from './use-host-events.ts'

// The hook's socket is jsdom's real WebSocket; the peer plays the server's events endpoint.
const live = setupLivePeer('/hosts/h1/containers')

const KEYS = {
  containers: ['hosts', 'h1', 'containers', 'list'],
  images: ['hosts', 'h1', 'images', 'list'],
  otherHost: ['hosts', 'h2', 'containers', 'list'],
  hostList: ['hosts', 'list'],
  overview: ['hosts', 'h1', 'system', 'info'],
}

/**
 * A query client and a view that watches a query under each key (so a stale query is read
 * again, as on screen), counting the reads of each. The data starts fresh: no read at mount.
 */
function seededClient() {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  })
  const reads = new Map<string, number>()
  for (const key of Object.values(KEYS)) client.setQueryData(key, 0)
  const count = (key: string[]) => reads.get(JSON.stringify(key)) ?? 0
  const useView = (hostId: string) => {
    useQueries({
      queries: Object.values(KEYS).map((key) => ({
        queryKey: key,
        queryFn: () => {
          const n = count(key) + 1
          reads.set(JSON.stringify(key), n)
          return n
        },
      })),
    })
    return useHostEvents(hostId)
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  )
  return { count, useView, wrapper }
}

function event(type: string, action: string, id = 'c1') {
  return {
    type: 'event',
    event: {
      type,
      action,
      actorId: id,
      attributes: { name: id },
      scope: 'local',
      timeNano: String(Date.now() * 1e6),
    },
  }
}

describe('useHostEvents', () => {
  it("opens the host's events socket from the page's origin and goes live", async () => {
    const { useView, wrapper } = seededClient()
    const { result } = renderHook(() => useView('h1'), { wrapper })
    expect(result.current).toBe('connecting')
    const conn = await live.peer.connection(0)
    expect(conn.url).toBe('/api/hosts/h1/events')
    expect(conn.origin).toBe(live.peer.origin)
    await waitFor(() => {
      expect(result.current).toBe('live')
    })
  })

  it("marks stale only the queries an event names, and only this host's", async () => {
    const { count, useView, wrapper } = seededClient()
    renderHook(() => useView('h1'), { wrapper })
    const conn = await live.peer.connection(0)
    conn.send(event('container', 'start'))
    await waitFor(() => {
      expect(count(KEYS.containers)).toBe(1)
    })
    expect(count(KEYS.overview)).toBe(1)
    expect(count(KEYS.images)).toBe(0)
    expect(count(KEYS.otherHost)).toBe(0)

    conn.send(event('image', 'tag', 'sha256:abc'))
    await waitFor(() => {
      expect(count(KEYS.images)).toBe(1)
    })
    expect(count(KEYS.containers)).toBe(1)
  })

  it('collapses a burst of events into few refreshes, the first at once', async () => {
    const { count, useView, wrapper } = seededClient()
    renderHook(() => useView('h1'), { wrapper })
    const conn = await live.peer.connection(0)
    const sentAt = Date.now()
    for (let i = 0; i < 50; i++) conn.send(event('container', i % 2 ? 'stop' : 'die', `c${i}`))
    await waitFor(() => {
      expect(count(KEYS.containers)).toBeGreaterThanOrEqual(1)
    })
    // The leading edge: the first refresh does not wait for the burst to end.
    expect(Date.now() - sentAt).toBeLessThan(1000)
    await new Promise((resolve) => setTimeout(resolve, 600))
    // 50 events sent in one go: the first refresh, then at most one per 200 ms window.
    expect(count(KEYS.containers)).toBeGreaterThanOrEqual(1)
    expect(count(KEYS.containers)).toBeLessThanOrEqual(3)
  })

  it('ignores a message that is not in the contract and stays live', async () => {
    const { count, useView, wrapper } = seededClient()
    const { result } = renderHook(() => useView('h1'), { wrapper })
    const conn = await live.peer.connection(0)
    await waitFor(() => {
      expect(result.current).toBe('live')
    })
    conn.socket.send('not json')
    conn.send({ type: 'event', event: { type: 'container' } })
    conn.send(event('volume', 'create', 'v1'))
    await waitFor(() => {
      expect(count(KEYS.overview)).toBe(1)
    })
    expect(count(KEYS.containers)).toBe(0)
    expect(result.current).toBe('live')
  })

  it('shows the host going down and coming back, then refreshes what may have been missed', async () => {
    const { count, useView, wrapper } = seededClient()
    const { result } = renderHook(() => useView('h1'), { wrapper })
    const conn = await live.peer.connection(0)
    conn.send({ type: 'host', state: 'disconnected' })
    await waitFor(() => {
      expect(result.current).toBe('host-down')
    })
    conn.send({ type: 'host', state: 'reconnected' })
    await waitFor(() => {
      expect(result.current).toBe('live')
    })
    await waitFor(() => {
      expect(count(KEYS.containers)).toBe(1)
    })
    expect(count(KEYS.images)).toBe(1)
    expect(count(KEYS.otherHost)).toBe(0)
  })

  it('reconnects after an unexpected close and refreshes every view of the host', async () => {
    const { count, useView, wrapper } = seededClient()
    const { result } = renderHook(() => useView('h1'), { wrapper })
    const first = await live.peer.connection(0)
    await waitFor(() => {
      expect(result.current).toBe('live')
    })
    first.socket.close(1011, 'server error')
    await waitFor(() => {
      expect(result.current).toBe('reconnecting')
    })
    await live.peer.connection(1)
    await waitFor(() => {
      expect(result.current).toBe('live')
    })
    await waitFor(() => {
      expect(count(KEYS.containers)).toBe(1)
    })
    expect(count(KEYS.images)).toBe(1)
    expect(count(KEYS.otherHost)).toBe(0)
  })

  it('stops for good when the server says the host is gone', async () => {
    const { useView, wrapper } = seededClient()
    const { result } = renderHook(() => useView('h1'), { wrapper })
    const conn = await live.peer.connection(0)
    conn.socket.close(4404, 'host removed')
    await waitFor(() => {
      expect(result.current).toBe('closed')
    })
    // Longer than the first backoff (at most 500 ms): no second connection was tried.
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(live.peer.connections).toHaveLength(1)
  })

  it('closes its socket normally when the view unmounts', async () => {
    const { useView, wrapper } = seededClient()
    const { result, unmount } = renderHook(() => useView('h1'), { wrapper })
    const conn = await live.peer.connection(0)
    await waitFor(() => {
      expect(result.current).toBe('live')
    })
    unmount()
    expect(await conn.closed).toBe(1000)
  })
})

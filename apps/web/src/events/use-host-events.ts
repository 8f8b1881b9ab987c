import { eventsServerMessageSchema } from '@harbormaster/contract'
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl } from '../platform/socket.ts'
import { keysForEvent } from './event-keys.ts'
import { hostSocketOpened } from './live-hosts.ts'

export type HostLink = 'connecting' | 'live' | 'host-down' | 'reconnecting' | 'closed'

const COALESCE_MS = 200

/**
 * The host's events WebSocket keeps every view of that host fresh: an event marks the matching
 * queries stale (bursts coalesced), so nothing polls. Reconnects with backoff; a reconnect, or
 * the host coming back, refreshes everything of the host because events may have been missed.
 */
export function useHostEvents(hostId: string | undefined): HostLink {
  const queryClient = useQueryClient()
  const [link, setLink] = useState<HostLink>('connecting')
  useEffect(() => {
    if (hostId === undefined) return
    const pending = new Map<string, string[]>()
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastFlush = 0
    // Leading edge: the first event after a quiet spell refreshes at once (a change shows in
    // the time of one list request); during a burst, at most one refresh per COALESCE_MS.
    const schedule = (keys: string[][]) => {
      for (const key of keys) pending.set(key.join('\0'), key)
      if (timer !== undefined) return
      const wait = Math.max(0, lastFlush + COALESCE_MS - Date.now())
      timer = setTimeout(() => {
        lastFlush = Date.now()
        timer = undefined
        flush(queryClient, pending)
      }, wait)
    }
    let opened = 0
    // While open, the host's alert notices come on this socket: the bell need not ask.
    let release: (() => void) | undefined
    const socket = openLiveSocket({
      url: () => wsUrl(apiPath`/hosts/${hostId}/events`),
      reconnect: true,
      onOpen: () => {
        if (opened++ > 0) schedule([['hosts', hostId]])
      },
      onStatus: (status) => {
        if (status === 'open') release ??= hostSocketOpened(hostId)
        else {
          release?.()
          release = undefined
        }
        if (status === 'open') setLink('live')
        else if (status === 'closed') setLink('closed')
        else setLink(status === 'connecting' ? 'connecting' : 'reconnecting')
      },
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const message = eventsServerMessageSchema.safeParse(parseJson(data))
        if (!message.success) return
        const m = message.data
        if (m.type === 'event') schedule(keysForEvent(hostId, m.event))
        else if (m.type === 'host') {
          setLink(m.state === 'disconnected' ? 'host-down' : 'live')
          if (m.state === 'reconnected')
            schedule([
              ['hosts', hostId],
              ['hosts', 'list'],
            ])
          else schedule([['hosts', 'list']])
        } else if (m.type === 'alert') schedule([['alerts']])
      },
    })
    return () => {
      clearTimeout(timer)
      socket.close()
      release?.()
    }
  }, [hostId, queryClient])
  return link
}

function flush(queryClient: QueryClient, pending: Map<string, string[]>) {
  for (const key of pending.values()) void queryClient.invalidateQueries({ queryKey: key })
  pending.clear()
}

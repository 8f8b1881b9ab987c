import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api, ApiRequestError, errorMessage, unwrap } from '../platform/api-client.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'
import { blockForError, blockForState, type TerminalBlock } from './terminal-check.ts'

export type TerminalGate =
  | { kind: 'checking' }
  /** Cleared to connect; a new attempt number means a new session. */
  | { kind: 'open'; attempt: number }
  | { kind: 'blocked'; block: TerminalBlock }

async function checkContainer(
  hostId: string,
  containerId: string,
  signal: AbortSignal,
): Promise<TerminalBlock | undefined> {
  try {
    const detail = await unwrap(
      api.hosts[':hostId'].containers[':id'].$get(
        { param: { hostId, id: containerId } },
        { init: { signal } },
      ),
    )
    return blockForState(detail.state)
  } catch (err) {
    if (signal.aborted) return undefined
    if (err instanceof ApiRequestError) return blockForError(err.status, err.message)
    return blockForError(-1, errorMessage(err))
  }
}

/**
 * Asks the API about the container before every (re)connect, and again when a session drops, so
 * the user reads why (not running, paused, gone, refused) instead of "connection lost". The
 * container's state as the page knows it (kept fresh by the host's events) re-runs the check.
 */
export function useTerminalGate(
  hostId: string,
  containerId: string,
  known: { running: boolean; paused: boolean },
) {
  const [gate, setGate] = useState<TerminalGate>({ kind: 'checking' })
  const attempt = useRef(0)
  const pending = useRef<AbortController | undefined>(undefined)

  // Asks the API; the caller shows 'checking' first when the answer is to open a new session.
  const run = useCallback(
    (mode: 'connect' | 'recheck') => {
      pending.current?.abort()
      const controller = new AbortController()
      pending.current = controller
      void checkContainer(hostId, containerId, controller.signal).then((block) => {
        if (controller.signal.aborted) return
        if (block) setGate({ kind: 'blocked', block })
        // After a drop with nothing wrong, the session's own message and Reconnect stay.
        else if (mode === 'connect') setGate({ kind: 'open', attempt: ++attempt.current })
      })
    },
    [hostId, containerId],
  )

  const { running, paused } = known
  useResetOnChange([run, running, paused], () => {
    setGate({ kind: 'checking' })
  })
  useEffect(() => {
    run('connect')
    return () => pending.current?.abort()
  }, [run, running, paused])

  return {
    gate,
    reconnect: useCallback(() => {
      setGate({ kind: 'checking' })
      run('connect')
    }, [run]),
    recheck: useCallback(() => {
      run('recheck')
    }, [run]),
  }
}

/** Starts or resumes the container; its events then refresh the page, which re-runs the check. */
export function useRemedy(hostId: string, containerId: string) {
  const queryClient = useQueryClient()
  return useCallback(
    async (remedy: NonNullable<TerminalBlock['remedy']>) => {
      const c = api.hosts[':hostId'].containers[':id']
      const param = { hostId, id: containerId }
      await unwrap(remedy === 'start' ? c.start.$post({ param }) : c.unpause.$post({ param }))
      // The person who clicked should not wait for the event.
      await queryClient.invalidateQueries({ queryKey: ['hosts', hostId, 'containers'] })
    },
    [hostId, containerId, queryClient],
  )
}

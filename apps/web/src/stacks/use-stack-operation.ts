import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { containerKeys } from '../containers/index.ts'
import { errorMessage } from '../platform/api-client.ts'
import { useToast } from '../ui/index.ts'
import { emptyProgress, type StackProgress } from './stack-progress.ts'
import type { OnProgress } from './stack-stream.ts'
import { stackKeys } from './queries.ts'

type Start = (onProgress: OnProgress, signal: AbortSignal) => Promise<StackProgress>

export interface StackOperation {
  /** What runs or ran, e.g. "Stopping shop". */
  title: string | undefined
  progress: StackProgress
  running: boolean
  cancelled: boolean
  /** The server's or the engine's words when it failed. */
  error: string | undefined
  run: (title: string, start: Start, doneTitle: string) => Promise<void>
  cancel: () => void
  dismiss: () => void
}

/**
 * One stack operation at a time, its steps as they stream, and its end: a toast when it worked,
 * the engine's words when it did not, fresh stack and container views either way. Cancel (or
 * leaving the page) aborts the request, and the server stops the operation.
 */
export function useStackOperation(hostId: string): StackOperation {
  const [title, setTitle] = useState<string | undefined>()
  const [progress, setProgress] = useState<StackProgress>(emptyProgress)
  const [running, setRunning] = useState(false)
  const [cancelled, setCancelled] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()
  const abort = useRef<AbortController | undefined>(undefined)
  const queryClient = useQueryClient()
  const toast = useToast()
  useEffect(() => () => abort.current?.abort(), [])

  const run = async (nextTitle: string, start: Start, doneTitle: string) => {
    abort.current?.abort()
    const controller = new AbortController()
    abort.current = controller
    setTitle(nextTitle)
    setProgress(emptyProgress)
    setFailure(undefined)
    setCancelled(false)
    setRunning(true)
    try {
      const final = await start(setProgress, controller.signal)
      if (final.error === undefined && final.changes !== undefined)
        toast({ tone: 'ok', title: doneTitle })
      else if (final.error === undefined)
        setFailure('The answer ended before the operation did: reload to see where it stands')
    } catch (err) {
      if (!controller.signal.aborted) setFailure(errorMessage(err))
    } finally {
      if (abort.current === controller) setRunning(false)
      void queryClient.invalidateQueries({ queryKey: stackKeys.all(hostId) })
      void queryClient.invalidateQueries({ queryKey: containerKeys.all(hostId) })
    }
  }
  return {
    title,
    progress,
    running,
    cancelled,
    error: failure ?? progress.error,
    run,
    cancel: () => {
      abort.current?.abort()
      setCancelled(true)
    },
    dismiss: () => {
      setTitle(undefined)
    },
  }
}

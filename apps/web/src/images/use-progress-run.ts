import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { useToast } from '../ui/index.ts'
import { emptyBuildOutput, type BuildOutput } from './build-output.ts'
import { imageKeys } from './queries.ts'

type Start = (
  onProgress: (output: BuildOutput) => void,
  signal: AbortSignal,
) => Promise<BuildOutput>

/**
 * One build or import at a time, its output as it streams, and its end: a toast when it worked,
 * the engine's words when it did not, and a fresh image list either way. Closing the dialog
 * aborts the request, which stops the engine's work.
 */
export function useProgressRun(hostId: string) {
  const [output, setOutput] = useState<BuildOutput>(emptyBuildOutput)
  const [running, setRunning] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()
  const abort = useRef<AbortController | undefined>(undefined)
  const queryClient = useQueryClient()
  const toast = useToast()
  useEffect(() => () => abort.current?.abort(), [])

  const run = async (start: Start, doneTitle: (output: BuildOutput) => string) => {
    setOutput(emptyBuildOutput)
    setFailure(undefined)
    setRunning(true)
    abort.current = new AbortController()
    try {
      const final = await start(setOutput, abort.current.signal)
      if (final.error === undefined) toast({ tone: 'ok', title: doneTitle(final) })
    } catch (err) {
      if (!abort.current.signal.aborted) setFailure(errorMessage(err))
    } finally {
      setRunning(false)
      void queryClient.invalidateQueries({ queryKey: imageKeys.all(hostId) })
    }
  }
  const cancel = () => {
    abort.current?.abort()
  }
  return { output, running, error: failure ?? output.error, run, cancel }
}

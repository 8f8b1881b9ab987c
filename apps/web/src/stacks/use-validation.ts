import type { StackIssue, StackTarget } from '@harbormaster/contract'
import { useEffect, useState } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { validateStack } from './deploy-calls.ts'

/** How long typing must pause before the draft is checked. */
export const VALIDATE_DEBOUNCE_MS = 400

export interface Validation {
  issues: StackIssue[]
  /** The texts the issues were found in (their lines and columns are of these). */
  compose: string
  env: string
  /** The check itself failed (not the file): why, in the server's words. */
  error: string | undefined
  checking: boolean
}

const none: StackIssue[] = []

/**
 * The server's issues with a draft, checked once typing pauses; a newer draft aborts the check
 * of an older one, so marks never belong to text that is gone. A new `revision` checks the same
 * draft again: the files it names changed (an upload into the stack's folder).
 */
export function useValidation(
  hostId: string,
  draft: {
    name: string
    compose: string
    env: string
    revision?: number
    /** Check for this target (a new stack's choice); default the stored stack's. */
    target?: StackTarget | undefined
  },
): Validation {
  const { name, compose, env, revision = 0, target } = draft
  const [result, setResult] = useState<Omit<Validation, 'checking'>>({
    issues: none,
    compose: '',
    env: '',
    error: undefined,
  })
  const [checked, setChecked] = useState<string | undefined>()
  const key = `${name}\0${compose}\0${env}\0${String(revision)}\0${target ?? ''}`
  useEffect(() => {
    if (name === '') return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      validateStack(hostId, { name, compose, env, target }, controller.signal).then(
        (validation) => {
          setResult({ issues: validation.issues, compose, env, error: undefined })
          setChecked(key)
        },
        (err: unknown) => {
          if (controller.signal.aborted) return
          setResult({ issues: none, compose, env, error: errorMessage(err) })
          setChecked(key)
        },
      )
    }, VALIDATE_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [hostId, name, compose, env, target, key])
  return { ...result, checking: checked !== key }
}

import { useState, type FocusEvent } from 'react'
import type { FormErrors } from './create-form.ts'

/**
 * The errors worth showing: a field's once the user has left it (not while they first type
 * into it), every one once they try to submit. After that a field's error follows each keystroke.
 */
export function shownErrors(
  errors: FormErrors,
  left: ReadonlySet<string>,
  submitted: boolean,
): FormErrors {
  if (submitted) return errors
  return Object.fromEntries(Object.entries(errors).filter(([key]) => left.has(key)))
}

/** Inline validation state for a form whose errors are keyed by field. */
export function useInlineErrors(errors: FormErrors) {
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  return {
    shown: shownErrors(errors, left, submitted),
    /** Marks fields (by error key) as left by the user. */
    leave: (...keys: string[]) => {
      setLeft((prev) => (keys.every((k) => prev.has(k)) ? prev : new Set([...prev, ...keys])))
    },
    submit: () => {
      setSubmitted(true)
    },
  }
}

/** A blur handler for a group of inputs: fires when focus leaves the group, not within it. */
export function onFocusLeave(callback: () => void) {
  return (event: FocusEvent<HTMLElement>) => {
    const next = event.relatedTarget
    if (!(next instanceof Node) || !event.currentTarget.contains(next)) callback()
  }
}

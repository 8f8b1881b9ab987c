import { useId, useState } from 'react'
import { forms } from '../ui/index.ts'
import { isValidSince, SINCE_HINT } from './since.ts'
import styles from './since-input.module.css'

/**
 * The log's start, applied on Enter or when the box is left, and only when valid: each applied
 * value reopens the log socket, so a half-typed `1h3` must not.
 */
export function SinceInput({ value, onApply }: { value: string; onApply: (v: string) => void }) {
  const [draft, setDraft] = useState(value)
  const [applied, setApplied] = useState(value)
  // A link can carry a bad value: say so from the start.
  const [invalid, setInvalid] = useState(!isValidSince(value))
  const errorId = useId()
  // The URL can change it too (back, a link): the box follows.
  if (applied !== value) {
    setApplied(value)
    setDraft(value)
    setInvalid(!isValidSince(value))
  }
  const apply = () => {
    const next = draft.trim()
    setInvalid(!isValidSince(next))
    if (isValidSince(next) && next !== value) onApply(next)
  }
  return (
    <>
      <input
        aria-label="Since"
        placeholder="since (10m, 2h, RFC 3339)"
        className={styles.since}
        value={draft}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => {
          setDraft(e.target.value)
          setInvalid(false)
        }}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply()
        }}
      />
      {invalid && (
        <span id={errorId} className={forms.fieldError}>
          {SINCE_HINT}
        </span>
      )}
    </>
  )
}

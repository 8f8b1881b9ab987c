import { useId } from 'react'
import { forms } from '../ui/index.ts'

/** A password input with its label and, when there is one, the problem under it. */
export function PasswordField({
  label,
  value,
  onChange,
  onBlur,
  problem,
  autoComplete = 'new-password',
}: {
  label: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  problem: string | undefined
  autoComplete?: 'new-password' | 'current-password'
}) {
  const problemId = useId()
  return (
    <label className={forms.field}>
      <span>{label}</span>
      <input
        type="password"
        autoComplete={autoComplete}
        value={value}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : problemId}
        onChange={(e) => {
          onChange(e.target.value)
        }}
        onBlur={onBlur}
      />
      {problem !== undefined && (
        <small className={forms.fieldError} id={problemId}>
          {problem}
        </small>
      )}
    </label>
  )
}

import { useId } from 'react'
import { forms, texts } from '../ui/index.ts'

/**
 * First-run setup's code: the server prints it in its log at start, so only whoever runs the
 * server can create the first administrator. The hint says where to look.
 */
export function SetupCodeField({
  value,
  onChange,
  problem,
}: {
  value: string
  onChange: (value: string) => void
  problem: string | undefined
}) {
  const labelId = useId()
  const hintId = useId()
  const problemId = useId()
  // Named by its label alone (the hint inside the label would be read as part of the name).
  return (
    <label className={forms.field}>
      <span id={labelId}>Setup code</span>
      <input
        autoFocus
        aria-labelledby={labelId}
        value={value}
        placeholder="XXXX-XXXX-XXXX-XXXX"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? hintId : `${hintId} ${problemId}`}
        onChange={(e) => {
          onChange(e.target.value)
        }}
      />
      <small className={texts.muted} id={hintId}>
        Printed in the server&apos;s log at start: <code>docker logs harbormaster</code> (or the
        terminal running <code>npm start</code>).
      </small>
      {problem !== undefined && (
        <small className={forms.fieldError} id={problemId}>
          {problem}
        </small>
      )}
    </label>
  )
}

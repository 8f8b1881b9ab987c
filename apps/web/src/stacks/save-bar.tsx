import { clsx } from 'clsx'
import { Button, forms, layout } from '../ui/index.ts'
import styles from './save-bar.module.css'

/** A save with an optional comment (what changed, or why), under a stack's editor. */
export function SaveBar({
  comment,
  onComment,
  placeholder,
  label,
  busy,
  unsaved,
  onSave,
}: {
  comment: string
  onComment: (text: string) => void
  placeholder: string
  label: string
  busy: boolean
  /** Undefined where there is always something to save (an adoption). */
  unsaved?: boolean | undefined
  onSave: () => void
}) {
  return (
    <form
      className={clsx(layout.inlineForm, styles.bar)}
      onSubmit={(e) => {
        e.preventDefault()
        onSave()
      }}
    >
      <input
        aria-label="Comment"
        placeholder={placeholder}
        value={comment}
        maxLength={1024}
        onChange={(e) => {
          onComment(e.target.value)
        }}
      />
      <Button type="submit" variant="primary" busy={busy} disabled={unsaved === false}>
        {label}
      </Button>
      {unsaved === true && <span className={forms.fieldError}>Unsaved changes</span>}
    </form>
  )
}

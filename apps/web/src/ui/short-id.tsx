import { shortId } from '../platform/format.ts'
import { CopyButton } from './copy-button.tsx'
import styles from './short-id.module.css'

/** An id shortened to 12 characters like the CLI, the full id on hover and a copy button. */
export function ShortId({ id }: { id: string }) {
  return (
    <span className={styles.shortId}>
      <code title={id}>{shortId(id)}</code>
      <CopyButton value={id} label="Copy full id" />
    </span>
  )
}

import { shortId } from '../platform/format.ts'
import { CopyButton } from './copy-button.tsx'

/** An id shortened to 12 characters like the CLI, the full id on hover and a copy button. */
export function ShortId({ id }: { id: string }) {
  return (
    <span className="short-id">
      <code title={id}>{shortId(id)}</code>
      <CopyButton value={id} label="Copy full id" />
    </span>
  )
}

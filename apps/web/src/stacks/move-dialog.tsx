import { useState } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { Button, Dialog, dialogActions, forms, TextField } from '../ui/index.ts'

/**
 * Renames or moves one file or folder of the stack's folder: the new path, relative to it. The
 * server's refusal (something there already, no such folder) is shown in the dialog.
 */
export function MoveDialog({
  from,
  onMove,
  onClose,
}: {
  from: string
  onMove: (to: string) => Promise<unknown>
  onClose: () => void
}) {
  const [to, setTo] = useState(from)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await onMove(to.trim())
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open title={`Rename or move ${from}`} onClose={onClose}>
      <form
        className={forms.form}
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <TextField label="New path in the stack’s folder" value={to} onChange={setTo} />
        {error !== undefined && <p className={forms.formError}>{error}</p>}
        <div className={dialogActions}>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={to.trim() === '' || to.trim() === from}
          >
            Move
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

import { renameSchema } from '@harbormaster/contract'
import { type SubmitEvent, useState } from 'react'
import { Button, Dialog, FormActions, forms, useToast } from '../ui/index.ts'
import { Field } from './create-fields.tsx'
import { useRenameContainer } from './queries.ts'

/** A "Rename" button and its dialog; the engine's refusal (a name in use) is shown as it is. */
export function RenameButton({
  hostId,
  id,
  name,
  onRenamed,
}: {
  hostId: string
  id: string
  name: string
  onRenamed: (name: string) => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        onClick={() => {
          setOpen(true)
        }}
      >
        Rename
      </Button>
      {open && (
        <RenameDialog
          hostId={hostId}
          id={id}
          name={name}
          onClose={() => {
            setOpen(false)
          }}
          onRenamed={onRenamed}
        />
      )}
    </>
  )
}

function RenameDialog({
  hostId,
  id,
  name,
  onClose,
  onRenamed,
}: {
  hostId: string
  id: string
  name: string
  onClose: () => void
  onRenamed: (name: string) => void
}) {
  const toast = useToast()
  const [draft, setDraft] = useState(name)
  const rename = useRenameContainer(hostId, id)
  const next = draft.trim().replace(/^\//, '')
  const parsed = renameSchema.shape.name.safeParse(next)
  // Shown as the user types, once there is something to judge.
  const problem =
    next === name
      ? 'That is its name already'
      : parsed.success
        ? undefined
        : parsed.error.issues[0]?.message
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (problem !== undefined) return
    rename.mutate(next, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Renamed ${name} to ${next}` })
        onClose()
        onRenamed(next)
      },
    })
  }
  return (
    <Dialog open title={`Rename ${name}`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <Field label="New name" error={draft === name ? undefined : problem}>
          <input
            value={draft}
            autoFocus
            aria-invalid={draft !== name && problem !== undefined}
            onChange={(e) => {
              setDraft(e.target.value)
            }}
          />
        </Field>
        <FormActions
          error={rename.error}
          submit="Rename"
          busy={rename.isPending}
          disabled={problem !== undefined}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}

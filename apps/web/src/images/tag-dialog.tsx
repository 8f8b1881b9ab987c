import type { ImageSummary } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { Dialog, FormActions, forms, TextField, useToast } from '../ui/index.ts'
import { parseTagInput } from './image-reference.ts'
import { tagImage, imageKeys } from './queries.ts'

/** `docker tag`: one more name for the same image. */
export function TagDialog({
  hostId,
  image,
  name,
  onClose,
}: {
  hostId: string
  image: ImageSummary
  name: string
  onClose: () => void
}) {
  const [reference, setReference] = useState('')
  const [touched, setTouched] = useState(false)
  const queryClient = useQueryClient()
  const toast = useToast()
  const parsed = parseTagInput(reference)
  const tag = useMutation({
    mutationFn: () => (parsed.ok ? tagImage(hostId, image.id, parsed.input) : Promise.resolve()),
    onSuccess: () => {
      toast({ tone: 'ok', title: `Tagged ${name} as ${reference.trim()}` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: imageKeys.all(hostId) }),
  })
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (parsed.ok) tag.mutate()
  }
  return (
    <Dialog open title={`Tag ${name}`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <TextField
          label="New name (repository:tag)"
          placeholder="e.g. registry.example:5000/team/app:1.0"
          value={reference}
          onChange={setReference}
        />
        {touched && !parsed.ok && <small className={forms.fieldError}>{parsed.error}</small>}
        <FormActions error={tag.error} submit="Tag" busy={tag.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

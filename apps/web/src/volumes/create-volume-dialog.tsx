import { volumeCreateSchema, type VolumeCreateInput } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type SubmitEvent } from 'react'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { Button, Dialog, useToast } from '../ui/index.ts'

/** Create a named volume (local driver unless another is given). */
export function CreateVolumeDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [name, setName] = useState('')
  const [driver, setDriver] = useState('')
  const [touched, setTouched] = useState(false)
  const input: VolumeCreateInput = {
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(driver.trim() ? { driver: driver.trim() } : {}),
  }
  const parsed = volumeCreateSchema.safeParse(input)
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.hosts[':hostId'].volumes.$post({ param: { hostId }, json: input })),
    onSuccess: (v) => {
      toast({ tone: 'ok', title: `Created volume ${v.name}` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['hosts', hostId, 'volumes'] }),
  })
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setTouched(true)
    if (parsed.success) create.mutate()
  }
  return (
    <Dialog open title="Create a volume" onClose={onClose}>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <label className="field">
          <span>Name (empty: a generated one)</span>
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value)
            }}
          />
        </label>
        <label className="field">
          <span>Driver (empty: local)</span>
          <input
            value={driver}
            onChange={(e) => {
              setDriver(e.target.value)
            }}
          />
        </label>
        {touched && !parsed.success && (
          <small className="field-error">
            {parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
          </small>
        )}
        {create.isError && (
          <p className="form-error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="dialog-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

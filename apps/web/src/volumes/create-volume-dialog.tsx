import { volumeCreateSchema, type VolumeCreateInput } from '@harbormaster/contract'
import { useState } from 'react'
import { api, unwrap } from '../platform/api-client.ts'
import { parseKeyValueLines } from '../platform/key-value-lines.ts'
import { CreateDialog, TextField, issuesOf } from '../ui/index.ts'
import { volumeKeys } from './queries.ts'

/** Create a named volume (local driver unless another is given). */
export function CreateVolumeDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const [name, setName] = useState('')
  const [driver, setDriver] = useState('')
  const [labelText, setLabelText] = useState('')
  const labels = parseKeyValueLines(labelText)
  const input: VolumeCreateInput = {
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(driver.trim() ? { driver: driver.trim() } : {}),
    ...(Object.keys(labels.values).length > 0 ? { labels: labels.values } : {}),
  }
  const problem = labels.error ?? issuesOf(volumeCreateSchema.safeParse(input))
  return (
    <CreateDialog
      title="Create a volume"
      problem={problem}
      create={() => unwrap(api.hosts[':hostId'].volumes.$post({ param: { hostId }, json: input }))}
      createdTitle={(v) => `Created volume ${v.name}`}
      refreshKey={volumeKeys.all(hostId)}
      onClose={onClose}
    >
      <TextField label="Name (empty: a generated one)" value={name} onChange={setName} />
      <TextField label="Driver (empty: local)" value={driver} onChange={setDriver} />
      <TextField
        label="Labels (key=value per line)"
        multiline
        value={labelText}
        onChange={setLabelText}
      />
    </CreateDialog>
  )
}

import type { StackUpInput } from '@harbormaster/contract'
import { useState } from 'react'
import { Button, Dialog, dialogActions, forms, layout } from '../ui/index.ts'

/** What to deploy: the latest version, or a saved one (a rollback). */
export interface DeployRequest {
  /** Undefined: the latest saved version. */
  version: number | undefined
  latest: number | undefined
}

/** Deploy (`up`): how to pull, and whether containers of removed services go too. */
export function DeployDialog({
  name,
  request,
  onClose,
  onDeploy,
}: {
  name: string
  request: DeployRequest | undefined
  onClose: () => void
  onDeploy: (input: StackUpInput) => void
}) {
  const [pull, setPull] = useState<'missing' | 'always'>('missing')
  const [removeOrphans, setRemoveOrphans] = useState(false)
  const version = request?.version
  const title =
    version === undefined
      ? `Deploy ${name}${request?.latest === undefined ? '' : ` (version ${request.latest})`}`
      : `Deploy version ${version} of ${name}`
  return (
    <Dialog open={request !== undefined} title={title} onClose={onClose}>
      <div className={forms.form}>
        <label className={forms.field}>
          Images
          <select
            value={pull}
            onChange={(e) => {
              setPull(e.target.value === 'always' ? 'always' : 'missing')
            }}
          >
            <option value="missing">Pull only images missing on the host</option>
            <option value="always">Pull every image (redeploy newer ones)</option>
          </select>
        </label>
        <label className={layout.check}>
          <input
            type="checkbox"
            checked={removeOrphans}
            onChange={(e) => {
              setRemoveOrphans(e.target.checked)
            }}
          />
          Remove containers of services no longer in the file
        </label>
      </div>
      <div className={dialogActions}>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="primary"
          onClick={() => {
            onDeploy({ pull, removeOrphans, ...(version === undefined ? {} : { version }) })
          }}
        >
          Deploy
        </Button>
      </div>
    </Dialog>
  )
}

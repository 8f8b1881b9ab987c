import type { SwarmNodeDetails } from '@harbormaster/contract'
import { type SubmitEvent, useState } from 'react'
import { useLocation } from 'wouter'
import { Dialog, FormActions, forms, useToast } from '../../ui/index.ts'
import { useRemoveNode } from './node-queries.ts'

/**
 * Removes a node that is down from the swarm's list. Force is for a node swarm has not given up
 * on; the box says what it does. A manager is refused either way until it is demoted (swarm's
 * words are shown).
 */
export function RemoveNodeDialog({
  hostId,
  node,
  onClose,
}: {
  hostId: string
  node: SwarmNodeDetails
  onClose: () => void
}) {
  const toast = useToast()
  const [, navigate] = useLocation()
  const [force, setForce] = useState(false)
  const remove = useRemoveNode(hostId, node.id)
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    remove.mutate(force, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Removed ${node.hostname} from the swarm` })
        onClose()
        navigate(`/hosts/${encodeURIComponent(hostId)}/swarm/nodes`)
      },
    })
  }
  return (
    <Dialog open title={`Remove ${node.hostname}?`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <p>
          {node.hostname} is {node.state}. Removing it deletes it from the swarm’s list; its tasks
          were already rescheduled. A manager must be demoted first. To come back, the machine must
          join again with a token.
        </p>
        <label>
          <input
            type="checkbox"
            checked={force}
            onChange={(e) => {
              setForce(e.target.checked)
            }}
          />{' '}
          Force: remove it even though swarm has not given up on it (it may still be running tasks).
          If the machine comes back, it must run <code>docker swarm leave --force</code> before it
          can join again.
        </label>
        <FormActions
          error={remove.error}
          submit="Remove node"
          busy={remove.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}

import type { SwarmNodeDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import { Button, layout, texts, useConfirm, useToast } from '../../ui/index.ts'
import { swarmNodesOptions } from '../queries.ts'
import { DrainDialog } from './drain-dialog.tsx'
import { LabelsDialog } from './labels-dialog.tsx'
import { useUpdateNode } from './node-queries.ts'
import { quorumNote } from './quorum.ts'
import { RemoveNodeDialog } from './remove-node-dialog.tsx'

type Open = 'drain' | 'labels' | 'remove' | undefined

/** An admin's changes to one node: availability, labels, role, and removal once it is down. */
export function NodeActions({ hostId, node }: { hostId: string; node: SwarmNodeDetails }) {
  const [open, setOpen] = useState<Open>()
  const toast = useToast()
  const update = useUpdateNode(hostId, node.id)
  const changeRole = useRoleChange(hostId, node, update)
  const close = () => {
    setOpen(undefined)
  }
  const change = (availability: 'active' | 'pause') => {
    update.mutate(
      { availability },
      {
        onSuccess: () => {
          toast({ tone: 'ok', title: `${node.hostname} is ${availability} now` })
        },
      },
    )
  }
  return (
    <div className={layout.actions}>
      <AvailabilityButtons
        node={node}
        busy={update.isPending}
        onChange={change}
        onDrain={() => {
          setOpen('drain')
        }}
      />
      <Button
        onClick={() => {
          setOpen('labels')
        }}
      >
        Labels…
      </Button>
      <Button busy={update.isPending} onClick={() => void changeRole()}>
        {node.role === 'worker' ? 'Promote…' : 'Demote…'}
      </Button>
      {node.state === 'down' && (
        <Button
          variant="danger"
          onClick={() => {
            setOpen('remove')
          }}
        >
          Remove…
        </Button>
      )}
      {update.isError && open === undefined && (
        <span className={texts.bad} role="alert">
          {errorMessage(update.error)}
        </span>
      )}
      {open === 'drain' && <DrainDialog hostId={hostId} node={node} onClose={close} />}
      {open === 'labels' && <LabelsDialog hostId={hostId} node={node} onClose={close} />}
      {open === 'remove' && <RemoveNodeDialog hostId={hostId} node={node} onClose={close} />}
    </div>
  )
}

/** Promote or demote after a confirm that says what it does to the managers' quorum. */
function useRoleChange(
  hostId: string,
  node: SwarmNodeDetails,
  update: ReturnType<typeof useUpdateNode>,
) {
  const confirm = useConfirm()
  const toast = useToast()
  const nodes = useQuery(swarmNodesOptions(hostId))
  const managers = (nodes.data ?? []).filter((n) => n.role === 'manager').length
  return async () => {
    const promote = node.role === 'worker'
    const ok = await confirm({
      title: `${promote ? 'Promote' : 'Demote'} ${node.hostname}?`,
      body: (
        <>
          <p>
            {promote
              ? `${node.hostname} becomes a manager: it keeps a copy of the swarm’s state and can be asked to manage it.`
              : `${node.hostname} becomes a worker: it runs tasks but no longer keeps the swarm’s state.`}
          </p>
          <p>{quorumNote(managers, promote ? 'promote' : 'demote')}</p>
        </>
      ),
      confirmLabel: promote ? 'Promote to manager' : 'Demote to worker',
      danger: !promote,
    })
    if (!ok) return
    update.mutate(
      { role: promote ? 'manager' : 'worker' },
      {
        onSuccess: () => {
          toast({ tone: 'ok', title: `${node.hostname} is a ${promote ? 'manager' : 'worker'}` })
        },
      },
    )
  }
}

/** The availabilities the node is not in: active, pause, and drain (which asks first). */
function AvailabilityButtons({
  node,
  busy,
  onChange,
  onDrain,
}: {
  node: SwarmNodeDetails
  busy: boolean
  onChange: (availability: 'active' | 'pause') => void
  onDrain: () => void
}) {
  return (
    <>
      {node.availability !== 'active' && (
        <Button
          busy={busy}
          onClick={() => {
            onChange('active')
          }}
        >
          Set active
        </Button>
      )}
      {node.availability === 'active' && (
        <Button
          busy={busy}
          onClick={() => {
            onChange('pause')
          }}
        >
          Pause
        </Button>
      )}
      {node.availability !== 'drain' && (
        <Button busy={busy} onClick={onDrain}>
          Drain…
        </Button>
      )}
    </>
  )
}

import type { SwarmObjectMeta } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { canChange, useHost } from '../../hosts/index.ts'
import { errorMessage } from '../../platform/api-client.ts'
import {
  Button,
  type Column,
  layout,
  ResourceBody,
  texts,
  TimeAgo,
  useConfirm,
  useToast,
  withRemoveColumn,
} from '../../ui/index.ts'
import { CreateSwarmFileDialog } from './create-file-dialog.tsx'
import {
  removeSwarmFile,
  swarmFileKeys,
  swarmFileListOptions,
  type SwarmFileKind,
} from './queries.ts'

const NOUN = { secrets: 'secret', configs: 'config' } as const

/** The Secrets or Configs tab: names and labels (never values), create and remove. */
export function SwarmFilesTab({ hostId, kind }: { hostId: string; kind: SwarmFileKind }) {
  const noun = NOUN[kind]
  const mayChange = canChange(useHost(hostId))
  const list = useQuery(swarmFileListOptions(hostId, kind))
  const [creating, setCreating] = useState(false)
  const handleRemove = useRemove(hostId, kind)
  const rows = [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <>
      {mayChange && (
        <div className={layout.filters}>
          <Button
            variant="primary"
            onClick={() => {
              setCreating(true)
            }}
          >
            Create {noun}
          </Button>
        </div>
      )}
      <ResourceBody
        query={list}
        rows={rows}
        columns={withRemoveColumn(columns, { mayChange, onRemove: handleRemove })}
        label={kind === 'secrets' ? 'Secrets' : 'Configs'}
        keyOf={(f) => f.id}
        empty={`No ${kind}`}
      />
      {creating && (
        <CreateSwarmFileDialog
          hostId={hostId}
          kind={kind}
          onClose={() => {
            setCreating(false)
          }}
        />
      )}
    </>
  )
}

/** Remove after a confirmation; the engine's refusal (in use by a service) in its own words. */
function useRemove(hostId: string, kind: SwarmFileKind) {
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const remove = useMutation({
    mutationFn: (f: SwarmObjectMeta) => removeSwarmFile(hostId, kind, f.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: swarmFileKeys(hostId, kind) }),
  })
  return async (f: SwarmObjectMeta) => {
    const name = `${NOUN[kind]} ${f.name}`
    const ok = await confirm({
      title: `Remove ${name}?`,
      body: (
        <p>
          The {NOUN[kind]} <strong>{f.name}</strong> is deleted from the swarm; its value cannot be
          read back.
        </p>
      ),
      confirmLabel: 'Remove',
      danger: true,
    })
    if (!ok) return
    remove.mutate(f, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Removed ${name}` })
      },
      onError: (err) => {
        toast({ tone: 'bad', title: `Could not remove ${name}`, body: errorMessage(err) })
      },
    })
  }
}

const columns: Column<SwarmObjectMeta>[] = [
  {
    id: 'name',
    header: 'Name',
    width: 'minmax(8rem, 2fr)',
    cell: (f) => (
      <span className={texts.truncate} title={f.name}>
        {f.name}
      </span>
    ),
  },
  {
    id: 'labels',
    header: 'Labels',
    width: 'minmax(8rem, 3fr)',
    hideOnPhone: true,
    cell: (f) => (
      <span className={texts.truncate}>
        {Object.entries(f.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}
      </span>
    ),
  },
  {
    id: 'created',
    header: 'Created',
    width: '8rem',
    cell: (f) => <TimeAgo value={f.createdAt} />,
  },
]

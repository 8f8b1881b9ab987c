import type { Host } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useHistoryDialog } from '../history/metrics/index.ts'
import { hostKeys, hostSummary, useHosts } from '../hosts/index.ts'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import {
  Badge,
  Button,
  ErrorState,
  layout,
  Spinner,
  texts,
  useConfirm,
  useToast,
} from '../ui/index.ts'
import { AddHostDialog } from './add-host-dialog.tsx'
import { EditHostDialog } from './edit-host-dialog.tsx'
import { SshHostKeyNotice } from './ssh-host-key.tsx'

/** Hosts: add (unix://, tcp:// with TLS optional, or ssh://), edit (name, address, bind paths, TLS), remove. */
export function HostsPanel() {
  const hosts = useHosts()
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const [editing, setEditing] = useState<Host | undefined>()
  const history = useHistoryDialog(hosts.data ?? [])
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.hosts[':hostId'].$delete({ param: { hostId: id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: hostKeys.all }),
    onError: (err) => {
      toast({ tone: 'bad', title: 'Could not remove the host', body: errorMessage(err) })
    },
  })
  const handleRemove = async (h: Host) => {
    const ok = await confirm({
      title: `Remove host ${h.name}?`,
      body: (
        <p>
          Harbormaster stops managing <strong>{h.name}</strong> ({h.address}). Nothing on the host
          itself is changed.
        </p>
      ),
      confirmLabel: 'Remove',
      danger: true,
    })
    if (ok) remove.mutate(h.id)
  }
  if (hosts.isPending) return <Spinner />
  if (hosts.isError) return <ErrorState error={hosts.error} />
  return (
    <div>
      <AddHost />
      <div className={texts.scrollX}>
        <table className={layout.simpleTable}>
          <thead>
            <tr>
              <th>Host</th>
              <th>Address</th>
              <th>Status</th>
              <th className={texts.hidePhone}>Allowed bind paths</th>
              <th>
                <span className={texts.srOnly}>Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.data.map((h) => (
              <HostRow
                key={h.id}
                host={h}
                onEdit={() => {
                  setEditing(h)
                }}
                onRemove={() => void handleRemove(h)}
                onHistory={() => {
                  history.open(h.id)
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {history.dialog}
      {editing && (
        <EditHostDialog
          host={editing}
          onClose={() => {
            setEditing(undefined)
          }}
        />
      )}
    </div>
  )
}

function AddHost() {
  const [adding, setAdding] = useState(false)
  return (
    <div className={layout.pageHead}>
      <Button
        variant="primary"
        className={layout.pushEnd}
        onClick={() => {
          setAdding(true)
        }}
      >
        Add host
      </Button>
      {adding && (
        <AddHostDialog
          onClose={() => {
            setAdding(false)
          }}
        />
      )}
    </div>
  )
}

function HostRow({
  host: h,
  onEdit,
  onRemove,
  onHistory,
}: {
  host: Host
  onEdit: () => void
  onRemove: () => void
  onHistory: () => void
}) {
  return (
    <tr>
      <td>
        <strong>{h.name}</strong> <code className={texts.muted}>{h.id}</code>
      </td>
      <td>
        <code>{h.address}</code>
        {h.tls && <Badge tone="info">TLS</Badge>}
        {h.ssh && <Badge tone="info">SSH</Badge>}
      </td>
      <td>
        <Badge tone={h.reachable ? 'ok' : 'bad'}>{hostSummary(h)}</Badge>
        <SshHostKeyNotice host={h} />
      </td>
      <td className={texts.hidePhone}>{h.allowedBindPrefixes.join(', ') || '—'}</td>
      <td>
        <div className={layout.actions}>
          <Button aria-label={`Edit host ${h.name}`} onClick={onEdit}>
            Edit
          </Button>
          <Button aria-label={`History of host ${h.name}`} onClick={onHistory}>
            History
          </Button>
          <Button variant="danger" onClick={onRemove}>
            Remove
          </Button>
        </div>
      </td>
    </tr>
  )
}

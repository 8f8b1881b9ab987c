import { hostCreateSchema, type Host } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type SubmitEvent } from 'react'
import { hostKeys, hostSummary, useHosts } from '../hosts/index.ts'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { Badge, Button, ErrorState, Spinner, useConfirm, useToast } from '../ui/index.ts'
import { EditHostDialog } from './edit-host-dialog.tsx'

/** Hosts: add (unix:// or tcp://, TLS optional), edit (name, address, bind paths, TLS), remove. */
export function HostsPanel() {
  const hosts = useHosts()
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const [editing, setEditing] = useState<Host | undefined>()
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
      <AddHostForm />
      <div className="scroll-x">
        <table className="simple-table">
          <thead>
            <tr>
              <th>Host</th>
              <th>Address</th>
              <th>Status</th>
              <th className="hide-phone">Allowed bind paths</th>
              <th>
                <span className="sr-only">Actions</span>
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
              />
            ))}
          </tbody>
        </table>
      </div>
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

function HostRow({
  host: h,
  onEdit,
  onRemove,
}: {
  host: Host
  onEdit: () => void
  onRemove: () => void
}) {
  return (
    <tr>
      <td>
        <strong>{h.name}</strong> <code className="muted">{h.id}</code>
      </td>
      <td>
        <code>{h.address}</code>
        {h.tls && <Badge tone="info">TLS</Badge>}
      </td>
      <td>
        <Badge tone={h.reachable ? 'ok' : 'bad'}>{hostSummary(h)}</Badge>
      </td>
      <td className="hide-phone">{h.allowedBindPrefixes.join(', ') || '—'}</td>
      <td>
        <div className="actions">
          <Button aria-label={`Edit host ${h.name}`} onClick={onEdit}>
            Edit
          </Button>
          <Button variant="danger" onClick={onRemove}>
            Remove
          </Button>
        </div>
      </td>
    </tr>
  )
}

function AddHostForm() {
  const queryClient = useQueryClient()
  const [fields, setFields] = useState({ id: '', name: '', address: '', prefixes: '' })
  const [touched, setTouched] = useState(false)
  const input = {
    id: fields.id,
    name: fields.name,
    address: fields.address,
    allowedBindPrefixes: fields.prefixes
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  }
  const parsed = hostCreateSchema.safeParse(input)
  const create = useMutation({
    mutationFn: () => unwrap(api.hosts.$post({ json: input })),
    onSuccess: () => {
      setFields({ id: '', name: '', address: '', prefixes: '' })
      setTouched(false)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: hostKeys.all }),
  })
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setTouched(true)
    if (parsed.success) create.mutate()
  }
  const field = (key: keyof typeof fields, label: string, placeholder: string) => (
    <input
      aria-label={label}
      placeholder={placeholder}
      value={fields[key]}
      onChange={(e) => {
        setFields((f) => ({ ...f, [key]: e.target.value }))
      }}
    />
  )
  return (
    <form className="inline-form card" onSubmit={handleSubmit} noValidate>
      {field('id', 'Host id', 'id, e.g. build-1')}
      {field('name', 'Host name', 'name')}
      {field('address', 'Engine address', 'tcp://10.0.0.5:2376 or unix:///var/run/docker.sock')}
      {field('prefixes', 'Allowed bind paths', 'allowed bind paths, comma-separated')}
      <Button type="submit" variant="primary" busy={create.isPending}>
        Add host
      </Button>
      {touched && !parsed.success && (
        <small className="field-error">
          {parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
        </small>
      )}
      {create.isError && <small className="field-error">{errorMessage(create.error)}</small>}
    </form>
  )
}

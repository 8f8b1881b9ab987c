import { networkCreateSchema, type NetworkCreateInput } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type SubmitEvent } from 'react'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { Button, Dialog, useToast } from '../ui/index.ts'
import { networkKeys } from './queries.ts'

const drivers = ['bridge', 'overlay', 'macvlan', 'ipvlan']

interface Fields {
  name: string
  driver: string
  subnet: string
  gateway: string
  internal: boolean
}

/** Create a network: driver, subnet and gateway, validated with the contract as you type. */
export function CreateNetworkDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [f, setF] = useState<Fields>({
    name: '',
    driver: 'bridge',
    subnet: '',
    gateway: '',
    internal: false,
  })
  const [touched, setTouched] = useState(false)
  const input: NetworkCreateInput = {
    name: f.name.trim(),
    driver: f.driver,
    ...(f.subnet.trim() ? { subnet: f.subnet.trim() } : {}),
    ...(f.gateway.trim() ? { gateway: f.gateway.trim() } : {}),
    ...(f.internal ? { internal: true } : {}),
  }
  const parsed = networkCreateSchema.safeParse(input)
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.hosts[':hostId'].networks.$post({ param: { hostId }, json: input })),
    onSuccess: () => {
      toast({ tone: 'ok', title: `Created network ${input.name}` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKeys.all(hostId) }),
  })
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setTouched(true)
    if (parsed.success) create.mutate()
  }
  return (
    <Dialog open title="Create a network" onClose={onClose}>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <NetworkFields f={f} setF={setF} />
        {touched && !parsed.success && (
          <small className="field-error">
            {parsed.error.issues
              .map((i) => `${i.path.join('.') || 'form'}: ${i.message}`)
              .join('; ')}
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

function NetworkFields({ f, setF }: { f: Fields; setF: (f: Fields) => void }) {
  const text = (key: 'name' | 'subnet' | 'gateway', label: string, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        placeholder={placeholder}
        value={f[key]}
        onChange={(e) => {
          setF({ ...f, [key]: e.target.value })
        }}
      />
    </label>
  )
  return (
    <>
      {text('name', 'Name', 'e.g. backend')}
      <label className="field">
        <span>Driver</span>
        <select
          value={f.driver}
          onChange={(e) => {
            setF({ ...f, driver: e.target.value })
          }}
        >
          {drivers.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      {text('subnet', 'Subnet (optional)', 'e.g. 172.30.0.0/24')}
      {text('gateway', 'Gateway (optional)', 'e.g. 172.30.0.1')}
      <label className="check">
        <input
          type="checkbox"
          checked={f.internal}
          onChange={(e) => {
            setF({ ...f, internal: e.target.checked })
          }}
        />{' '}
        Internal (no outside access)
      </label>
    </>
  )
}

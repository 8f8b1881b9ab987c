import { networkCreateSchema, type NetworkCreateInput } from '@harbormaster/contract'
import { useState } from 'react'
import { api, unwrap } from '../platform/api-client.ts'
import { parseKeyValueLines } from '../platform/key-value-lines.ts'
import { CreateDialog, forms, issuesOf, layout, TextField } from '../ui/index.ts'
import { networkKeys } from './queries.ts'

const DRIVERS = ['bridge', 'overlay', 'macvlan', 'ipvlan']

/** Create a network: driver, subnet and gateway, validated with the contract as you type. */
export function CreateNetworkDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const [name, setName] = useState('')
  const [driver, setDriver] = useState('bridge')
  const [subnet, setSubnet] = useState('')
  const [gateway, setGateway] = useState('')
  const [internal, setInternal] = useState(false)
  const [labelText, setLabelText] = useState('')
  const labels = parseKeyValueLines(labelText)
  const input: NetworkCreateInput = {
    name: name.trim(),
    driver,
    ...(subnet.trim() ? { subnet: subnet.trim() } : {}),
    ...(gateway.trim() ? { gateway: gateway.trim() } : {}),
    ...(internal ? { internal: true } : {}),
    ...(Object.keys(labels.values).length > 0 ? { labels: labels.values } : {}),
  }
  const problem = labels.error ?? issuesOf(networkCreateSchema.safeParse(input))
  return (
    <CreateDialog
      title="Create a network"
      problem={problem}
      create={() => unwrap(api.hosts[':hostId'].networks.$post({ param: { hostId }, json: input }))}
      createdTitle={() => `Created network ${input.name}`}
      refreshKey={networkKeys.all(hostId)}
      onClose={onClose}
    >
      <TextField label="Name" placeholder="e.g. backend" value={name} onChange={setName} />
      <label className={forms.field}>
        <span>Driver</span>
        <select
          value={driver}
          onChange={(e) => {
            setDriver(e.target.value)
          }}
        >
          {DRIVERS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="Subnet (optional)"
        placeholder="e.g. 172.30.0.0/24"
        value={subnet}
        onChange={setSubnet}
      />
      <TextField
        label="Gateway (optional)"
        placeholder="e.g. 172.30.0.1"
        value={gateway}
        onChange={setGateway}
      />
      <TextField
        label="Labels (key=value per line)"
        multiline
        value={labelText}
        onChange={setLabelText}
      />
      <label className={layout.check}>
        <input
          type="checkbox"
          checked={internal}
          onChange={(e) => {
            setInternal(e.target.checked)
          }}
        />{' '}
        Internal (no outside access)
      </label>
    </CreateDialog>
  )
}

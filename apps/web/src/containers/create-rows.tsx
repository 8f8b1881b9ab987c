import { Button, forms, layout, texts } from '../ui/index.ts'
import type { MountRow, PortRow } from './create-form.ts'
import { onFocusLeave } from './inline-errors.ts'

/** Published ports: one row per mapping. */
export function PortRows({
  rows,
  onChange,
  error,
  onLeave,
}: {
  rows: PortRow[]
  onChange: (rows: PortRow[]) => void
  error: string | undefined
  onLeave: () => void
}) {
  const update = (i: number, patch: Partial<PortRow>) => {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  }
  return (
    <fieldset className={forms.rows} onBlur={onFocusLeave(onLeave)}>
      <legend>Ports</legend>
      {rows.map((r, i) => (
        <div className={forms.rowInputs} key={i}>
          <input
            aria-label="Host port"
            placeholder="host port"
            inputMode="numeric"
            value={r.hostPort}
            onChange={(e) => {
              update(i, { hostPort: e.target.value })
            }}
          />
          <span>→</span>
          <input
            aria-label="Container port"
            placeholder="container port"
            inputMode="numeric"
            value={r.containerPort}
            onChange={(e) => {
              update(i, { containerPort: e.target.value })
            }}
          />
          <select
            aria-label="Protocol"
            value={r.protocol}
            onChange={(e) => {
              update(i, { protocol: e.target.value as PortRow['protocol'] })
            }}
          >
            <option value="tcp">tcp</option>
            <option value="udp">udp</option>
            <option value="sctp">sctp</option>
          </select>
          <Button
            variant="ghost"
            aria-label="Remove port"
            onClick={() => {
              onChange(rows.filter((_, j) => j !== i))
            }}
          >
            ×
          </Button>
        </div>
      ))}
      {error !== undefined && <small className={forms.fieldError}>{error}</small>}
      <Button
        onClick={() => {
          onChange([...rows, { hostPort: '', containerPort: '', protocol: 'tcp' }])
        }}
      >
        Add port
      </Button>
    </fieldset>
  )
}

/** Volumes and bind mounts. */
export function MountRows({
  rows,
  onChange,
  error,
  onLeave,
  isAdmin,
}: {
  rows: MountRow[]
  onChange: (rows: MountRow[]) => void
  error: string | undefined
  onLeave: () => void
  isAdmin: boolean
}) {
  const update = (i: number, patch: Partial<MountRow>) => {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  }
  return (
    <fieldset className={forms.rows} onBlur={onFocusLeave(onLeave)}>
      <legend>Volumes and binds</legend>
      {rows.map((r, i) => (
        <MountInputs
          key={i}
          row={r}
          onChange={(patch) => {
            update(i, patch)
          }}
          onRemove={() => {
            onChange(rows.filter((_, j) => j !== i))
          }}
        />
      ))}
      {!isAdmin && rows.some((r) => r.type === 'bind') && (
        <small className={texts.muted}>
          Host paths need an admin, unless an admin allowed this path on this host.
        </small>
      )}
      {error !== undefined && <small className={forms.fieldError}>{error}</small>}
      <Button
        onClick={() => {
          onChange([...rows, { type: 'volume', source: '', target: '', readOnly: false }])
        }}
      >
        Add mount
      </Button>
    </fieldset>
  )
}

function MountInputs({
  row,
  onChange,
  onRemove,
}: {
  row: MountRow
  onChange: (patch: Partial<MountRow>) => void
  onRemove: () => void
}) {
  return (
    <div className={forms.rowInputs}>
      <select
        aria-label="Mount type"
        value={row.type}
        onChange={(e) => {
          onChange({ type: e.target.value as MountRow['type'] })
        }}
      >
        <option value="volume">volume</option>
        <option value="bind">bind</option>
      </select>
      <input
        aria-label="Source"
        placeholder={row.type === 'bind' ? '/host/path' : 'volume name (empty: anonymous)'}
        value={row.source}
        onChange={(e) => {
          onChange({ source: e.target.value })
        }}
      />
      <span>→</span>
      <input
        aria-label="Target"
        placeholder="/path/in/container"
        value={row.target}
        onChange={(e) => {
          onChange({ target: e.target.value })
        }}
      />
      <label className={layout.check}>
        <input
          type="checkbox"
          checked={row.readOnly}
          onChange={(e) => {
            onChange({ readOnly: e.target.checked })
          }}
        />{' '}
        ro
      </label>
      <Button
        variant="ghost"
        aria-label="Remove mount"
        onClick={() => {
          onRemove()
        }}
      >
        ×
      </Button>
    </div>
  )
}

import type { ReactNode } from 'react'
import { Button, forms } from '../../ui/index.ts'
import { emptyFileRow, type FileRow, type MountRow, type PortRow } from './form-state.ts'
import { CheckInput } from './inputs.tsx'
import styles from './service-form.module.css'

/** Rows the user adds and removes (ports, mounts, secrets), its problem under them. */
function RowList<T>({
  title,
  noun,
  rows,
  onChange,
  blank,
  error,
  render,
}: {
  title: string
  noun: string
  rows: T[]
  onChange: (rows: T[]) => void
  blank: T
  error: string | undefined
  render: (row: T, update: (patch: Partial<T>) => void) => ReactNode
}) {
  return (
    <fieldset className={forms.rows}>
      <legend>{title}</legend>
      {rows.map((row, i) => (
        <div className={forms.rowInputs} key={i}>
          {render(row, (patch) => {
            onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
          })}
          <Button
            variant="ghost"
            aria-label={`Remove ${noun}`}
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
          onChange([...rows, blank])
        }}
      >
        Add {noun}
      </Button>
    </fieldset>
  )
}

const input = (
  label: string,
  value: string,
  onChange: (value: string) => void,
  placeholder = label.toLowerCase(),
  className?: string,
) => (
  <input
    className={className}
    aria-label={label}
    placeholder={placeholder}
    value={value}
    onChange={(e) => {
      onChange(e.target.value)
    }}
  />
)

function select<T extends string>(
  label: string,
  value: T,
  choices: readonly T[],
  onChange: (value: T) => void,
) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => {
        onChange(e.target.value as T)
      }}
    >
      {choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  )
}

export function PortRows(props: {
  rows: PortRow[]
  onChange: (rows: PortRow[]) => void
  error: string | undefined
}) {
  return (
    <RowList
      title="Published ports"
      noun="port"
      blank={{ target: '', published: '', protocol: 'tcp', mode: 'ingress' }}
      {...props}
      render={(r, update) => (
        <>
          {input(
            'Published port',
            r.published,
            (published) => {
              update({ published })
            },
            'published (optional)',
          )}
          <span>→</span>
          {input(
            'Target port',
            r.target,
            (target) => {
              update({ target })
            },
            'target port',
          )}
          {select('Protocol', r.protocol, ['tcp', 'udp', 'sctp'] as const, (protocol) => {
            update({ protocol })
          })}
          {select('Publish mode', r.mode, ['ingress', 'host'] as const, (mode) => {
            update({ mode })
          })}
        </>
      )}
    />
  )
}

export function MountRows(props: {
  rows: MountRow[]
  onChange: (rows: MountRow[]) => void
  error: string | undefined
}) {
  return (
    <RowList
      title="Mounts"
      noun="mount"
      blank={{ type: 'volume', source: '', target: '', readOnly: false }}
      {...props}
      render={(r, update) => (
        <>
          {select('Mount type', r.type, ['volume', 'bind', 'tmpfs'] as const, (type) => {
            update({ type })
          })}
          {r.type !== 'tmpfs' &&
            input(
              'Source',
              r.source,
              (source) => {
                update({ source })
              },
              r.type === 'bind' ? '/host/path' : 'volume name',
            )}
          <span>→</span>
          {input(
            'Target',
            r.target,
            (target) => {
              update({ target })
            },
            '/path/in/container',
          )}
          <CheckInput
            label="read only"
            checked={r.readOnly}
            onChange={(readOnly) => {
              update({ readOnly })
            }}
          />
        </>
      )}
    />
  )
}

/** Secrets or configs attached as files: name, and where and as whom the file appears. */
export function FileRows(props: {
  title: string
  noun: string
  names: readonly string[]
  rows: FileRow[]
  onChange: (rows: FileRow[]) => void
  error: string | undefined
}) {
  const { names, noun } = props
  const listId = `${noun}-names`
  return (
    <>
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <RowList
        {...props}
        blank={emptyFileRow}
        render={(r, update) => (
          <>
            <input
              aria-label={`${noun} name`}
              placeholder={`${noun} name`}
              list={listId}
              value={r.name}
              onChange={(e) => {
                update({ name: e.target.value })
              }}
            />
            {input(
              'File name',
              r.target,
              (target) => {
                update({ target })
              },
              'file name (default: the name)',
            )}
            {input(
              'UID',
              r.uid,
              (uid) => {
                update({ uid })
              },
              'uid (0)',
              styles.narrow,
            )}
            {input(
              'GID',
              r.gid,
              (gid) => {
                update({ gid })
              },
              'gid (0)',
              styles.narrow,
            )}
            {input(
              'Mode',
              r.mode,
              (mode) => {
                update({ mode })
              },
              'mode (0444)',
              styles.narrow,
            )}
          </>
        )}
      />
    </>
  )
}

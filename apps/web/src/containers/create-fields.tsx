import { useQuery } from '@tanstack/react-query'
import type { Dispatch, ReactNode, SetStateAction } from 'react'
import { networkListOptions } from '../networks/queries.ts'
import { forms, layout } from '../ui/index.ts'
import type { CreateForm, FormErrors } from './create-form.ts'
import { onFocusLeave } from './inline-errors.ts'
import { MountRows, PortRows } from './create-rows.tsx'

type TextKey = 'image' | 'name' | 'cmd' | 'entrypoint' | 'memory' | 'cpus'

interface FieldsProps {
  hostId: string
  form: CreateForm
  setForm: Dispatch<SetStateAction<CreateForm>>
  errors: FormErrors
  /** The user left these fields (by error key): their errors may show from now on. */
  onLeave: (...errorKeys: string[]) => void
  isAdmin: boolean
}

/** Every input of the create form; errors come from the contract's schema, by field. */
export function CreateFields({ hostId, form, setForm, errors, onLeave, isAdmin }: FieldsProps) {
  const set =
    <K extends keyof CreateForm>(key: K) =>
    (value: CreateForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }))
    }
  const text = (key: TextKey, label: string, placeholder: string, errorKey: string = key) => (
    <Field
      label={label}
      error={errors[errorKey]}
      onLeave={() => {
        onLeave(errorKey)
      }}
    >
      <input
        value={form[key]}
        placeholder={placeholder}
        aria-invalid={errors[errorKey] !== undefined}
        onChange={(e) => {
          set(key)(e.target.value)
        }}
      />
    </Field>
  )
  const lines = (key: 'env' | 'labels', label: string, rows: number) => (
    <Field
      label={label}
      error={errors[key]}
      onLeave={() => {
        onLeave(key)
      }}
    >
      <textarea
        rows={rows}
        value={form[key]}
        onChange={(e) => {
          set(key)(e.target.value)
        }}
      />
    </Field>
  )
  return (
    <>
      {text('image', 'Image', 'nginx:1.27')}
      {text('name', 'Name', 'optional')}
      {text('cmd', 'Command', "optional, e.g. sh -c 'echo hi'")}
      {text('entrypoint', 'Entrypoint', 'optional')}
      {lines('env', 'Environment (KEY=value per line)', 4)}
      <PortRows
        rows={form.ports}
        onChange={set('ports')}
        error={errors.ports}
        onLeave={() => {
          onLeave('ports')
        }}
      />
      <MountRows
        rows={form.mounts}
        onChange={set('mounts')}
        error={errors.binds ?? errors.volumes}
        onLeave={() => {
          onLeave('binds', 'volumes')
        }}
        isAdmin={isAdmin}
      />
      <RuntimeFields
        hostId={hostId}
        form={form}
        set={set}
        text={text}
        labels={lines('labels', 'Labels (key=value per line)', 3)}
        isAdmin={isAdmin}
        formError={errors.form}
      />
    </>
  )
}

function RuntimeFields({
  hostId,
  form,
  set,
  text,
  labels,
  isAdmin,
  formError,
}: {
  hostId: string
  form: CreateForm
  set: <K extends keyof CreateForm>(key: K) => (value: CreateForm[K]) => void
  text: (key: TextKey, label: string, placeholder: string, errorKey?: string) => ReactNode
  labels: ReactNode
  isAdmin: boolean
  formError: string | undefined
}) {
  const networks = useQuery(networkListOptions(hostId))
  return (
    <>
      <Field label="Restart policy">
        <select
          value={form.restart}
          onChange={(e) => {
            set('restart')(e.target.value as CreateForm['restart'])
          }}
        >
          <option value="no">no</option>
          <option value="always">always</option>
          <option value="unless-stopped">unless-stopped</option>
          <option value="on-failure">on-failure</option>
        </select>
      </Field>
      <div className={forms.two}>
        {text('memory', 'Memory limit', 'e.g. 512m', 'memoryBytes')}
        {text('cpus', 'CPUs', 'e.g. 1.5', 'nanoCpus')}
      </div>
      <Field label="Network">
        <select
          value={form.network}
          onChange={(e) => {
            set('network')(e.target.value)
          }}
        >
          <option value="">default (bridge)</option>
          {networks.data
            ?.filter((n) => n.name !== 'host' || isAdmin)
            .map((n) => (
              <option key={n.id} value={n.name}>
                {n.name}
              </option>
            ))}
        </select>
      </Field>
      {labels}
      <Check
        label="Allocate a TTY and keep stdin open (-it)"
        checked={form.tty}
        onChange={set('tty')}
      />
      {isAdmin && (
        <Check
          label="Privileged (admin only)"
          checked={form.privileged}
          onChange={set('privileged')}
        />
      )}
      {formError !== undefined && <p className={forms.fieldError}>{formError}</p>}
    </>
  )
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string
  checked: boolean
  onChange: (value: boolean) => void
}) {
  return (
    <label className={layout.check}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          onChange(e.target.checked)
        }}
      />{' '}
      {label}
    </label>
  )
}

export function Field({
  label,
  error,
  onLeave,
  children,
}: {
  label: string
  error?: string | undefined
  /** Called when focus leaves the field, for inline validation. */
  onLeave?: () => void
  children: ReactNode
}) {
  return (
    <label className={forms.field} onBlur={onLeave && onFocusLeave(onLeave)}>
      <span>{label}</span>
      {children}
      {error !== undefined && <small className={forms.fieldError}>{error}</small>}
    </label>
  )
}

import { useQuery } from '@tanstack/react-query'
import type { Dispatch, ReactNode, SetStateAction } from 'react'
import { networkListOptions } from '../networks/index.ts'
import type { CreateForm, FormErrors } from './create-form.ts'
import { MountRows, PortRows } from './create-rows.tsx'

type TextKey = 'image' | 'name' | 'cmd' | 'entrypoint' | 'memory' | 'cpus'

interface FieldsProps {
  hostId: string
  form: CreateForm
  setForm: Dispatch<SetStateAction<CreateForm>>
  errors: FormErrors
  isAdmin: boolean
}

/** Every input of the create form; errors come from the contract's schema, by field. */
export function CreateFields({ hostId, form, setForm, errors, isAdmin }: FieldsProps) {
  const set =
    <K extends keyof CreateForm>(key: K) =>
    (value: CreateForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }))
    }
  const text = (key: TextKey, label: string, placeholder: string, errorKey: string = key) => (
    <Field label={label} error={errors[errorKey]}>
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
  return (
    <>
      {text('image', 'Image', 'nginx:1.27')}
      {text('name', 'Name', 'optional')}
      {text('cmd', 'Command', "optional, e.g. sh -c 'echo hi'")}
      {text('entrypoint', 'Entrypoint', 'optional')}
      <Field label="Environment (KEY=value per line)" error={errors.env}>
        <textarea
          rows={4}
          value={form.env}
          onChange={(e) => {
            set('env')(e.target.value)
          }}
        />
      </Field>
      <PortRows rows={form.ports} onChange={set('ports')} error={errors.ports} />
      <MountRows
        rows={form.mounts}
        onChange={set('mounts')}
        error={errors.binds ?? errors.volumes}
        isAdmin={isAdmin}
      />
      <RuntimeFields
        hostId={hostId}
        form={form}
        set={set}
        text={text}
        isAdmin={isAdmin}
        errors={errors}
      />
    </>
  )
}

function RuntimeFields({
  hostId,
  form,
  set,
  text,
  isAdmin,
  errors,
}: {
  hostId: string
  form: CreateForm
  set: <K extends keyof CreateForm>(key: K) => (value: CreateForm[K]) => void
  text: (key: TextKey, label: string, placeholder: string, errorKey?: string) => ReactNode
  isAdmin: boolean
  errors: FormErrors
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
      <div className="two">
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
      <Field label="Labels (key=value per line)" error={errors.labels}>
        <textarea
          rows={3}
          value={form.labels}
          onChange={(e) => {
            set('labels')(e.target.value)
          }}
        />
      </Field>
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
      {errors.form !== undefined && <p className="field-error">{errors.form}</p>}
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
    <label className="check">
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
  children,
}: {
  label: string
  error?: string | undefined
  children: ReactNode
}) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {error !== undefined && <small className="field-error">{error}</small>}
    </label>
  )
}

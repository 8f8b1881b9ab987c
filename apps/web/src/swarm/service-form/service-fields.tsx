import { useQuery } from '@tanstack/react-query'
import type { Dispatch, ReactNode, SetStateAction } from 'react'
import { forms } from '../../ui/index.ts'
import { swarmFileListOptions } from '../swarm-files/queries.ts'
import type { RestartForm, RolloutForm, ServiceForm } from './form-state.ts'
import { SelectInput, Section, TextInput } from './inputs.tsx'
import { FileRows, MountRows, PortRows } from './service-rows.tsx'
import type { FormErrors } from './to-settings.ts'
import styles from './service-form.module.css'

type TextKey = {
  [K in keyof ServiceForm]: ServiceForm[K] extends string ? K : never
}[keyof ServiceForm]

interface FieldsProps {
  hostId: string
  form: ServiceForm
  setForm: Dispatch<SetStateAction<ServiceForm>>
  errors: FormErrors
  /** Editing: the name cannot change. */
  editing: boolean
}

/** Every input of the service form, grouped as `docker service create --help` groups flags. */
export function ServiceFields({ hostId, form, setForm, errors, editing }: FieldsProps) {
  const set =
    <K extends keyof ServiceForm>(key: K) =>
    (value: ServiceForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }))
    }
  const text = (key: TextKey, label: string, placeholder?: string, rows?: number) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={set(key)}
      error={errors[key]}
      {...(placeholder === undefined ? {} : { placeholder })}
      {...(rows === undefined ? {} : { rows })}
    />
  )
  return (
    <>
      {text('image', 'Image', 'nginx:1.27')}
      <TextInput
        label="Name"
        value={form.name}
        onChange={set('name')}
        error={errors.name}
        placeholder="web"
        disabled={editing}
      />
      <div className={forms.two}>
        {text('command', 'Entrypoint (--entrypoint)', 'optional, e.g. sh -c')}
        {text('args', 'Arguments (after the image)', "optional, e.g. 'echo hi'")}
      </div>
      <div className={forms.two}>
        <SelectInput
          label="Mode"
          value={form.mode}
          choices={[
            ['replicated', 'replicated'],
            ['global', 'global (one task per node)'],
          ]}
          onChange={set('mode')}
        />
        {form.mode === 'replicated' && text('replicas', 'Replicas')}
      </div>
      {errors.form !== undefined && <small className={forms.fieldError}>{errors.form}</small>}
      {text('env', 'Environment (KEY=value per line)', undefined, 4)}
      <div className={forms.two}>
        {text('labels', 'Service labels (key=value per line)', undefined, 2)}
        {text('containerLabels', 'Container labels (key=value per line)', undefined, 2)}
      </div>
      <PortRows rows={form.ports} onChange={set('ports')} error={errors.ports} />
      <MountRows rows={form.mounts} onChange={set('mounts')} error={errors.mounts} />
      {text('networks', 'Networks (one name per line)', 'an overlay network', 2)}
      <PlacementAndResources text={text} />
      <RestartFields value={form.restart} onChange={set('restart')} error={errors.restart} />
      <RolloutFields
        title="Update config"
        value={form.update}
        onChange={set('update')}
        error={errors.update}
      />
      <RolloutFields
        title="Rollback config"
        value={form.rollback}
        onChange={set('rollback')}
        error={errors.rollback}
      />
      <AttachedFiles hostId={hostId} form={form} set={set} errors={errors} />
    </>
  )
}

/** Secrets and configs attached as files, their names offered from the swarm's lists. */
function AttachedFiles({
  hostId,
  form,
  set,
  errors,
}: {
  hostId: string
  form: ServiceForm
  set: <K extends 'secrets' | 'configs'>(key: K) => (value: ServiceForm[K]) => void
  errors: FormErrors
}) {
  const secrets = useQuery(swarmFileListOptions(hostId, 'secrets'))
  const configs = useQuery(swarmFileListOptions(hostId, 'configs'))
  return (
    <>
      <FileRows
        title="Secrets"
        noun="secret"
        names={(secrets.data ?? []).map((s) => s.name)}
        rows={form.secrets}
        onChange={set('secrets')}
        error={errors.secrets}
      />
      <FileRows
        title="Configs"
        noun="config"
        names={(configs.data ?? []).map((s) => s.name)}
        rows={form.configs}
        onChange={set('configs')}
        error={errors.configs}
      />
    </>
  )
}

/** Where tasks may run, and what each may use. */
function PlacementAndResources({
  text,
}: {
  text: (key: TextKey, label: string, placeholder?: string, rows?: number) => ReactNode
}) {
  return (
    <>
      <Section title="Placement" className={styles.section}>
        {text('constraints', 'Constraints (one per line)', 'node.labels.zone==a', 2)}
        <div className={forms.two}>
          {text('spread', 'Spread over (one per line)', 'node.labels.zone', 1)}
          {text('maxReplicasPerNode', 'Max replicas per node', 'no limit')}
        </div>
      </Section>
      <Section title="Resources" className={styles.section}>
        <div className={forms.two}>
          {text('limitCpus', 'CPU limit', 'e.g. 0.5')}
          {text('limitMemory', 'Memory limit', 'e.g. 512m')}
          {text('reserveCpus', 'CPU reservation', 'e.g. 0.25')}
          {text('reserveMemory', 'Memory reservation', 'e.g. 128m')}
        </div>
      </Section>
    </>
  )
}

function RestartFields({
  value,
  onChange,
  error,
}: {
  value: RestartForm
  onChange: (value: RestartForm) => void
  error: string | undefined
}) {
  const field = (key: 'delay' | 'maxAttempts' | 'window', label: string, placeholder: string) => (
    <TextInput
      label={label}
      value={value[key]}
      placeholder={placeholder}
      onChange={(v) => {
        onChange({ ...value, [key]: v })
      }}
    />
  )
  return (
    <Section title="Restart policy" className={styles.section} error={error}>
      <div className={forms.two}>
        <SelectInput
          label="Restart condition"
          value={value.condition}
          choices={[
            ['', 'default (any)'],
            ['any', 'any'],
            ['on-failure', 'on-failure'],
            ['none', 'none'],
          ]}
          onChange={(condition) => {
            onChange({ ...value, condition })
          }}
        />
        {field('delay', 'Restart delay', 'e.g. 5s')}
        {field('maxAttempts', 'Max attempts', 'unlimited')}
        {field('window', 'Restart window', 'e.g. 1m')}
      </div>
    </Section>
  )
}

function RolloutFields({
  title,
  value,
  onChange,
  error,
}: {
  title: string
  value: RolloutForm
  onChange: (value: RolloutForm) => void
  error: string | undefined
}) {
  const field = (
    key: 'parallelism' | 'delay' | 'monitor' | 'maxFailureRatio',
    label: string,
    placeholder: string,
  ) => (
    <TextInput
      label={`${title.split(' ')[0] ?? ''} ${label}`}
      value={value[key]}
      placeholder={placeholder}
      onChange={(v) => {
        onChange({ ...value, [key]: v })
      }}
    />
  )
  const prefix = title.split(' ')[0] ?? ''
  return (
    <Section title={title} className={styles.section} error={error}>
      <div className={styles.three}>
        {field('parallelism', 'parallelism', '0 = all at once')}
        {field('delay', 'delay', 'e.g. 10s')}
        {field('monitor', 'monitor', 'e.g. 5s')}
        {field('maxFailureRatio', 'max failure ratio', '0 to 1')}
        <SelectInput
          label={`${prefix} failure action`}
          value={value.failureAction}
          choices={[
            ['', 'default (pause)'],
            ['pause', 'pause'],
            ['continue', 'continue'],
            // A rollback that fails cannot roll back in turn.
            ...(prefix === 'Update' ? [['rollback', 'rollback'] as const] : []),
          ]}
          onChange={(failureAction) => {
            onChange({ ...value, failureAction })
          }}
        />
        <SelectInput
          label={`${prefix} order`}
          value={value.order}
          choices={[
            ['', 'default (stop-first)'],
            ['stop-first', 'stop-first'],
            ['start-first', 'start-first'],
          ]}
          onChange={(order) => {
            onChange({ ...value, order })
          }}
        />
      </div>
    </Section>
  )
}

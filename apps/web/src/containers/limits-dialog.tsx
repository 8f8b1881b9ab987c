import type { ContainerDetails } from '@harbormaster/contract'
import { type Dispatch, type SetStateAction, type SubmitEvent, useState } from 'react'
import { Dialog, FormActions, forms, texts, useToast } from '../ui/index.ts'
import { Field } from './create-fields.tsx'
import type { FormErrors } from './create-form.ts'
import { type LimitsForm, limitsFormOf, toUpdateInput, type RestartName } from './limits-form.ts'
import { useUpdateContainer } from './queries.ts'

const RESTART: RestartName[] = ['no', 'always', 'unless-stopped', 'on-failure']

type TextKey = Exclude<keyof LimitsForm, 'restart'>

/** Changes the limits and restart policy of a container in place (`docker update`). */
export function LimitsDialog({
  hostId,
  container,
  onClose,
}: {
  hostId: string
  container: ContainerDetails
  onClose: () => void
}) {
  const toast = useToast()
  const [initial] = useState(() => limitsFormOf(container))
  const [form, setForm] = useState(initial)
  const [submitted, setSubmitted] = useState(false)
  const update = useUpdateContainer(hostId, container.id)
  const { input, errors } = toUpdateInput(form, initial)
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (!input) return
    update.mutate(input, {
      onSuccess: ({ warnings }) => {
        toast({
          tone: warnings.length > 0 ? 'warn' : 'ok',
          title: 'Limits updated',
          ...(warnings.length > 0 ? { body: warnings.join('\n') } : {}),
        })
        onClose()
      },
    })
  }
  return (
    <Dialog open title="Limits and restart policy" onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <p className={texts.muted}>
          An empty field keeps the current value. A first memory limit gets twice as much swap (as
          with <code>docker run</code>) unless you set one.
        </p>
        <LimitsFields form={form} setForm={setForm} errors={errors} />
        {submitted && errors.form !== undefined && (
          <small className={forms.fieldError}>{errors.form}</small>
        )}
        <FormActions
          error={update.error}
          submit="Apply"
          busy={update.isPending}
          disabled={input === undefined && errors.form === undefined}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}

function LimitsFields({
  form,
  setForm,
  errors,
}: {
  form: LimitsForm
  setForm: Dispatch<SetStateAction<LimitsForm>>
  errors: FormErrors
}) {
  const text = (key: TextKey, label: string, placeholder: string, errorKey: string) => (
    <Field label={label} error={errors[errorKey]}>
      <input
        value={form[key]}
        placeholder={placeholder}
        inputMode={key === 'memory' || key === 'memorySwap' ? 'text' : 'decimal'}
        aria-invalid={errors[errorKey] !== undefined}
        onChange={(e) => {
          setForm((f) => ({ ...f, [key]: e.target.value }))
        }}
      />
    </Field>
  )
  return (
    <div className={forms.two}>
      {text('memory', 'Memory', 'e.g. 512m', 'memoryBytes')}
      {text('memorySwap', 'Memory + swap', 'e.g. 1g; -1: unlimited', 'memorySwapBytes')}
      {text('cpus', 'CPUs', 'e.g. 0.5', 'nanoCpus')}
      {text('cpuShares', 'CPU shares', 'e.g. 512', 'cpuShares')}
      {text('pidsLimit', 'PIDs limit', 'e.g. 200', 'pidsLimit')}
      <Field label="Restart policy" error={errors.restartPolicy}>
        <select
          value={form.restart}
          onChange={(e) => {
            setForm((f) => ({ ...f, restart: e.target.value as RestartName }))
          }}
        >
          {RESTART.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      {form.restart === 'on-failure' &&
        text('maxRetries', 'Maximum retries', 'empty: no limit', 'restartPolicy')}
    </div>
  )
}

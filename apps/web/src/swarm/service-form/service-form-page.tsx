import { MASKED_ENV_VALUE, type ServiceDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { clsx } from 'clsx'
import {
  type Dispatch,
  type ReactNode,
  type SetStateAction,
  type SubmitEvent,
  useState,
} from 'react'
import { Link, useLocation, useParams } from 'wouter'
import { canChange, useHost } from '../../hosts/index.ts'
import { errorMessage } from '../../platform/api-client.ts'
import {
  bannerClass,
  Button,
  EmptyState,
  ErrorState,
  forms,
  layout,
  Spinner,
  texts,
  useToast,
} from '../../ui/index.ts'
import { emptyServiceForm, formFromSettings, type ServiceForm } from './form-state.ts'
import { PreviewPanel } from './preview-panel.tsx'
import { serviceDetailsOptions, useCreateService, useUpdateService } from './queries.ts'
import { ServiceFields } from './service-fields.tsx'
import { serviceChanges } from './service-changes.ts'
import { type FormErrors, toServiceSettings } from './to-settings.ts'
import styles from './service-form.module.css'

const servicePath = (hostId: string, id?: string) =>
  `/hosts/${encodeURIComponent(hostId)}/swarm/services${id === undefined ? '' : `/${encodeURIComponent(id)}`}`

/** `/hosts/:hostId/swarm/services/new`: the typed form and its `docker service create`. */
export function NewServicePage() {
  const { hostId } = useParams<{ hostId: string }>()
  const create = useCreateService(hostId)
  const toast = useToast()
  const [, navigate] = useLocation()
  const [form, setForm] = useState<ServiceForm>(emptyServiceForm)
  const { settings, errors } = toServiceSettings(form)
  return (
    <ServiceFormLayout
      hostId={hostId}
      title="New service"
      form={form}
      setForm={setForm}
      errors={errors}
      settings={settings}
      editing={false}
      error={create.error}
      busy={create.isPending}
      submitLabel="Create service"
      onSubmit={() => {
        if (!settings) return
        create.mutate(settings, {
          onSuccess: (created) => {
            const body = created.warnings.join('\n')
            toast({ tone: 'ok', title: `Created ${settings.name}`, ...(body ? { body } : {}) })
            navigate(servicePath(hostId, created.id))
          },
        })
      }}
    />
  )
}

/** `/hosts/:hostId/swarm/services/:id/edit`: the form filled from the service; sends changes only. */
export function EditServicePage() {
  const { hostId, id } = useParams<{ hostId: string; id: string }>()
  const details = useQuery(serviceDetailsOptions(hostId, id))
  if (details.isPending) return <Spinner label="Reading the service…" />
  if (details.isError)
    return <ErrorState error={details.error} onRetry={() => void details.refetch()} />
  return <EditServiceForm hostId={hostId} details={details.data} />
}

function EditServiceForm({ hostId, details }: { hostId: string; details: ServiceDetails }) {
  const update = useUpdateService(hostId, details.id)
  const toast = useToast()
  const [, navigate] = useLocation()
  // The service as the form was filled: later events refresh the details, not the edit.
  const [base] = useState(details.settings)
  const [filled] = useState(() => formFromSettings(details.settings))
  const [form, setForm] = useState(filled)
  const { settings, errors } = toServiceSettings(form, base)
  const envEdited = form.env !== filled.env
  const change = settings && serviceChanges(base, settings, { envEdited })
  const unchanged = change !== undefined && Object.keys(change).length === 0
  return (
    <ServiceFormLayout
      hostId={hostId}
      title={`Edit ${base.name}`}
      form={form}
      setForm={setForm}
      errors={errors}
      settings={settings}
      editing
      error={update.error}
      busy={update.isPending}
      submitLabel={unchanged ? 'Nothing changed' : 'Update service'}
      disabled={unchanged}
      notice={
        <>
          {details.unmodelled.length > 0 && (
            <div className={bannerClass('warn')} role="note">
              This service has settings the form cannot show ({details.unmodelled.join(', ')}): the
              server refuses changes to it that it cannot judge.
            </div>
          )}
          {details.maskedEnv.length > 0 && (
            <p className={bannerClass('info')} role="note">
              Values withheld from you show as <code>{MASKED_ENV_VALUE}</code> (
              {details.maskedEnv.join(', ')}): leave such a line as it is to keep its value.
            </p>
          )}
        </>
      }
      onSubmit={() => {
        if (!change) return
        update.mutate(change, {
          onSuccess: (answer) => {
            const body = answer.warnings.join('\n')
            toast({ tone: 'ok', title: `Updated ${base.name}`, ...(body ? { body } : {}) })
            navigate(servicePath(hostId, details.id))
          },
        })
      }}
    />
  )
}

function ServiceFormLayout(props: {
  hostId: string
  title: string
  form: ServiceForm
  setForm: Dispatch<SetStateAction<ServiceForm>>
  errors: FormErrors
  settings: ReturnType<typeof toServiceSettings>['settings']
  editing: boolean
  error: unknown
  busy: boolean
  submitLabel: string
  disabled?: boolean
  notice?: ReactNode
  onSubmit: () => void
}) {
  const { hostId, errors } = props
  const mayChange = canChange(useHost(hostId))
  // Problems show once the user tries to send; from then on they follow each keystroke.
  const [tried, setTried] = useState(false)
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (Object.keys(errors).length === 0) props.onSubmit()
  }
  if (!mayChange)
    return (
      <EmptyState title="You may not change services on this host">
        <p>Ask an admin for the operator role on this host.</p>
      </EmptyState>
    )
  return (
    <section className={layout.page}>
      <Link href={servicePath(hostId)} className={layout.backLink}>
        ← Services
      </Link>
      <h1>{props.title}</h1>
      {props.notice}
      <form className={styles.grid} onSubmit={handleSubmit} noValidate>
        <div className={clsx(layout.card, forms.form)}>
          <ServiceFields
            hostId={hostId}
            form={props.form}
            setForm={props.setForm}
            errors={tried ? errors : {}}
            editing={props.editing}
          />
          {props.error != null && (
            <div className={forms.formError} role="alert">
              <strong>The server refused:</strong>{' '}
              <span className={texts.preWrap}>{errorMessage(props.error)}</span>
            </div>
          )}
          <Button type="submit" variant="primary" busy={props.busy} disabled={props.disabled}>
            {props.submitLabel}
          </Button>
        </div>
        <PreviewPanel settings={props.settings} hasProblems={Object.keys(errors).length > 0} />
      </form>
    </section>
  )
}

import type { ContainerCreateInput } from '@harbormaster/contract'
import { clsx } from 'clsx'
import { useState, type SubmitEvent } from 'react'
import { Link, useLocation, useParams } from 'wouter'
import { useHost } from '../hosts/index.ts'
import { errorMessage } from '../platform/api-client.ts'
import { bannerClass, Button, CopyButton, forms, layout, texts, useToast } from '../ui/index.ts'
import { CreateFields } from './create-fields.tsx'
import {
  emptyForm,
  hostControlWarnings,
  toCreateInput,
  toDockerRun,
  type CreateForm,
} from './create-form.ts'
import { useInlineErrors } from './inline-errors.ts'
import { useCreateContainer } from './queries.ts'
import styles from './create-container-page.module.css'

/** The create form: validated inline with the contract; the engine's error shown as it is. */
export function CreateContainerPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const isAdmin = useHost(hostId)?.role === 'admin'
  const create = useCreateContainer(hostId)
  const toast = useToast()
  const [, navigate] = useLocation()
  const [form, setForm] = useState<CreateForm>(emptyForm)
  const [start, setStart] = useState(true)
  const { input, errors } = toCreateInput(form)
  const inline = useInlineErrors(errors)

  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    inline.submit()
    if (!input) return
    create.mutate(
      { input, start },
      {
        onSuccess: (created) => {
          const body = created.warnings.join('\n')
          toast({
            tone: 'ok',
            title: `Created ${input.name ?? created.id.slice(0, 12)}`,
            ...(body === '' ? {} : { body }),
          })
          navigate(
            `/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(created.id)}`,
          )
        },
      },
    )
  }
  return (
    <section className={layout.page}>
      <Link href={`/hosts/${encodeURIComponent(hostId)}/containers`} className={layout.backLink}>
        ← Containers
      </Link>
      <h1>Create container</h1>
      <form className={styles.grid} onSubmit={handleSubmit} noValidate>
        <div className={clsx(layout.card, forms.form)}>
          <CreateFields
            hostId={hostId}
            form={form}
            setForm={setForm}
            errors={inline.shown}
            onLeave={inline.leave}
            isAdmin={isAdmin}
          />
          <label className={layout.check}>
            <input
              type="checkbox"
              checked={start}
              onChange={(e) => {
                setStart(e.target.checked)
              }}
            />{' '}
            Start it after creating
          </label>
          {create.isError && (
            <div className={forms.formError} role="alert">
              <strong>The engine refused:</strong>{' '}
              <span className={texts.preWrap}>{errorMessage(create.error)}</span>
            </div>
          )}
          <Button type="submit" variant="primary" busy={create.isPending}>
            {start ? 'Create and start' : 'Create'}
          </Button>
        </div>
        <DockerRunPanel input={input} start={start} isAdmin={isAdmin} />
      </form>
    </section>
  )
}

/** What the form will do, as the `docker run` a CLI user would type; admins see host warnings. */
function DockerRunPanel({
  input,
  start,
  isAdmin,
}: {
  input: ContainerCreateInput | undefined
  start: boolean
  isAdmin: boolean
}) {
  const command = input ? toDockerRun(input, start) : undefined
  const warnings = input ? hostControlWarnings(input) : []
  return (
    <aside className={layout.card}>
      <div className={layout.cardHead}>
        <h2>As docker run</h2>
        {command !== undefined && <CopyButton value={command} label="Copy command" />}
      </div>
      {command !== undefined ? (
        <pre className={texts.codeBlock}>{command}</pre>
      ) : (
        <p className={texts.muted}>Fill in an image to see the command.</p>
      )}
      {isAdmin && warnings.length > 0 && (
        <div className={bannerClass('warn')} role="note">
          <strong>This container can control the host:</strong>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  )
}

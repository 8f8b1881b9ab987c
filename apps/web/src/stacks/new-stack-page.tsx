import { stackNameSchema } from '@harbormaster/contract'
import { useState } from 'react'
import { Link, useLocation, useParams } from 'wouter'
import { errorMessage } from '../platform/api-client.ts'
import { Button, forms, layout, texts, useToast } from '../ui/index.ts'
import { conversionToCompose, STARTER_COMPOSE, STARTER_ENV } from './compose-text.ts'
import { convertDockerRun } from './docker-run.ts'
import { errorsSummary } from './issue-diagnostics.ts'
import { CheckedStackFiles } from './stack-files-editor.tsx'
import { useCreateStack } from './queries.ts'
import { StackTargetChoice, useNewStackTarget } from './stack-target-choice.tsx'
import { useLeaveGuard } from './use-leave-guard.ts'
import { type Validation, useValidation } from './use-validation.ts'

/**
 * A new managed stack: a name, a compose file (a starter, or converted from a pasted
 * `docker run`) and its `.env`, checked as you type; saved as version 1, then its page opens.
 */
export function NewStackPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const [name, setName] = useState('')
  const [compose, setCompose] = useState(STARTER_COMPOSE)
  const [env, setEnv] = useState(STARTER_ENV)
  // Bumped when a conversion replaces the file, so the editor starts again from it.
  const [generation, setGeneration] = useState(0)
  const [failure, setFailure] = useState<string | undefined>()
  const { manager, chosen, setChosen, target } = useNewStackTarget(hostId)
  const create = useCreateStack(hostId)
  const toast = useToast()
  const [, navigate] = useLocation()
  const nameCheck = stackNameSchema.safeParse(name)
  const nameError =
    name === '' || nameCheck.success ? undefined : nameCheck.error.issues[0]?.message
  const listHref = `/hosts/${encodeURIComponent(hostId)}/stacks`
  const changed = name !== '' || compose !== STARTER_COMPOSE || env !== STARTER_ENV
  const checkedName = nameCheck.success ? name : ''
  const validation = useValidation(hostId, { name: checkedName, compose, env, target })
  const gate = createGate(nameCheck.success, validation)
  useLeaveGuard(changed && !create.isSuccess, 'the new stack')

  const handleCreate = async () => {
    setFailure(undefined)
    try {
      await create.mutateAsync({ name, compose, env, ...(target ? { target } : {}) })
      toast({ tone: 'ok', title: `Created stack ${name}` })
      navigate(`${listHref}/${encodeURIComponent(name)}`)
    } catch (err) {
      setFailure(errorMessage(err))
    }
  }
  return (
    <section className={layout.page}>
      <Link href={listHref} className={layout.backLink}>
        ← Stacks
      </Link>
      <div className={layout.pageHead}>
        <h1>New stack</h1>
      </div>
      <NameField name={name} error={nameError} swarm={target === 'swarm'} onChange={setName} />
      {manager && <StackTargetChoice value={chosen} onChange={setChosen} />}
      <DockerRunImport
        onConverted={(text) => {
          setCompose(text)
          setGeneration((g) => g + 1)
        }}
      />
      <CheckedStackFiles
        key={generation}
        hostId={hostId}
        name={nameCheck.success ? name : ''}
        compose={compose}
        env={env}
        onCompose={setCompose}
        onEnv={setEnv}
        validation={validation}
      />
      {failure !== undefined && (
        <p className={forms.formError} role="alert">
          {failure}
        </p>
      )}
      <div className={layout.actions}>
        <Button
          variant="primary"
          busy={create.isPending}
          disabled={gate.blocked}
          aria-describedby="create-gate"
          onClick={() => void handleCreate()}
        >
          Create stack
        </Button>
        <span id="create-gate" className={gate.errors ? forms.fieldError : texts.muted}>
          {gate.note}
        </span>
      </div>
    </section>
  )
}

/**
 * Whether Create may save the file, and why not: a file the server's check found errors in
 * (a refused setting is not one: an admin may deploy it) is not saved, and neither is one whose
 * check has not answered yet. A check that could not run (the request failed, not the file)
 * does not block: the editor says so, and the file is saved as typed.
 */
function createGate(
  named: boolean,
  validation: Validation,
): { blocked: boolean; errors: boolean; note: string } {
  const saved = 'Saved as version 1; its page then offers to deploy it.'
  if (!named) return { blocked: true, errors: false, note: saved }
  if (validation.checking) return { blocked: true, errors: false, note: 'Checking the file…' }
  const errors = errorsSummary(validation.issues)
  if (errors) return { blocked: true, errors: true, note: `Not saved while the file has ${errors}` }
  const refused = validation.issues.filter((issue) => issue.kind === 'policy').length
  if (refused > 0)
    return {
      blocked: false,
      errors: false,
      note: `${saved} ${refused} ${refused === 1 ? 'setting is' : 'settings are'} not allowed for your role: an admin may deploy it.`,
    }
  return { blocked: false, errors: false, note: saved }
}

function NameField({
  name,
  error,
  swarm,
  onChange,
}: {
  name: string
  error: string | undefined
  /** A swarm stack names services `<stack>_web`, as `docker stack deploy` does. */
  swarm: boolean
  onChange: (name: string) => void
}) {
  return (
    <label className={forms.field}>
      Name
      <input
        value={name}
        aria-invalid={error !== undefined}
        placeholder="e.g. shop"
        onChange={(e) => {
          onChange(e.target.value.trim())
        }}
      />
      {error !== undefined ? (
        <small className={forms.fieldError}>{error}</small>
      ) : (
        <small className={texts.muted}>
          {swarm
            ? `Prefixes every service, network, secret and config: ${name || 'name'}_web`
            : `Prefixes every container, network and volume: ${name || 'name'}-web-1`}
        </small>
      )}
    </label>
  )
}

/** Pastes a `docker run` command and turns it into the compose file, listing what it could not. */
function DockerRunImport({ onConverted }: { onConverted: (compose: string) => void }) {
  const [command, setCommand] = useState('')
  const [result, setResult] = useState<{ error?: string; warnings: string[] }>({ warnings: [] })
  const convert = () => {
    const converted = convertDockerRun(command)
    if (!converted.ok) {
      setResult({ error: converted.error, warnings: [] })
      return
    }
    onConverted(conversionToCompose(converted.conversion))
    setResult({ warnings: converted.conversion.warnings })
  }
  return (
    <details className={layout.card}>
      <summary>Start from a docker run command</summary>
      <div className={forms.form}>
        <textarea
          aria-label="docker run command"
          rows={3}
          className={texts.mono}
          placeholder="docker run -d -p 8080:80 --name web nginx:1.27"
          value={command}
          onChange={(e) => {
            setCommand(e.target.value)
          }}
        />
        <div className={layout.actions}>
          <Button onClick={convert} disabled={command.trim() === ''}>
            Convert to compose
          </Button>
          <span className={texts.muted}>Replaces the compose file below.</span>
        </div>
        {result.error !== undefined && (
          <p className={forms.formError} role="alert">
            {result.error}
          </p>
        )}
        {result.warnings.length > 0 && (
          <ul aria-label="Not converted" className={forms.fieldError}>
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        )}
      </div>
    </details>
  )
}

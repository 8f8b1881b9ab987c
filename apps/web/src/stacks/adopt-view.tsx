import type { StackAdoption } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocation } from 'wouter'
import { errorMessage } from '../platform/api-client.ts'
import { bannerClass, ErrorState, forms, layout, Spinner, texts, useToast } from '../ui/index.ts'
import { stackAdoptionOptions, useAdoptStack } from './adoption-calls.ts'
import { StackFilesEditor } from './stack-files-editor.tsx'
import { useLeaveGuard } from './use-leave-guard.ts'
import { SaveBar } from './save-bar.tsx'

/**
 * Adopting a compose CLI project: the file the server recovered or generated, with what it
 * could not reproduce, in the editor (checked as you type), then saved as a managed stack's
 * version 1. Nothing changes on the host until the first deploy.
 */
export function AdoptView({
  hostId,
  name,
  configFiles,
  stackHref,
}: {
  hostId: string
  name: string
  configFiles: readonly string[]
  /** The stack's page, opened once it is adopted. */
  stackHref: string
}) {
  const adoption = useQuery(stackAdoptionOptions(hostId, name))
  if (adoption.isPending) return <Spinner label="Reading the project's containers…" />
  if (adoption.isError)
    return (
      <ErrorState
        title={`Could not prepare the adoption of ${name}`}
        error={adoption.error}
        onRetry={() => void adoption.refetch()}
      />
    )
  return (
    <AdoptForm
      hostId={hostId}
      name={name}
      adoption={adoption.data}
      configFiles={configFiles}
      stackHref={stackHref}
    />
  )
}

function AdoptForm({
  hostId,
  name,
  adoption,
  configFiles,
  stackHref,
}: {
  hostId: string
  name: string
  adoption: StackAdoption
  configFiles: readonly string[]
  stackHref: string
}) {
  const [compose, setCompose] = useState(adoption.compose)
  const [env, setEnv] = useState(adoption.env)
  const [comment, setComment] = useState('')
  const [failure, setFailure] = useState<string | undefined>()
  const adopt = useAdoptStack(hostId, name)
  const toast = useToast()
  const [, navigate] = useLocation()
  const edited = compose !== adoption.compose || env !== adoption.env
  useLeaveGuard(edited && !adopt.isSuccess, `the adoption of ${name}`)

  const handleAdopt = async () => {
    setFailure(undefined)
    try {
      const files = await adopt.mutateAsync({
        compose,
        env,
        ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
      })
      toast({ tone: 'ok', title: `Adopted ${name}: version ${files.version} saved` })
      navigate(stackHref)
    } catch (err) {
      setFailure(errorMessage(err))
    }
  }
  return (
    <section className={layout.page} aria-label={`Adopt ${name}`}>
      <h2>Adopt {name} as a managed stack</h2>
      <AdoptionSource adoption={adoption} configFiles={configFiles} />
      <p className={bannerClass('info')} role="note">
        Saving keeps this file as version 1 of a stack Harbormaster manages. Nothing changes on the
        host until you deploy it: the containers keep running as they are. The first deploy
        recreates every container once, because the compose CLI&apos;s configuration hash differs
        from Harbormaster&apos;s.
      </p>
      <StackFilesEditor
        hostId={hostId}
        name={name}
        compose={compose}
        env={env}
        onCompose={setCompose}
        onEnv={setEnv}
        maskedEnv={adoption.maskedEnv}
      />
      {failure !== undefined && (
        <p className={forms.formError} role="alert">
          {failure}
        </p>
      )}
      <SaveBar
        comment={comment}
        onComment={setComment}
        placeholder="Why (optional)"
        label="Save as managed stack"
        busy={adopt.isPending}
        onSave={() => void handleAdopt()}
      />
    </section>
  )
}

/** Where the file comes from, and what it cannot reproduce. */
function AdoptionSource({
  adoption,
  configFiles,
}: {
  adoption: StackAdoption
  configFiles: readonly string[]
}) {
  return (
    <>
      {adoption.source === 'recovered' ? (
        <p>
          Read from the project&apos;s own file (
          <span className={texts.mono}>{configFiles.join(', ')}</span>).
        </p>
      ) : (
        <p>
          The project&apos;s file could not be read, so this one was generated from its
          containers&apos; settings. Review it: every deploy from now on runs what it says.
        </p>
      )}
      {adoption.notes.length > 0 && (
        <div className={bannerClass('warn')}>
          What the file does not reproduce:
          <ul aria-label="Notes">
            {adoption.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}

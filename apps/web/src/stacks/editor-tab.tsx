import type { StackFiles } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useReducer, useState } from 'react'
import { ApiRequestError, errorMessage } from '../platform/api-client.ts'
import { bannerClass, Button, ErrorState, layout, Spinner, texts, useToast } from '../ui/index.ts'
import { DirectoryPanel } from './directory-panel.tsx'
import { StackFilesEditor } from './stack-files-editor.tsx'
import { stackFilesOptions, useSaveStack } from './queries.ts'
import { useLeaveGuard } from './use-leave-guard.ts'
import { SaveBar } from './save-bar.tsx'

/**
 * The stack's compose file and `.env`, editable by those who may change it (read-only for
 * viewers, with secret values masked). The editor keeps the version it started from: a save
 * over someone's newer version is refused, and the editor offers to reload it.
 */
export function EditorTab({
  hostId,
  name,
  mayChange,
}: {
  hostId: string
  name: string
  mayChange: boolean
}) {
  const files = useQuery(stackFilesOptions(hostId, name))
  // The version the editor works on: the first one read, then each one saved or reloaded. A
  // refetch in the background never replaces what the person is typing.
  const [pinned, setPinned] = useState<StackFiles | undefined>()
  const base = pinned ?? files.data
  if (files.isPending) return <Spinner label="Loading the compose file…" />
  if (!base)
    return (
      <ErrorState
        title="Could not read the compose file"
        error={files.error}
        onRetry={() => void files.refetch()}
      />
    )
  const reload = async () => {
    const latest = await files.refetch()
    if (latest.data) setPinned(latest.data)
  }
  return (
    <EditorForm
      key={base.version}
      hostId={hostId}
      name={name}
      base={base}
      readOnly={!mayChange}
      onSaved={setPinned}
      onReload={reload}
    />
  )
}

function EditorForm({
  hostId,
  name,
  base,
  readOnly,
  onSaved,
  onReload,
}: {
  hostId: string
  name: string
  base: StackFiles
  readOnly: boolean
  onSaved: (files: StackFiles) => void
  onReload: () => Promise<void>
}) {
  const [compose, setCompose] = useState(base.compose)
  const [env, setEnv] = useState(base.env)
  const [comment, setComment] = useState('')
  const [conflict, setConflict] = useState<string | undefined>()
  // Each change in the stack's folder checks the file again (a missing env_file may be there).
  const [revision, recheck] = useReducer((r: number) => r + 1, 0)
  const save = useSaveStack(hostId, name)
  const toast = useToast()
  const dirty = compose !== base.compose || env !== base.env
  useLeaveGuard(dirty && !readOnly, `stack ${name}`)

  const handleSave = async () => {
    setConflict(undefined)
    try {
      const saved = await save.mutateAsync({
        compose,
        env,
        baseVersion: base.version,
        ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
      })
      toast({ tone: 'ok', title: `Saved version ${saved.version} of ${name}` })
      onSaved(saved)
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'conflict') setConflict(err.message)
      else toast({ tone: 'bad', title: `Could not save ${name}`, body: errorMessage(err) })
    }
  }
  return (
    <div className={layout.page}>
      <p className={texts.muted}>
        Version {base.version}, saved by {base.savedBy}
        {base.comment === undefined ? '' : `: “${base.comment}”`}
        {readOnly && ' · read-only for your role'}
      </p>
      {conflict !== undefined && (
        <ConflictBanner name={name} conflict={conflict} onReload={onReload} />
      )}
      <StackFilesEditor
        hostId={hostId}
        name={name}
        compose={compose}
        env={env}
        onCompose={setCompose}
        onEnv={setEnv}
        maskedEnv={base.maskedEnv}
        readOnly={readOnly}
        revision={revision}
      />
      {!readOnly && (
        <SaveBar
          comment={comment}
          onComment={setComment}
          placeholder="What changed (optional)"
          label={`Save version ${base.version + 1}`}
          busy={save.isPending}
          unsaved={dirty}
          onSave={() => void handleSave()}
        />
      )}
      <DirectoryPanel hostId={hostId} name={name} onChanged={recheck} />
    </div>
  )
}

/** Someone else's save won: say so, and offer their version (this draft is discarded). */
function ConflictBanner({
  name,
  conflict,
  onReload,
}: {
  name: string
  conflict: string
  onReload: () => Promise<void>
}) {
  return (
    <div className={bannerClass('warn')} role="alert">
      <span>
        Someone saved a newer version of {name} while you were editing. {conflict}. Reloading it
        discards your changes here (copy them first if you need them).
      </span>{' '}
      <Button onClick={() => void onReload()}>Reload the newer version</Button>
    </div>
  )
}

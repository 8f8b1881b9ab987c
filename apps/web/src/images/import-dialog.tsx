import { imageRepoSchema, imageTagSchema } from '@harbormaster/contract'
import { useState, type SubmitEvent } from 'react'
import { shortId } from '../platform/format.ts'
import { Button, Dialog, dialogActions, forms, TarballField, TextField } from '../ui/index.ts'
import { ProgressOutput } from './progress-output.tsx'
import { importImage } from './queries.ts'
import { useProgressRun } from './use-progress-run.ts'

/** `docker import`: a root filesystem tarball becomes a one-layer image. */
export function ImportDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const [tarball, setTarball] = useState<File | undefined>()
  const [repo, setRepo] = useState('')
  const [tag, setTag] = useState('')
  const [touched, setTouched] = useState(false)
  const work = useProgressRun(hostId)
  const problem = importProblem(tarball, repo.trim(), tag.trim())

  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem !== undefined || !tarball || work.running) return
    const name = {
      ...(repo.trim() ? { repo: repo.trim() } : {}),
      ...(tag.trim() ? { tag: tag.trim() } : {}),
    }
    void work.run(
      (onProgress, signal) => importImage(hostId, tarball, name, onProgress, signal),
      (done) => `Imported ${name.repo ?? (done.imageId ? shortId(done.imageId) : 'the image')}`,
    )
  }
  const handleClose = () => {
    work.cancel()
    onClose()
  }
  return (
    <Dialog open title="Import an image from a tarball" onClose={handleClose} wide>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <TarballField label="Root filesystem" onPick={setTarball} />
        <TextField
          label="Repository (optional)"
          placeholder="e.g. team/base"
          value={repo}
          onChange={setRepo}
        />
        <TextField label="Tag (optional)" placeholder="e.g. 1.0" value={tag} onChange={setTag} />
        {touched && problem !== undefined && <small className={forms.fieldError}>{problem}</small>}
        <ProgressOutput output={work.output} error={work.error} label="Import output" />
        <div className={dialogActions}>
          <Button onClick={handleClose}>{work.running ? 'Cancel' : 'Close'}</Button>
          <Button type="submit" variant="primary" busy={work.running}>
            Import
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

function importProblem(tarball: File | undefined, repo: string, tag: string): string | undefined {
  if (!tarball) return 'choose a tarball'
  if (repo !== '' && !imageRepoSchema.safeParse(repo).success)
    return 'repository: expected a repository name'
  if (tag !== '' && repo === '') return 'tag: needs a repository'
  if (tag !== '' && !imageTagSchema.safeParse(tag).success)
    return 'tag: expected letters, digits, _ . -'
  return undefined
}

import { clsx } from 'clsx'
import { useState, type SubmitEvent } from 'react'
import { shortId } from '../platform/format.ts'
import {
  Button,
  Dialog,
  dialogActions,
  forms,
  layout,
  TarballField,
  TextField,
  texts,
} from '../ui/index.ts'
import { emptyBuildForm, toBuildRequest, type BuildForm } from './build-request.ts'
import { ProgressOutput } from './progress-output.tsx'
import { buildImage } from './queries.ts'
import { useProgressRun } from './use-progress-run.ts'

/** Build from a Dockerfile typed here or from an uploaded context tar, watching the output. */
export function BuildDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const [form, setForm] = useState<BuildForm>(emptyBuildForm)
  const [context, setContext] = useState<File | undefined>()
  const [touched, setTouched] = useState(false)
  const build = useProgressRun(hostId)
  const result = toBuildRequest(form, context)
  const set =
    <K extends keyof BuildForm>(key: K) =>
    (value: BuildForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }))
    }

  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!result.ok || build.running) return
    const { request } = result
    const name = form.tags.split(/[\s,]+/).find((tag) => tag !== '')
    void build.run(
      (onProgress, signal) => buildImage(hostId, request, onProgress, signal),
      (done) => `Built ${name ?? (done.imageId ? shortId(done.imageId) : 'the image')}`,
    )
  }
  const handleClose = () => {
    build.cancel()
    onClose()
  }
  return (
    <Dialog open title="Build an image" onClose={handleClose} wide>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <SourcePicker source={form.source} onChange={set('source')} />
        <SourceFields form={form} set={set} onContext={setContext} />
        <TextField
          label="Tags (name:tag, comma-separated)"
          placeholder="e.g. myapp:1.0"
          value={form.tags}
          onChange={set('tags')}
        />
        <TextField
          label="Labels (key=value per line)"
          multiline
          value={form.labels}
          onChange={set('labels')}
        />
        <label className={layout.check}>
          <input
            type="checkbox"
            checked={form.noCache}
            onChange={(e) => {
              set('noCache')(e.target.checked)
            }}
          />{' '}
          Do not use the build cache
        </label>
        {touched && !result.ok && <small className={forms.fieldError}>{result.error}</small>}
        <ProgressOutput output={build.output} error={build.error} label="Build output" />
        <div className={dialogActions}>
          <Button onClick={handleClose}>{build.running ? 'Cancel' : 'Close'}</Button>
          <Button type="submit" variant="primary" busy={build.running}>
            Build
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

function SourcePicker({
  source,
  onChange,
}: {
  source: BuildForm['source']
  onChange: (source: BuildForm['source']) => void
}) {
  const option = (value: BuildForm['source'], label: string) => (
    <label className={layout.check}>
      <input
        type="radio"
        name="build-source"
        checked={source === value}
        onChange={() => {
          onChange(value)
        }}
      />{' '}
      {label}
    </label>
  )
  return (
    <fieldset className={clsx(layout.toolbar, forms.plainFieldset)}>
      <legend className={texts.srOnly}>Build from</legend>
      {option('dockerfile', 'Write a Dockerfile')}
      {option('context', 'Upload a context tar')}
    </fieldset>
  )
}

/** The Dockerfile text, or the context tar and where its Dockerfile is. */
function SourceFields({
  form,
  set,
  onContext,
}: {
  form: BuildForm
  set: <K extends keyof BuildForm>(key: K) => (value: BuildForm[K]) => void
  onContext: (file: File | undefined) => void
}) {
  return form.source === 'dockerfile' ? (
    <label className={forms.field}>
      <span>Dockerfile</span>
      <textarea
        className={texts.mono}
        rows={7}
        spellCheck={false}
        placeholder={'FROM busybox\nRUN echo hello > /hello.txt'}
        value={form.dockerfile}
        onChange={(e) => {
          set('dockerfile')(e.target.value)
        }}
      />
    </label>
  ) : (
    <>
      <TarballField label="Build context" onPick={onContext} />
      <TextField
        label="Dockerfile path in the context (empty: Dockerfile)"
        value={form.dockerfilePath}
        onChange={set('dockerfilePath')}
      />
    </>
  )
}

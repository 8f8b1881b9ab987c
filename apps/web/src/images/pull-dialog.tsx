import { imageRefSchema } from '@harbormaster/contract'
import { useQueryClient } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { useRef, useState, type SubmitEvent } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { formatBytes } from '../platform/format.ts'
import { Button, Dialog, dialogActions, forms, layout, texts, useToast } from '../ui/index.ts'
import { emptyPull, layerPercent, type PullState } from './pull-progress.ts'
import { imageKeys, pullImage } from './queries.ts'
import styles from './pull-dialog.module.css'

/** Pull with per-layer progress instead of a spinner; the engine's error as it is. */
export function PullDialog({
  hostId,
  open,
  onClose,
}: {
  hostId: string
  open: boolean
  onClose: () => void
}) {
  const [image, setImage] = useState('')
  const [state, setState] = useState<PullState>(emptyPull)
  const [running, setRunning] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()
  const abort = useRef<AbortController | undefined>(undefined)
  const queryClient = useQueryClient()
  const toast = useToast()
  const invalid = image !== '' && !imageRefSchema.safeParse(image).success

  const handleSubmit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (image === '' || invalid) return
    setState(emptyPull)
    setFailure(undefined)
    setRunning(true)
    abort.current = new AbortController()
    try {
      const final = await pullImage(hostId, image, setState, abort.current.signal)
      if (final.error === undefined) toast({ tone: 'ok', title: `Pulled ${image}` })
    } catch (err) {
      setFailure(errorMessage(err))
    } finally {
      setRunning(false)
      void queryClient.invalidateQueries({ queryKey: imageKeys.all(hostId) })
    }
  }
  const handleClose = () => {
    abort.current?.abort()
    onClose()
  }
  const error = failure ?? state.error
  return (
    <Dialog open={open} title="Pull an image" onClose={handleClose} wide>
      <form className={layout.inlineForm} onSubmit={(e) => void handleSubmit(e)}>
        <input
          autoFocus
          aria-label="Image"
          placeholder="e.g. nginx:1.27 or ghcr.io/org/app:tag"
          value={image}
          aria-invalid={invalid}
          onChange={(e) => {
            setImage(e.target.value.trim())
          }}
        />
        <Button type="submit" variant="primary" busy={running}>
          Pull
        </Button>
      </form>
      {invalid && (
        <small className={forms.fieldError}>expected an image reference (name[:tag])</small>
      )}
      {error !== undefined && (
        <p className={forms.formError} role="alert">
          {error}
        </p>
      )}
      <ul className={clsx(texts.plain, styles.messages)}>
        {state.messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      <LayerList state={state} />
      <div className={dialogActions}>
        <Button onClick={handleClose}>{running ? 'Cancel' : 'Close'}</Button>
      </div>
    </Dialog>
  )
}

function LayerList({ state }: { state: PullState }) {
  return (
    <ul className={styles.layers}>
      {state.layers.map((layer) => {
        const pct = layerPercent(layer)
        return (
          <li key={layer.id}>
            <code>{layer.id}</code>
            <span className={styles.layerStatus}>
              {layer.status}
              {layer.total ? ` ${formatBytes(layer.current ?? 0)}/${formatBytes(layer.total)}` : ''}
            </span>
            <progress max={100} value={pct} aria-label={`Layer ${layer.id}`} />
          </li>
        )
      })}
    </ul>
  )
}

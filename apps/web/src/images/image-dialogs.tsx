import type { ImageSummary } from '@harbormaster/contract'
import { BuildDialog } from './build-dialog.tsx'
import { HistoryDialog } from './history-dialog.tsx'
import { imageName } from './image-columns.tsx'
import { ImportDialog } from './import-dialog.tsx'
import { PullDialog } from './pull-dialog.tsx'
import { TagDialog } from './tag-dialog.tsx'

/** The one dialog the images page has open, if any. */
export type ImageDialog =
  { kind: 'pull' | 'build' | 'import' } | { kind: 'history' | 'tag'; image: ImageSummary }

export function ImageDialogs({
  hostId,
  dialog,
  onClose,
}: {
  hostId: string
  dialog: ImageDialog | undefined
  onClose: () => void
}) {
  switch (dialog?.kind) {
    case undefined:
      return null
    case 'pull':
      return <PullDialog hostId={hostId} open onClose={onClose} />
    case 'build':
      return <BuildDialog hostId={hostId} onClose={onClose} />
    case 'import':
      return <ImportDialog hostId={hostId} onClose={onClose} />
    case 'history':
      return (
        <HistoryDialog
          hostId={hostId}
          image={dialog.image}
          name={imageName(dialog.image)}
          onClose={onClose}
        />
      )
    case 'tag':
      return (
        <TagDialog
          hostId={hostId}
          image={dialog.image}
          name={imageName(dialog.image)}
          onClose={onClose}
        />
      )
  }
}

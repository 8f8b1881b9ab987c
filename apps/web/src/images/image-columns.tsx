import type { ImageSummary } from '@harbormaster/contract'
import { formatBytes } from '../platform/format.ts'
import { Badge, Button, type Column, layout, ShortId, texts, TimeAgo } from '../ui/index.ts'

/** The name `docker images` would show first: a tag, else the digest, else `<none>`. */
export const imageName = (i: ImageSummary): string =>
  i.repoTags[0] ?? i.repoDigests[0]?.replace(/@.*/, '@…') ?? '<none>'

interface ColumnOptions {
  mayChange: boolean
  onRemove: (i: ImageSummary) => Promise<void>
  onHistory: (i: ImageSummary) => void
  onTag: (i: ImageSummary) => void
}

export function imageColumns(options: ColumnOptions): Column<ImageSummary>[] {
  return [
    {
      id: 'name',
      header: 'Repository:tag',
      width: 'minmax(6rem, 3fr)',
      cell: (i) => (
        <span className={layout.nameCell}>
          <span className={texts.truncate} title={i.repoTags.join('\n')}>
            {imageName(i)}
          </span>
          <ShortId id={i.id} />
        </span>
      ),
    },
    {
      id: 'use',
      header: 'Use',
      width: '7rem',
      hideOnPhone: true,
      cell: (i) =>
        i.dangling ? (
          <Badge tone="warn">dangling</Badge>
        ) : i.inUse ? (
          <Badge tone="ok">in use</Badge>
        ) : (
          <Badge>unused</Badge>
        ),
    },
    {
      id: 'size',
      header: 'Size',
      width: '6rem',
      hideOnPhone: true,
      cell: (i) => formatBytes(i.size),
    },
    {
      id: 'containers',
      header: 'Containers',
      width: '6rem',
      hideOnPhone: true,
      cell: (i) => (
        <span title={i.containers.map((c) => c.name).join('\n')}>{i.containers.length}</span>
      ),
    },
    {
      id: 'created',
      header: 'Created',
      width: '8rem',
      hideOnPhone: true,
      cell: (i) => <TimeAgo value={i.created} />,
    },
    {
      id: 'actions',
      header: <span className={texts.srOnly}>Actions</span>,
      // Three buttons side by side; Use and Size give way at phone width to keep them in view.
      width: '14.5rem',
      cell: (i) => <ImageActions image={i} {...options} />,
    },
  ]
}

function ImageActions({
  image,
  mayChange,
  onRemove,
  onHistory,
  onTag,
}: ColumnOptions & { image: ImageSummary }) {
  return (
    <span className={layout.actions}>
      <Button
        variant="ghost"
        onClick={() => {
          onHistory(image)
        }}
      >
        History
      </Button>
      {mayChange && (
        <Button
          variant="ghost"
          onClick={() => {
            onTag(image)
          }}
        >
          Tag
        </Button>
      )}
      {mayChange && (
        <Button variant="danger" onClick={() => void onRemove(image)}>
          Remove
        </Button>
      )}
    </span>
  )
}

import type { UseQueryResult } from '@tanstack/react-query'
import { formatBytes } from '../platform/format.ts'
import { Button } from '../ui/index.ts'
import { MeasuredAt } from './measured-at.tsx'
import type { ImageList } from './queries.ts'

/** How many images, their size, how old that answer is, and a way to read it again. */
export function ImageListSummary({ list }: { list: UseQueryResult<ImageList> }) {
  const images = list.data?.images
  const measuredAt = list.data?.measuredAt
  return (
    <>
      {images && (
        <span className="muted">
          {images.length} images · {formatBytes(images.reduce((s, i) => s + i.size, 0))}
        </span>
      )}
      {measuredAt !== undefined && (
        <span className="muted">
          <MeasuredAt at={measuredAt} />
        </span>
      )}
      <Button variant="ghost" busy={list.isFetching} onClick={() => void list.refetch()}>
        Refresh
      </Button>
    </>
  )
}

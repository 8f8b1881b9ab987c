import type { UseQueryResult } from '@tanstack/react-query'
import { formatBytes } from '../platform/format.ts'
import { Button, texts, TimeAgo } from '../ui/index.ts'
import type { ImageList } from './queries.ts'

/** How many images, their size, how old that answer is, and a way to read it again. */
export function ImageListSummary({ list }: { list: UseQueryResult<ImageList> }) {
  const images = list.data?.images
  const measuredAt = list.data?.measuredAt
  return (
    <>
      {images && (
        <span className={texts.muted}>
          {images.length} images · {formatBytes(images.reduce((s, i) => s + i.size, 0))}
        </span>
      )}
      {measuredAt !== undefined && (
        <span className={texts.muted}>
          {/* Seconds matter here: the server shares one engine answer for 15 s. */}
          <TimeAgo value={measuredAt} prefix="measured" everyMs={5_000} />
        </span>
      )}
      <Button variant="ghost" busy={list.isFetching} onClick={() => void list.refetch()}>
        Refresh
      </Button>
    </>
  )
}

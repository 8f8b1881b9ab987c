import type { ImageSummary } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import { useParams } from 'wouter'
import { useUrlParam } from '../app/url-state.ts'
import { canChange, useHost } from '../hosts/index.ts'
import { Button, layout, ResourceBody } from '../ui/index.ts'
import { ImageFilters } from './image-filters.tsx'
import { imageColumns, imageName } from './image-columns.tsx'
import { ImageDialogs, type ImageDialog } from './image-dialogs.tsx'
import { ImageListSummary } from './image-list-summary.tsx'
import { imageListOptions } from './queries.ts'
import { useImageActions } from './use-image-actions.tsx'

export function ImageListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const mayChange = canChange(useHost(hostId))
  const list = useQuery(imageListOptions(hostId))
  const [q, setQ] = useUrlParam('q')
  const [show, setShow] = useUrlParam('show')
  const [dialog, setDialog] = useState<ImageDialog | undefined>()
  const searchRef = useRef<HTMLInputElement>(null)
  const actions = useImageActions(hostId)
  const images = list.data?.images
  const rows = useMemo(() => filterImages(images ?? [], q, show), [images, q, show])
  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Images</h1>
        <ImageListSummary list={list} />
        {mayChange && (
          <span className={layout.actions}>
            <Button
              variant="primary"
              onClick={() => {
                setDialog({ kind: 'pull' })
              }}
            >
              Pull
            </Button>
            <Button
              onClick={() => {
                setDialog({ kind: 'build' })
              }}
            >
              Build
            </Button>
            <Button
              onClick={() => {
                setDialog({ kind: 'import' })
              }}
            >
              Import
            </Button>
            <Button busy={actions.isPruning} onClick={() => void actions.handlePrune(false)}>
              Prune dangling
            </Button>
            <Button busy={actions.isPruning} onClick={() => void actions.handlePrune(true)}>
              Prune unused
            </Button>
          </span>
        )}
      </div>
      <ImageFilters searchRef={searchRef} q={q} setQ={setQ} show={show} setShow={setShow} />
      <ResourceBody
        query={list}
        rows={rows}
        columns={imageColumns({
          mayChange,
          onRemove: actions.handleRemove,
          onHistory: (image) => {
            setDialog({ kind: 'history', image })
          },
          onTag: (image) => {
            setDialog({ kind: 'tag', image })
          },
        })}
        label="Images"
        keyOf={(i) => i.id}
        empty={list.data?.images.length === 0 ? 'No images on this host' : 'No images match'}
      />
      <ImageDialogs
        hostId={hostId}
        dialog={dialog}
        onClose={() => {
          setDialog(undefined)
        }}
      />
    </section>
  )
}

function filterImages(images: ImageSummary[], q: string, show: string): ImageSummary[] {
  const needle = q.toLowerCase()
  return images
    .filter((i) => {
      if (show === 'dangling' && !i.dangling) return false
      if (show === 'unused' && i.inUse) return false
      return (
        needle === '' ||
        i.repoTags.some((t) => t.toLowerCase().includes(needle)) ||
        i.id.includes(needle)
      )
    })
    .sort((a, b) => imageName(a).localeCompare(imageName(b)))
}

import type { SearchHit, SearchKind } from '@harbormaster/contract'

/** The page that shows a hit, on its own host. Images have no page of their own: their list, filtered. */
export function hitPath(hit: SearchHit): string {
  const host = `/hosts/${encodeURIComponent(hit.hostId)}`
  const ref = encodeURIComponent(hit.ref)
  switch (hit.kind) {
    case 'container':
      return `${host}/containers/${ref}`
    case 'image':
      return `${host}/images?q=${ref}`
    case 'volume':
      return `${host}/volumes/${ref}`
    case 'network':
      return `${host}/networks/${ref}`
    case 'stack':
      return `${host}/stacks/${ref}`
  }
}

export const KIND_LABEL: Record<SearchKind, string> = {
  container: 'Container',
  image: 'Image',
  volume: 'Volume',
  network: 'Network',
  stack: 'Stack',
}

/**
 * The highlighted hit after a key press: arrows move and wrap around, Home and End jump; -1 is
 * "none" (nothing highlighted yet, so Enter opens the first). Other keys leave it.
 */
export function moveActive(active: number, key: string, count: number): number {
  if (count === 0) return -1
  switch (key) {
    case 'ArrowDown':
      return active >= count - 1 ? 0 : active + 1
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return Math.min(active, count - 1)
  }
}

import type { ImageUpdateFinding } from '@harbormaster/contract'

/**
 * Newer images found by the update checker (apps/server/src/updates), which the `image.update`
 * rules turn into notices. Returns the function that stops listening.
 */
export interface ImageUpdateFeed {
  subscribe(listener: (finding: ImageUpdateFinding) => void): () => void
}

/** No checker: no findings. */
export const emptyImageUpdateFeed: ImageUpdateFeed = {
  subscribe: () => () => undefined,
}

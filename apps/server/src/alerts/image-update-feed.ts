import type { AutoUpdateApplied, ImageUpdateFinding } from '@harbormaster/contract'

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

/** Automatic updates applied (updates/auto-updates.ts), which `image.updated` rules report. */
export interface AutoUpdateFeed {
  subscribe(listener: (applied: AutoUpdateApplied) => void): () => void
}

/** No automatic updates: nothing to report. */
export const emptyAutoUpdateFeed: AutoUpdateFeed = {
  subscribe: () => () => undefined,
}

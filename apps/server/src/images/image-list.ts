import type { Filters, Image } from '@harbormaster/engine'
import type { RegisteredHost } from '../hosts/index.ts'

const IMAGE_LIST_REUSE_MS = 15_000

/**
 * The host's images as the engine lists them, with when they were read. `/images/json` is among
 * the engine's most expensive calls (issue 10): it is made only when someone asks, shared for
 * IMAGE_LIST_REUSE_MS by every asker (the images page, search), dropped on any image event.
 */
export function sharedImageList(
  host: RegisteredHost,
  dangling?: boolean,
): Promise<{ images: Image[]; at: Date }> {
  const filters: Filters = dangling === undefined ? {} : { dangling: [String(dangling)] }
  return host.reads.run(
    `images?dangling=${String(dangling)}`,
    async () => ({ images: await host.engine.images.list({ filters }), at: new Date() }),
    IMAGE_LIST_REUSE_MS,
  )
}

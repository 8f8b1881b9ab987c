import type { Container, Service } from '@harbormaster/engine'
import { STACK_IMAGE_LABEL } from '../swarm/index.ts'

/** An image reference containers were created from, and the image each one runs. */
export interface ImageInUse {
  /** As the containers name it: `registry.example.com/app:1`. */
  image: string
  /** The images the containers run (one, unless the tag moved between creations). */
  imageIds: string[]
  containerIds: string[]
  /**
   * Swarm services whose spec names this reference, pinned (`app:1@sha256:…`); their task
   * containers on this engine name it too, and are in `containerIds`.
   */
  serviceIds: string[]
  /** The tag a stack asked for (`com.docker.stack.image`), for a spec pinned by digest only. */
  stackImage?: string | undefined
}

/**
 * Groups a host's containers by the reference they were created from, and a manager's services
 * by the reference their spec names (the same as their tasks' containers).
 */
export function imagesInUse(
  containers: readonly Container[],
  services: readonly Service[] = [],
): ImageInUse[] {
  const byImage = new Map<string, ImageInUse>()
  const useOf = (image: string): ImageInUse => {
    const use = byImage.get(image) ?? { image, imageIds: [], containerIds: [], serviceIds: [] }
    byImage.set(image, use)
    return use
  }
  for (const container of containers) {
    const use = useOf(container.image)
    if (!use.imageIds.includes(container.imageId)) use.imageIds.push(container.imageId)
    use.containerIds.push(container.id)
  }
  for (const service of services) {
    const use = useOf(service.image)
    use.serviceIds.push(service.id)
    use.stackImage ??= service.labels[STACK_IMAGE_LABEL]
  }
  return [...byImage.values()].sort((a, b) => a.image.localeCompare(b.image))
}

/** An image id as the engine's container list gives it in place of a moved tag. */
const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/

/**
 * The containers, each named by the reference it was created from. Once that tag names another
 * image (the host pulled a newer one, or retagged), the engine's list names such a container by
 * its image id instead, and so does the host's model once it re-reads the row: the very
 * containers an update is for. Their reference is read from their inspect (Config.Image), one
 * call per such container; none for the others.
 */
export async function withCreatedFrom(
  containers: readonly Container[],
  createdFrom: (container: Container) => Promise<string>,
): Promise<Container[]> {
  return Promise.all(
    containers.map(async (container) =>
      IMAGE_ID.test(container.image)
        ? { ...container, image: await createdFrom(container) }
        : container,
    ),
  )
}

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

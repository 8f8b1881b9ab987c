import type { Container } from '@harbormaster/engine'

/** An image reference containers were created from, and the image each one runs. */
export interface ImageInUse {
  /** As the containers name it: `registry.example.com/app:1`. */
  image: string
  /** The images the containers run (one, unless the tag moved between creations). */
  imageIds: string[]
  containerIds: string[]
}

/** Groups a host's containers by the reference they were created from. */
export function imagesInUse(containers: readonly Container[]): ImageInUse[] {
  const byImage = new Map<string, ImageInUse>()
  for (const container of containers) {
    const use = byImage.get(container.image) ?? {
      image: container.image,
      imageIds: [],
      containerIds: [],
    }
    if (!use.imageIds.includes(container.imageId)) use.imageIds.push(container.imageId)
    use.containerIds.push(container.id)
    byImage.set(container.image, use)
  }
  return [...byImage.values()].sort((a, b) => a.image.localeCompare(b.image))
}

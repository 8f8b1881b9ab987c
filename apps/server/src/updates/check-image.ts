import {
  type ImageReference,
  parseImageReference,
  type RegistryCredentials,
} from '@harbormaster/registry'
import type { StoredCheck } from './update-store.ts'
import type { ImageInUse } from './images-in-use.ts'

/** What one image's check needs: the engine's repo digests and the registry's answer. */
export interface CheckInputs {
  repoDigests(imageId: string): Promise<readonly string[]>
  registryDigest(image: ImageReference, credentials?: RegistryCredentials): Promise<string>
  credentialsFor(registry: string): RegistryCredentials | undefined
}

export type CheckOutcome = Omit<StoredCheck, 'checkedAt' | 'foundAt' | 'containerIds'>

const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/

/**
 * Compares the repo digest the engine recorded when it pulled the image with the digest the
 * registry now serves for the tag. Nothing to compare is `unknown`, with why; a registry error
 * is thrown (the caller decides about rate limits).
 */
export async function checkImage(use: ImageInUse, inputs: CheckInputs): Promise<CheckOutcome> {
  const unknown = (reason: string): CheckOutcome => ({
    image: use.image,
    status: 'unknown',
    reason,
  })
  if (IMAGE_ID.test(use.image)) return unknown('created from an image id, not a tag')
  let reference: ImageReference
  try {
    reference = parseImageReference(use.image)
  } catch {
    return unknown('not a registry reference')
  }
  if (reference.digest !== undefined) return unknown('pinned by digest')
  // A container made before the tag moved runs an older image than one made after: compare each,
  // and report the oldest (an update is available to at least one container).
  const recorded: string[][] = []
  for (const imageId of use.imageIds) {
    const digests = matchingDigests(await inputs.repoDigests(imageId), reference)
    if (digests.length === 0) return unknown('built locally or never pulled from its registry')
    recorded.push(digests)
  }
  const remote = await inputs.registryDigest(reference, inputs.credentialsFor(reference.registry))
  const behind = recorded.find((digests) => !digests.includes(remote))
  return {
    image: use.image,
    status: behind === undefined ? 'up-to-date' : 'update-available',
    currentDigest: behind?.[0] ?? remote,
    newDigest: remote,
  }
}

/** The repo digests (`repo@sha256:…`) the engine recorded for the reference's repository. */
function matchingDigests(repoDigests: readonly string[], reference: ImageReference): string[] {
  const digests: string[] = []
  for (const repoDigest of repoDigests) {
    try {
      const parsed = parseImageReference(repoDigest)
      const same =
        parsed.registry === reference.registry && parsed.repository === reference.repository
      if (same && parsed.digest !== undefined) digests.push(parsed.digest)
    } catch {
      // Not a reference we can read: not the one we look for.
    }
  }
  return digests
}

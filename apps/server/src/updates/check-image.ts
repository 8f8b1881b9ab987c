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

export type CheckOutcome = Omit<
  StoredCheck,
  'checkedAt' | 'foundAt' | 'containerIds' | 'serviceIds'
>

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
  const pinned = reference.digest
  if (use.serviceIds.length > 0 && pinned !== undefined)
    return checkPinned(use, { ...reference, digest: pinned }, inputs)
  if (pinned !== undefined) return unknown('pinned by digest')
  // A service whose spec names a bare tag: each node pulled it when it started a task; only the
  // tasks on this engine say which digest they got.
  if (use.imageIds.length === 0) return unknown('its spec pins no digest and no task runs here')
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

/**
 * A swarm service's spec that pins the digest its tasks run (`app:1@sha256:…`, as `docker
 * service create` and `docker stack deploy` resolve it): that digest against the registry's for the tag,
 * the tag being the spec's own or, for a spec pinned by digest only, the one its stack asked for.
 */
async function checkPinned(
  use: ImageInUse,
  reference: ImageReference & { digest: string },
  inputs: CheckInputs,
): Promise<CheckOutcome> {
  const unknown = (reason: string): CheckOutcome => ({
    image: use.image,
    status: 'unknown',
    reason,
  })
  const pinned = reference.digest
  let tagged: ImageReference = { registry: reference.registry, repository: reference.repository }
  if (reference.tag !== undefined) tagged = { ...tagged, tag: reference.tag }
  else {
    const asked = stackTag(use.stackImage, reference)
    if (asked === undefined) return unknown('pinned by digest, with no tag to follow')
    tagged = { ...tagged, tag: asked }
  }
  const remote = await inputs.registryDigest(tagged, inputs.credentialsFor(tagged.registry))
  return {
    image: use.image,
    status: remote === pinned ? 'up-to-date' : 'update-available',
    currentDigest: pinned,
    newDigest: remote,
  }
}

/** The tag of the stack's image label, when it names the same repository. */
function stackTag(stackImage: string | undefined, reference: ImageReference): string | undefined {
  if (stackImage === undefined) return undefined
  try {
    const asked = parseImageReference(stackImage)
    const same = asked.registry === reference.registry && asked.repository === reference.repository
    return same ? (asked.tag ?? 'latest') : undefined
  } catch {
    return undefined
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

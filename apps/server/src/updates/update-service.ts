import type { ServiceImageUpdateResult } from '@harbormaster/contract'
import type { Service } from '@harbormaster/engine'
import { parseImageReference } from '@harbormaster/registry'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { updateCredentials } from '../stacks/index.ts'
import { changeService, resolveService } from '../swarm/index.ts'
import { STACK_IMAGE_LABEL } from './images-in-use.ts'

/**
 * Update of a swarm service: its spec's image becomes the tag at the digest the last check
 * found (`app:1@sha256:new`), as `docker service update --image app:1` resolves it, through the
 * very path of an edit (service-change.ts: the service policy judges the spec it sends). Swarm
 * then replaces the tasks with the service's own update config, and rolls back on failure when
 * that config says so; the service page's UpdateStatus shows it. The nodes pull with the
 * checker's credentials for the registry.
 */
export async function updateService(
  c: HostContext,
  idOrName: string,
): Promise<ServiceImageUpdateResult> {
  const service = await resolveService(c, idOrName)
  const found = foundUpdate(c, service)
  if (found === undefined) {
    return {
      outcome: 'current',
      serviceId: service.id,
      name: service.name,
      previousImage: service.image,
      image: service.image,
      warnings: [],
    }
  }
  const image = pinned(service, found.newDigest)
  const warnings = await changeService(
    c,
    service.id,
    { image },
    {
      expect: (current) => {
        if (current.spec.settings.image !== found.image) throw changedSinceCheck(service.name)
      },
      write: { registryAuth: updateCredentials(c, image) },
    },
  )
  return {
    outcome: 'updated',
    serviceId: service.id,
    name: service.name,
    previousImage: service.image,
    image,
    warnings,
  }
}

/** The last check's finding for the service, when it found a digest other than the spec's. */
function foundUpdate(
  c: HostContext,
  service: Service,
): { image: string; newDigest: string } | undefined {
  const check = c.var.updates.store
    .list(c.var.hostId)
    .find((row) => row.serviceIds.includes(service.id))
  if (check === undefined) {
    throw new ApiError(
      400,
      'invalid_request',
      `The image update check has not looked at service ${service.name} yet: check again first`,
    )
  }
  if (check.image !== service.image) throw changedSinceCheck(service.name)
  if (check.status !== 'update-available' || check.newDigest === undefined) return undefined
  return { image: check.image, newDigest: check.newDigest }
}

/** The tag the spec follows (its own, or the one its stack asked for) at `digest`. */
function pinned(service: Service, digest: string): string {
  const reference = parseImageReference(service.image)
  const tagged =
    reference.tag === undefined
      ? (service.labels[STACK_IMAGE_LABEL] ?? service.image)
      : service.image.slice(0, service.image.length - suffixLength(reference.digest))
  return `${tagged}@${digest}`
}

/** The length of `@sha256:…` at the end of a reference, when it pins one. */
function suffixLength(digest: string | undefined): number {
  return digest === undefined ? 0 : digest.length + 1
}

function changedSinceCheck(name: string): ApiError {
  return new ApiError(
    409,
    'conflict',
    `Service ${name} names another image than the last check saw: check again first`,
  )
}

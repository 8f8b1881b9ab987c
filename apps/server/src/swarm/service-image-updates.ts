import type { Service } from '@harbormaster/engine'
import { parseImageReference } from '@harbormaster/registry'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'

/** The label `docker stack deploy` puts on a service: the image as the compose file names it. */
export const STACK_IMAGE_LABEL = 'com.docker.stack.image'

/** What this reads of a stored image update check (updates/update-store.ts). */
interface ServiceCheck {
  image: string
  status: string
  newDigest?: string | undefined
  serviceIds: readonly string[]
}

/** A service the last check found behind its tag, and the image its spec is to name instead. */
export interface ServiceUpdate {
  service: Service
  /** The spec's image when checked (`app:1@sha256:old`). */
  checkedImage: string
  /** The tag it follows at the registry's digest (`app:1@sha256:new`). */
  image: string
}

/*
 * What the image update checker's last run (updates/image-updates.ts) says of services, read
 * from its store as stacks/stack-updates.ts reads it for containers: no engine or registry call.
 */

/**
 * What the last check says of a service (read from the checker's store, no engine or registry
 * call): `unchecked` when it did not look at it (or it names another image since), `current`
 * when it found no other digest, else the update.
 */
export function serviceUpdateOf(
  c: HostContext,
  service: Service,
): ServiceUpdate | 'unchecked' | 'current' {
  const check = checkOf(c.var.updates.store.list(c.var.hostId), service)
  if (check === undefined) return 'unchecked'
  if (check.status !== 'update-available' || check.newDigest === undefined) return 'current'
  return { service, checkedImage: check.image, image: pinnedImage(service, check.newDigest) }
}

/** The services of `services` the last check found an update for. */
export function serviceUpdates(c: HostContext, services: readonly Service[]): ServiceUpdate[] {
  const checks = c.var.updates.store.list(c.var.hostId)
  const updates: ServiceUpdate[] = []
  for (const service of services) {
    const check = checkOf(checks, service)
    if (check?.status !== 'update-available' || check.newDigest === undefined) continue
    updates.push({
      service,
      checkedImage: check.image,
      image: pinnedImage(service, check.newDigest),
    })
  }
  return updates
}

/** The service's check, when it was of the image the service names now. */
function checkOf(checks: readonly ServiceCheck[], service: Service): ServiceCheck | undefined {
  const check = checks.find((row) => row.serviceIds.includes(service.id))
  return check?.image === service.image ? check : undefined
}

/** The tag the spec follows (its own, or the one its stack asked for) at `digest`. */
function pinnedImage(service: Service, digest: string): string {
  const reference = parseImageReference(service.image)
  const pinned = reference.digest === undefined ? '' : `@${reference.digest}`
  const tagged =
    reference.tag === undefined
      ? (service.labels[STACK_IMAGE_LABEL] ?? service.image)
      : service.image.slice(0, service.image.length - pinned.length)
  return `${tagged}@${digest}`
}

/** The spec names another image than the check saw: its finding says nothing of it now. */
export function changedSinceCheck(name: string): ApiError {
  return new ApiError(
    409,
    'conflict',
    `Service ${name} names another image than the last check saw: check again first`,
  )
}

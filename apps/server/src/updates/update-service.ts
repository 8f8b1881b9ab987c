import type { ServiceImageUpdateResult } from '@harbormaster/contract'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { updateCredentials } from '../stacks/index.ts'
import {
  changeService,
  changedSinceCheck,
  resolveService,
  serviceUpdateOf,
} from '../swarm/index.ts'

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
  const found = serviceUpdateOf(c, service)
  const result = { serviceId: service.id, name: service.name, previousImage: service.image }
  if (found === 'unchecked') {
    throw new ApiError(
      409,
      'conflict',
      `The last image update check did not look at service ${service.name} as it is now: check again first`,
    )
  }
  if (found === 'current')
    return { ...result, outcome: 'current', image: service.image, warnings: [] }
  const warnings = await changeService(
    c,
    service.id,
    { image: found.image },
    {
      expect: (current) => {
        if (current.spec.settings.image !== found.checkedImage)
          throw changedSinceCheck(service.name)
      },
      write: { registryAuth: updateCredentials(c, found.image) },
    },
  )
  return { ...result, outcome: 'updated', image: found.image, warnings }
}

import type { Container, RegistryAuth } from '@harbormaster/engine'
import { parseImageReference } from '@harbormaster/registry'
import type { HostContext } from '../app-env.ts'
import { serviceUpdates } from '../swarm/index.ts'
import { serviceOf } from './compose-labels.ts'
import type { StackView } from './stack-views.ts'
import { serviceKey } from './swarm/swarm-stacks.ts'

/**
 * The images of a stack's containers the last image update check found a new digest for, by
 * service (a service has an update when one of its containers runs an image that has one).
 * Read from the checker's store: no engine or registry call.
 */
export function stackImageUpdates(
  c: HostContext,
  containers: readonly Container[],
  behind: ReadonlySet<string> = containersBehind(c),
): Map<string, string> {
  const updates = new Map<string, string>()
  for (const container of containers) {
    if (behind.has(container.id)) updates.set(serviceOf(container), container.image)
  }
  return updates
}

/** The ids of the containers whose image the last check found a new digest for. */
export function containersBehind(c: HostContext): Set<string> {
  const behind = new Set<string>()
  for (const check of c.var.updates.store.list(c.var.hostId)) {
    if (check.status !== 'update-available') continue
    for (const id of check.containerIds) behind.add(id)
  }
  return behind
}

/**
 * The summary's `updates`: the services with an update, by name; absent when none has one.
 * A list passes `behind`, read once for all its stacks.
 */
export function updatesField(
  c: HostContext,
  view: StackView,
  behind?: ReadonlySet<string>,
): { updates?: string[] } {
  const services = view.swarmServices
    ? serviceUpdates(c, view.swarmServices).map((update) =>
        serviceKey(view.name, update.service.name),
      )
    : [...stackImageUpdates(c, view.containers, behind).keys()]
  services.sort()
  return services.length === 0 ? {} : { updates: services }
}

/** The credentials the update checker has for an image's registry on this host, as a pull's. */
export function updateCredentials(c: HostContext, image: string): RegistryAuth | undefined {
  let registry: string
  try {
    registry = parseImageReference(image).registry
  } catch {
    return undefined
  }
  return c.var.updates.credentials.pullAuth(c.var.hostId, registry)
}

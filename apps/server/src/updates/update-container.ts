import type { ContainerImageUpdateResult } from '@harbormaster/contract'
import {
  type ContainerDetails,
  type Engine,
  type RegistryAuth,
  recreateBody,
} from '@harbormaster/engine'
import { parseImageReference } from '@harbormaster/registry'
import type { HostContext } from '../app-env.ts'
import { adminOnlySettingsOf, resolveContainer } from '../containers/index.ts'
import { ApiError } from '../platform/errors.ts'
import { may } from '../policy/index.ts'
import { waitUntilSettled } from './health-wait.ts'

type Wire = Record<string, unknown>

/**
 * Update: pull the tag the container was created from, and if it names a new image, recreate
 * the container on it with the very same configuration (the engine's own inspect, less what only
 * came from the old image: engine/containers/recreate-body.ts), start it and, when it has a
 * healthcheck, wait for healthy. A new container that exits, turns unhealthy or is not healthy
 * in time is removed and the old one comes back under its name, started as it was.
 */
export async function updateContainer(
  c: HostContext,
  idOrName: string,
  healthTimeoutMs: number,
): Promise<ContainerImageUpdateResult> {
  const details = await resolveContainer(c, idOrName)
  const service = swarmServiceOf(details.config.labels)
  if (service !== undefined) {
    throw new ApiError(
      400,
      'invalid_request',
      `Container ${details.name} is a task of swarm service ${service}: update the service, and Swarm replaces its tasks`,
    )
  }
  // The recreate is a create: a container only an admin may create only an admin may update.
  if (!may(c, 'container.create.unrestricted')) {
    const reasons = await adminOnlySettingsOf(c, details)
    if (reasons.length > 0) {
      throw new ApiError(
        403,
        'forbidden',
        `Only an admin may update this container: it uses ${reasons.join(', ')}`,
      )
    }
  }
  const host: UpdateHost = {
    engine: c.var.engine,
    pullAuth: (registry) => c.var.updates.credentials.pullAuth(c.var.hostId, registry),
    touch: (id) => {
      c.var.host.containers.touch(id)
    },
  }
  return recreateOnNewImage(host, details, healthTimeoutMs)
}

/**
 * The swarm service a container is a task of: Swarm owns it, and a container recreated beside
 * it would be one it does not know (a stray), so only the service is updated.
 */
export function swarmServiceOf(labels: Readonly<Record<string, string>>): string | undefined {
  return labels['com.docker.swarm.service.name']
}

/** What an update needs of a host: a request's, or the automatic updates' own. */
export interface UpdateHost {
  engine: Engine
  /** The registry credentials the checker uses (for the pull). */
  pullAuth(registry: string): RegistryAuth | undefined
  /** Tells the containers model a container changed. */
  touch(id: string): void
}

/**
 * The update itself, once the caller may do it: pull, and recreate on the new image with a
 * health wait and a rollback (see updateContainer).
 */
export async function recreateOnNewImage(
  host: UpdateHost,
  details: ContainerDetails,
  healthTimeoutMs: number,
): Promise<ContainerImageUpdateResult> {
  const engine = host.engine
  const wire = await engine.containers.inspectWire(details.id)
  const config = (wire.Config ?? {}) as Wire
  const image = typeof config.Image === 'string' ? config.Image : ''
  const registry = registryOfTag(image)
  const name = details.name
  const previousImageId = details.imageId
  const registryAuth = host.pullAuth(registry)
  const progress = await engine.images.pull(
    image,
    registryAuth === undefined ? {} : { registryAuth },
  )
  await drain(progress)
  const imageId = (await engine.images.inspect(image)).id
  const base = { name, image, previousImageId, imageId }
  if (imageId === previousImageId) return { outcome: 'current', containerId: details.id, ...base }

  const oldImage = await engine.images.inspectWire(previousImageId)
  const { body, otherNetworks } = recreateBody({ container: wire, image: oldImage }, image)
  const wasRunning = details.state.running
  const parked = `${name}-hm-old-${details.id.slice(0, 12)}`
  await engine.containers.rename(details.id, parked)
  if (wasRunning) await engine.containers.stop(details.id)
  let newId: string | undefined
  try {
    newId = (await engine.containers.createFromWire(name, body)).id
    for (const [network, endpoint] of otherNetworks) {
      await engine.networks.connectWire(network, newId, endpoint)
    }
    if (wasRunning) {
      await engine.containers.start(newId)
      const failure = await waitUntilSettled(engine, newId, healthTimeoutMs)
      if (failure !== undefined) throw new RolledBack(failure)
    }
  } catch (error) {
    await restore(engine, { oldId: details.id, newId, name, wasRunning })
    touch(host, details.id, newId)
    const reason = error instanceof RolledBack ? error.message : messageOf(error)
    return { outcome: 'rolled-back', containerId: details.id, ...base, reason }
  }
  await engine.containers.remove(details.id, { force: true })
  touch(host, details.id, newId)
  return { outcome: 'updated', containerId: newId, ...base }
}

class RolledBack extends Error {}

/** Puts the old container back under its name, started if it ran; the new one is removed. */
async function restore(
  engine: Engine,
  options: { oldId: string; newId: string | undefined; name: string; wasRunning: boolean },
): Promise<void> {
  if (options.newId !== undefined) await engine.containers.remove(options.newId, { force: true })
  await engine.containers.rename(options.oldId, options.name)
  if (options.wasRunning) await engine.containers.start(options.oldId)
}

function touch(host: UpdateHost, ...ids: (string | undefined)[]): void {
  for (const id of ids) if (id !== undefined) host.touch(id)
}

/** The registry of a container's image when it names a tag; 400 otherwise. */
function registryOfTag(image: string): string {
  try {
    const reference = parseImageReference(image)
    if (reference.digest === undefined && reference.tag !== undefined) return reference.registry
  } catch {
    // Below.
  }
  throw new ApiError(
    400,
    'invalid_request',
    `The container was created from ${image || 'an image id'}, not a tag: there is nothing to update to`,
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Reads a pull's progress to its end: the pull is done then (an error line throws). */
async function drain(progress: AsyncIterable<unknown>): Promise<void> {
  const iterator = progress[Symbol.asyncIterator]()
  for (let step = await iterator.next(); step.done !== true; step = await iterator.next()) {
    // Nothing to show: Update answers once, with its outcome.
  }
}

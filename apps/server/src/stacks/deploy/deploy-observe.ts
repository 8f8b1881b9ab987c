import { EngineNotFoundError } from '@harbormaster/engine'
import { type HostGrant, inScope } from '../../policy/index.ts'
import { COMPOSE, containerNumber, serviceOf } from '../compose-labels.ts'
import type { DesiredState, ObservedContainer, ObservedState } from './plan-types.ts'
import type { Operation } from '../operations/stack-operations.ts'
import { BUILD_DIGEST_LABEL } from '../build/stack-build.ts'

/**
 * What the engine has of the project, read (never changed): its containers in the caller's scope
 * (exited ones inspected for their exit code), which of the file's networks and volumes exist,
 * and the id of each image the file names. A network or volume of the file's name that is not
 * this project's (a look-alike, or another team's) is an error: it would be used as ours.
 */
export async function observe(
  op: Operation,
  desired: DesiredState,
  grant: HostGrant,
): Promise<{ state: ObservedState; errors: string[] }> {
  const errors: string[] = []
  const { engine, signal } = op
  const listed = await engine.containers.list({
    all: true,
    filters: { label: [`${COMPOSE.project}=${desired.project}`] },
    signal,
  })
  const mine = listed.filter(
    (c) => c.labels[COMPOSE.project] === desired.project && inScope(grant, c.labels),
  )
  const containers = await Promise.all(
    mine.map(async (c): Promise<ObservedContainer> => {
      const exitCode =
        c.state === 'exited'
          ? (await engine.containers.inspect(c.id, { signal })).state.exitCode
          : undefined
      return {
        id: c.id,
        name: c.name,
        service: serviceOf(c),
        number: containerNumber(c),
        hash: c.labels[COMPOSE.configHash] ?? '',
        imageId: c.imageId,
        state: c.state,
        ...(exitCode === undefined ? {} : { exitCode }),
        oneoff: c.labels[COMPOSE.oneoff] === 'True',
      }
    }),
  )
  const networks = new Set<string>()
  for (const network of desired.networks) {
    const found = await orMissing(() => engine.networks.inspect(network.name, { signal }))
    if (!found) continue
    if (!network.external && !isOurs(found.labels, desired.project, grant)) {
      errors.push(`network ${network.name} exists and is not this stack's: remove or rename it`)
    }
    networks.add(network.name)
  }
  const volumes = new Set<string>()
  for (const volume of desired.volumes) {
    const found = await orMissing(() => engine.volumes.inspect(volume.name, { signal }))
    if (!found) continue
    if (!volume.external && !isOurs(found.labels, desired.project, grant)) {
      errors.push(`volume ${volume.name} exists and is not this stack's: remove or rename it`)
    }
    volumes.add(volume.name)
  }
  return { state: { containers, networks, volumes, ...(await observeImages(op, desired)) }, errors }
}

/**
 * The id of each image the file names that the host has, the context digest of those we built
 * (BUILD_DIGEST_LABEL), and when each one's tag last moved (for refresh pull policies).
 */
export async function observeImages(
  op: Operation,
  desired: DesiredState,
): Promise<Pick<ObservedState, 'images' | 'buildDigests' | 'tagTimes'>> {
  const images = new Map<string, string>()
  const buildDigests = new Map<string, string>()
  const tagTimes = new Map<string, number>()
  for (const image of new Set(desired.services.map((s) => s.image))) {
    const found = await orMissing(() => op.engine.images.inspect(image, { signal: op.signal }))
    if (!found) continue
    images.set(image, found.id)
    const digest = found.config.labels[BUILD_DIGEST_LABEL]
    if (digest !== undefined) buildDigests.set(image, digest)
    const tagged = found.lastTagTime === undefined ? NaN : Date.parse(found.lastTagTime)
    if (Number.isFinite(tagged)) tagTimes.set(image, tagged)
  }
  return { images, buildDigests, tagTimes }
}

function isOurs(labels: Record<string, string>, project: string, grant: HostGrant): boolean {
  return labels[COMPOSE.project] === project && inScope(grant, labels)
}

async function orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (err) {
    if (err instanceof EngineNotFoundError) return undefined
    throw err
  }
}

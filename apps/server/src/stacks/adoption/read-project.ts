import {
  type Container,
  type Engine,
  EngineNotFoundError,
  type Network,
  type Volume,
  containerSettingsOf,
  imageHealthcheckOf,
} from '@harbormaster/engine'
import type {
  ContainerSnapshot,
  ImageSnapshot,
  ProjectSnapshot,
} from './generate/project-snapshot.ts'

/** Network modes that name no network to inspect. */
const NOT_NETWORKS = new Set(['host', 'none', 'bridge', 'default'])

/**
 * Inspects what the generator reads: each container, the images they were made from, the
 * networks and named volumes they use, and the daemon's default log driver. Objects removed
 * meanwhile are left out (a container gone is no longer part of the project).
 */
export async function readProjectSnapshot(
  engine: Engine,
  project: string,
  containers: readonly Container[],
  signal: AbortSignal,
): Promise<ProjectSnapshot> {
  const options = { signal }
  const inspected = await Promise.all(
    containers.map((container) =>
      unlessGone(engine.containers.inspect(container.id, options)).then(
        (details): ContainerSnapshot | undefined =>
          details && { details, settings: containerSettingsOf(details) },
      ),
    ),
  )
  const snapshots = inspected.filter((snapshot) => snapshot !== undefined)
  const imageIds = unique(snapshots.map(({ details }) => details.imageId))
  const networkNames = unique(
    snapshots.flatMap(({ details }) => Object.keys(details.networks)),
  ).filter((name) => !NOT_NETWORKS.has(name))
  const volumeNames = unique(
    snapshots.flatMap(({ details }) =>
      details.mounts.flatMap((mount) =>
        mount.type === 'volume' && mount.name !== undefined ? [mount.name] : [],
      ),
    ),
  )
  const [images, networks, volumes, info] = await Promise.all([
    Promise.all(imageIds.map(async (id) => [id, await readImage(engine, id, signal)] as const)),
    present(networkNames.map((name) => unlessGone(engine.networks.inspect(name, options)))),
    present(volumeNames.map((name) => unlessGone(engine.volumes.inspect(name, options)))),
    engine.system.info(options),
  ])
  return {
    project,
    containers: snapshots,
    images: new Map(
      images.flatMap(([id, image]) => (image ? [[id, image] as [string, ImageSnapshot]] : [])),
    ),
    networks: networks satisfies Network[],
    volumes: volumes satisfies Volume[],
    defaultLogDriver: info.loggingDriver ?? 'json-file',
  }
}

async function readImage(
  engine: Engine,
  id: string,
  signal: AbortSignal,
): Promise<ImageSnapshot | undefined> {
  const details = await unlessGone(engine.images.inspect(id, { signal }))
  return details && { config: details.config, healthcheck: imageHealthcheckOf(details) }
}

/** The answer, or undefined when the object is gone (404). */
async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call
  } catch (err) {
    if (err instanceof EngineNotFoundError) return undefined
    throw err
  }
}

async function present<T>(calls: Promise<T | undefined>[]): Promise<T[]> {
  return (await Promise.all(calls)).filter((value) => value !== undefined)
}

const unique = (values: readonly string[]) => [...new Set(values)]

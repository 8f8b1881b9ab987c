import type { StackStep } from '@harbormaster/contract'
import { EngineConflictError, EngineNotFoundError } from '@harbormaster/engine'
import { inScope } from '../../policy/index.ts'
import type { HostGrant } from '../../policy/index.ts'
import { COMPOSE } from '../compose-labels.ts'
import { type Operation, line, messageOf, perform } from './stack-operations.ts'

/**
 * The networks a down removes: those the engine lists with the project's label that are also
 * labelled as a compose network (what the CLI and our planner create), in the caller's scope.
 * External networks are never labelled by compose, so they are never among them; neither is a
 * network that only looks like the project's by name.
 */
export async function* removeNetworks(
  op: Operation,
  project: string,
  grant: HostGrant,
): AsyncGenerator<StackStep> {
  const listed = await op.engine.networks.list({
    filters: { label: [`${COMPOSE.project}=${project}`] },
    signal: op.signal,
  })
  const networks = listed
    .filter((network) => network.labels[COMPOSE.project] === project)
    .filter((network) => COMPOSE.network in network.labels && inScope(grant, network.labels))
    .sort((a, b) => a.name.localeCompare(b.name))
  for (const network of networks) {
    const step = { object: 'network', name: network.name, action: 'remove' } as const
    op.signal.throwIfAborted()
    // As the compose CLI does: a network another container still uses is left, and said so.
    const attached = await attachedTo(op, network.id)
    if (attached === undefined) continue
    if (attached > 0) {
      yield line({ ...step, action: 'keep' }, 'done', 'still in use by other containers')
      continue
    }
    yield* perform(op, step, () => op.engine.networks.remove(network.id, { signal: op.signal }))
  }
}

/** How many containers a network has; undefined when it is gone already. */
async function attachedTo(op: Operation, id: string): Promise<number | undefined> {
  try {
    const inspected = await op.engine.networks.inspect(id, { signal: op.signal })
    return Object.keys(inspected.containers ?? {}).length
  } catch (err) {
    if (err instanceof EngineNotFoundError) return undefined
    throw err
  }
}

/**
 * The volumes a down with `volumes: true` removes: those listed with the project's label that
 * are also labelled as a compose volume, in the caller's scope (never an external one, which
 * compose does not label). One a container outside the project still uses is left, and said so.
 */
export async function* removeVolumes(
  op: Operation,
  project: string,
  grant: HostGrant,
): AsyncGenerator<StackStep> {
  const listed = await op.engine.volumes.list({
    filters: { label: [`${COMPOSE.project}=${project}`] },
    signal: op.signal,
  })
  const volumes = listed
    .filter((volume) => volume.labels[COMPOSE.project] === project)
    .filter((volume) => COMPOSE.volume in volume.labels && inScope(grant, volume.labels))
    .sort((a, b) => a.name.localeCompare(b.name))
  for (const volume of volumes) {
    const step = { object: 'volume', name: volume.name, action: 'remove' } as const
    op.signal.throwIfAborted()
    yield line(step, 'started')
    op.changes++
    try {
      await op.engine.volumes.remove(volume.name, { signal: op.signal })
    } catch (err) {
      if (!(err instanceof EngineConflictError)) {
        if (!op.signal.aborted) yield line(step, 'failed', messageOf(err))
        throw err
      }
      yield line({ ...step, action: 'keep' }, 'done', err.message)
      continue
    }
    yield line(step, 'done')
  }
}

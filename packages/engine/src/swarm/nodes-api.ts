import type { CallOptions, EngineClient } from '../engine-client.ts'
import { EngineError } from '../errors.ts'
import { asObject, asStringMap } from '../wire/wire-read.ts'
import { toSwarmNode } from './to-swarm-node.ts'
import type { NodeChange, SwarmNode } from './types.ts'

/** How often a change is retried when another writer bumped the node's version in between. */
const VERSION_RETRIES = 3

/**
 * Changes to swarm nodes (docs/engine.md#swarm). An update sends the whole `NodeSpec` back with
 * the `Version.Index` it was read at, so each change reads the node first and keeps every field
 * it does not name; a concurrent writer makes the engine answer "update out of sequence", and
 * the change is then read and applied again.
 */
export class SwarmNodesApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** @throws {EngineNotFoundError} for an unknown node id or name. */
  async inspect(id: string, options: CallOptions = {}): Promise<SwarmNode> {
    return toSwarmNode(await this.#read(id, options))
  }

  /** Applies `change` to the node's current spec; answers the node as it is afterwards. */
  async update(id: string, change: NodeChange, options: CallOptions = {}): Promise<SwarmNode> {
    for (let attempt = 1; ; attempt++) {
      const wire = asObject(await this.#read(id, options))
      const version = asObject(wire.Version).Index
      const spec = withChange(asObject(wire.Spec), change)
      try {
        await this.#client.send(
          {
            method: 'POST',
            path: `/nodes/${encodeURIComponent(id)}/update`,
            query: { version: typeof version === 'number' ? version : 0 },
            json: spec,
          },
          options,
        )
        return await this.inspect(id, options)
      } catch (error) {
        if (attempt >= VERSION_RETRIES || !outOfSequence(error)) throw error
      }
    }
  }

  /** Removes a node from the swarm; without `force` the engine refuses a node that is not down. */
  async remove(id: string, force: boolean, options: CallOptions = {}): Promise<void> {
    const path = `/nodes/${encodeURIComponent(id)}`
    await this.#client.send({ method: 'DELETE', path, query: { force } }, options)
  }

  #read(id: string, options: CallOptions): Promise<unknown> {
    return this.#client.json<unknown>(
      { method: 'GET', path: `/nodes/${encodeURIComponent(id)}` },
      options,
    )
  }
}

function withChange(spec: Record<string, unknown>, change: NodeChange): Record<string, unknown> {
  const removed = new Set(change.labels?.remove)
  const kept = Object.entries(asStringMap(spec.Labels)).filter(([key]) => !removed.has(key))
  const labels = { ...Object.fromEntries(kept), ...change.labels?.add }
  return {
    ...spec,
    Labels: labels,
    ...(change.availability === undefined ? {} : { Availability: change.availability }),
    ...(change.role === undefined ? {} : { Role: change.role }),
  }
}

/** The engine's words for a stale `version` (swarmkit's errSequence), answered as a 500. */
export function outOfSequence(error: unknown): boolean {
  return error instanceof EngineError && /update out of sequence/i.test(error.message)
}

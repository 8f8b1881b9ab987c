import type { IncomingMessage } from 'node:http'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import { EngineError } from '../errors.ts'
import { listHealth, splitTopColumns, withPausedListed } from '../podman/podman-shapes.ts'
import type { Filters } from '../query.ts'
import { asArray, asNumber, asObject, asString, asStringArray } from '../wire/wire-read.ts'
import {
  type ContainerCreateSpec,
  type ContainerUpdateSpec,
  toCreateBody,
  toUpdateBody,
} from './create-spec.ts'
import { toContainerDetails } from './to-container-details.ts'
import { toContainer } from './to-container.ts'
import { containerListItemAsOf } from '../wire/as-of-version.ts'
import type { Container, ContainerDetails } from './types.ts'

export interface ListContainersOptions extends CallOptions {
  all?: boolean
  size?: boolean
  limit?: number
  filters?: Filters
}

export interface FilesystemChange {
  path: string
  kind: 'modified' | 'added' | 'deleted'
}

export interface ProcessList {
  titles: string[]
  processes: string[][]
}

export interface PruneResult {
  deleted: string[]
  spaceReclaimed: number
}

const CHANGE_KINDS = ['modified', 'added', 'deleted'] as const

const isRunning = (container: Container) => container.state === 'running'

/** Container lifecycle and inspection (docs/engine.md#errors). Streams live in sibling modules. */
export class ContainersApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  async list(options: ListContainersOptions = {}): Promise<Container[]> {
    const { apiVersion, flavour } = await this.#client.connect(options)
    const podman = flavour === 'podman'
    const { size, limit } = options
    // Podman's list without `all` leaves paused containers out; Docker's lists them.
    const { all, filters } = podman ? withPausedListed(options) : options
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: '/containers/json', query: { all, size, limit, filters } },
      options,
    )
    const containers = asArray(wire).map((item) =>
      toContainer(containerListItemAsOf(item, apiVersion)),
    )
    if (!podman || !containers.some(isRunning)) return containers
    // Podman leaves health out of the list's status text (docs/engine.md#podman).
    const health = await listHealth(this.#client, { all, filters }, options)
    return containers.map((container) => {
      const state = health.get(container.id)
      return state === undefined ? container : { ...container, health: state }
    })
  }

  async inspect(
    id: string,
    options: CallOptions & { size?: boolean } = {},
  ): Promise<ContainerDetails> {
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: `/containers/${enc(id)}/json`, query: { size: options.size } },
      options,
    )
    const { apiVersion } = await this.#client.connect(options)
    return toContainerDetails(wire, apiVersion)
  }

  /**
   * The inspect as the engine sent it, for recreating the container on another image with every
   * setting the typed view leaves out (recreate-body.ts).
   */
  async inspectWire(id: string, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: `/containers/${enc(id)}/json` },
      options,
    )
    return asObject(wire)
  }

  /** Creates a container from a body made by `recreateBody` (the engine's own shape). */
  async createFromWire(
    name: string,
    body: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<{ id: string; warnings: string[] }> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/containers/create', query: { name }, json: body },
        options,
      ),
    )
    return { id: asString(wire.Id), warnings: asStringArray(wire.Warnings) }
  }

  /** @returns the new container's id and the engine's warnings. */
  async create(
    spec: ContainerCreateSpec,
    options: CallOptions = {},
  ): Promise<{ id: string; warnings: string[] }> {
    const wire = asObject(
      await this.#client.json<unknown>(
        {
          method: 'POST',
          path: '/containers/create',
          query: { name: spec.name },
          json: toCreateBody(spec),
        },
        options,
      ),
    )
    return { id: asString(wire.Id), warnings: asStringArray(wire.Warnings) }
  }

  /** Starts a container; one that already runs is not an error (304, docs/engine.md#errors). */
  async start(id: string, options: CallOptions = {}): Promise<void> {
    await this.#action(id, 'start', {}, options)
  }

  async stop(id: string, options: CallOptions & { timeoutSeconds?: number } = {}): Promise<void> {
    await this.#action(id, 'stop', { t: options.timeoutSeconds }, withGrace(options))
  }

  async restart(
    id: string,
    options: CallOptions & { timeoutSeconds?: number } = {},
  ): Promise<void> {
    await this.#action(id, 'restart', { t: options.timeoutSeconds }, withGrace(options))
  }

  async kill(id: string, options: CallOptions & { killSignal?: string } = {}): Promise<void> {
    await this.#action(id, 'kill', { signal: options.killSignal }, options)
  }

  /**
   * Freezes the container's processes. On a busy host runc's cgroup v1 freezer can give up on
   * processes caught mid-change, thaw them again and answer "unable to freeze"; runc leaves the
   * retry to its callers (opencontainers/runc#4388), so this asks up to three times in all.
   */
  async pause(id: string, options: CallOptions = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#action(id, 'pause', {}, options)
        return
      } catch (err) {
        if (attempt >= PAUSE_ATTEMPTS || options.signal?.aborted || !gaveUpFreezing(err)) throw err
      }
    }
  }

  async unpause(id: string, options: CallOptions = {}): Promise<void> {
    await this.#action(id, 'unpause', {}, options)
  }

  async rename(id: string, name: string, options: CallOptions = {}): Promise<void> {
    await this.#action(id, 'rename', { name }, options)
  }

  async update(
    id: string,
    spec: ContainerUpdateSpec,
    options: CallOptions = {},
  ): Promise<string[]> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: `/containers/${enc(id)}/update`, json: toUpdateBody(spec) },
        options,
      ),
    )
    return asStringArray(wire.Warnings)
  }

  async remove(
    id: string,
    options: CallOptions & { force?: boolean; volumes?: boolean } = {},
  ): Promise<void> {
    const query = { force: options.force, v: options.volumes }
    await this.#client.send({ method: 'DELETE', path: `/containers/${enc(id)}`, query }, options)
  }

  async prune(options: CallOptions & { filters?: Filters } = {}): Promise<PruneResult> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/containers/prune', query: { filters: options.filters } },
        options,
      ),
    )
    return {
      deleted: asStringArray(wire.ContainersDeleted),
      spaceReclaimed: asNumber(wire.SpaceReclaimed),
    }
  }

  async top(id: string, options: CallOptions & { psArgs?: string } = {}): Promise<ProcessList> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'GET', path: `/containers/${enc(id)}/top`, query: { ps_args: options.psArgs } },
        options,
      ),
    )
    // Podman sends `ps` output unsplit (docs/engine.md#podman); Docker's columns pass unchanged.
    return splitTopColumns(asStringArray(wire.Titles), asArray(wire.Processes).map(asStringArray))
  }

  async changes(id: string, options: CallOptions = {}): Promise<FilesystemChange[]> {
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: `/containers/${enc(id)}/changes` },
      options,
    )
    return asArray(wire).map((item) => {
      const change = asObject(item)
      return {
        path: asString(change.Path),
        kind: CHANGE_KINDS[asNumber(change.Kind)] ?? 'modified',
      }
    })
  }

  /**
   * Waits for the container to reach `condition` and returns its exit code. There is no default
   * deadline: the engine sends headers only when the container exits (docs/engine.md#calls-without-a-deadline).
   */
  async wait(
    id: string,
    options: CallOptions & { condition?: 'not-running' | 'next-exit' | 'removed' } = {},
  ): Promise<{ exitCode: number; error?: string }> {
    const wire = asObject(
      await this.#client.json<unknown>(
        {
          method: 'POST',
          path: `/containers/${enc(id)}/wait`,
          query: { condition: options.condition },
        },
        { ...options, timeoutMs: options.timeoutMs ?? 2 ** 31 - 1 },
      ),
    )
    const error = asString(asObject(wire.Error).Message)
    return { exitCode: asNumber(wire.StatusCode), ...(error ? { error } : {}) }
  }

  /** The container's filesystem as a tar stream; destroy it to stop the engine's work. */
  export(id: string, options: CallOptions = {}): Promise<IncomingMessage> {
    return this.#client.stream({ method: 'GET', path: `/containers/${enc(id)}/export` }, options)
  }

  /** Resizes the container's TTY (docs/engine.md#hijacked-connections). */
  async resize(id: string, size: { rows: number; cols: number }, options: CallOptions = {}) {
    const query = { h: size.rows, w: size.cols }
    await this.#client.send(
      { method: 'POST', path: `/containers/${enc(id)}/resize`, query },
      options,
    )
  }

  async #action(
    id: string,
    action: string,
    query: Record<string, string | number | undefined>,
    options: CallOptions,
  ): Promise<void> {
    await this.#client.send(
      { method: 'POST', path: `/containers/${enc(id)}/${action}`, query },
      options,
    )
  }
}

const PAUSE_ATTEMPTS = 3

/** The runtime could not freeze the container this time; it was left running. */
function gaveUpFreezing(err: unknown): boolean {
  return err instanceof EngineError && err.message.includes('unable to freeze')
}

/** Stop and restart wait for the grace period: the deadline must outlast it. */
function withGrace(options: CallOptions & { timeoutSeconds?: number }): CallOptions {
  if (options.timeoutMs !== undefined) return options
  return { ...options, timeoutMs: ((options.timeoutSeconds ?? 10) + 30) * 1000 }
}

export function enc(segment: string): string {
  return encodeURIComponent(segment)
}

import type { IncomingMessage } from 'node:http'
import { apiAtLeast } from '../api-version.ts'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import type { Filters } from '../query.ts'
import { asArray, asBoolean, asObject } from '../wire/wire-read.ts'
import { toService } from './to-service.ts'
import { toSwarmNode, toSwarmSecret } from './to-swarm-node.ts'
import { toTask } from './to-task.ts'
import type { Service, SwarmConfig, SwarmNode, SwarmSecret, Task } from './types.ts'

export interface ListServicesOptions extends CallOptions {
  /** Keys `id`, `label`, `mode`, `name`. */
  filters?: Filters
  /** Fill `runningTasks`/`desiredTasks` (API 1.41+; ignored on older engines). */
  status?: boolean
}

export interface ServiceLogOptions extends CallOptions {
  follow?: boolean
  /** Lines from the end of each task's log; default all. */
  tail?: number | 'all'
  /** Unix seconds. */
  since?: number | string
  timestamps?: boolean
  stdout?: boolean
  stderr?: boolean
  /** Prefix lines with task context (`com.docker.swarm.node.id=…`). */
  details?: boolean
}

type ListOptions = CallOptions & { filters?: Filters }

/**
 * Read views of a swarm (docs/engine.md#swarm). Every call needs a manager node: elsewhere the
 * engine answers 503, which the client turns into EngineNotManagerError. Check `isManager()`
 * first to hide swarm views instead of showing errors.
 */
export class SwarmApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** True when this engine is a swarm manager (`/info` → `Swarm.ControlAvailable`). */
  async isManager(options: CallOptions = {}): Promise<boolean> {
    const info = asObject(
      await this.#client.json<unknown>({ method: 'GET', path: '/info' }, options),
    )
    return asBoolean(asObject(info.Swarm).ControlAvailable)
  }

  /** @throws {EngineNotManagerError} when this engine is not a swarm manager. */
  async services(options: ListServicesOptions = {}): Promise<Service[]> {
    const { apiVersion } = await this.#client.connect(options)
    const status = options.status === true && apiAtLeast(apiVersion, '1.41') ? true : undefined
    return (await this.#list('/services', options, { status })).map(toService)
  }

  /** Keys `desired-state`, `id`, `label`, `name`, `node`, `service`. */
  async tasks(options: ListOptions = {}): Promise<Task[]> {
    return (await this.#list('/tasks', options)).map(toTask)
  }

  /** Keys `id`, `label`, `membership`, `name`, `node.label`, `role`. */
  async nodes(options: ListOptions = {}): Promise<SwarmNode[]> {
    return (await this.#list('/nodes', options)).map(toSwarmNode)
  }

  /** Secret metadata only: the data is never returned. */
  async secrets(options: ListOptions = {}): Promise<SwarmSecret[]> {
    return (await this.#list('/secrets', options)).map(toSwarmSecret)
  }

  /** Config metadata only (1.30+): the contents are dropped from the answer. */
  async configs(options: ListOptions = {}): Promise<SwarmConfig[]> {
    return (await this.#list('/configs', options)).map(toSwarmSecret)
  }

  /**
   * Opens the logs of every task of a service. The body is multiplexed like container logs
   * (docs/engine.md#stdio-streams) unless the service has a TTY (`Service.tty`); the caller demuxes.
   * Destroy the stream or abort the signal to end a `follow` request.
   */
  serviceLogs(id: string, options: ServiceLogOptions = {}): Promise<IncomingMessage> {
    return this.#logs(`/services/${encodeURIComponent(id)}/logs`, options)
  }

  /** Opens the logs of one task; same format as `serviceLogs`. */
  taskLogs(id: string, options: ServiceLogOptions = {}): Promise<IncomingMessage> {
    return this.#logs(`/tasks/${encodeURIComponent(id)}/logs`, options)
  }

  async #list(path: string, options: ListOptions, extra: { status?: boolean | undefined } = {}) {
    const query = { filters: options.filters, ...extra }
    return asArray(await this.#client.json<unknown>({ method: 'GET', path, query }, options))
  }

  #logs(path: string, options: ServiceLogOptions): Promise<IncomingMessage> {
    const query = {
      follow: options.follow,
      tail: options.tail === undefined ? undefined : String(options.tail),
      since: options.since,
      timestamps: options.timestamps,
      details: options.details,
      // The engine refuses a logs request that selects no stream (docs/engine.md#stdio-streams).
      stdout: options.stdout ?? true,
      stderr: options.stderr ?? true,
    }
    return this.#client.stream({ method: 'GET', path, query }, options)
  }
}

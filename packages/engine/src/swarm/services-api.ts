import type { CallOptions, EngineClient } from '../engine-client.ts'
import { EngineBadRequestError, EngineError, EngineNotFoundError } from '../errors.ts'
import { type RegistryAuth, encodeRegistryAuth } from '../images/registry-auth.ts'
import {
  asArray,
  asNumber,
  asObject,
  asOptionalString,
  asString,
  asStringArray,
} from '../wire/wire-read.ts'
import { readServiceSpec } from './read-service-spec.ts'
import { type FileRefIds, toServiceSpecWire, unsupportedSettings } from './service-spec.ts'
import type { ServiceDetails, ServiceSettings, ServiceUpdateStatus } from './service-settings.ts'

export interface ServiceWriteOptions extends CallOptions {
  /** Credentials for the image's registry, sent to the nodes that pull it. */
  registryAuth?: RegistryAuth | undefined
}

export interface ServiceCreated {
  id: string
  warnings: string[]
}

/**
 * Looks at the service as it is now, before a change is sent: the change is refused by
 * throwing. Every path that changes a spec passes one (the server's policy), and runs it again
 * when the engine says the service changed meanwhile, on what it reads then.
 */
export type ServiceJudge = (current: ServiceDetails) => Promise<void>

/** Wire spec as read, for the changes that send it back (scale, redeploy). */
type Wire = Record<string, unknown>

/**
 * Changes to swarm services (docs/engine.md#swarm-services). Every update sends the version it
 * read; a concurrent change makes the engine answer "update out of sequence", and the change is
 * read, judged and sent once more before the error reaches the caller.
 */
export class ServicesApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** `GET /services/{id}`: the spec, the spec before the last update, and its progress. */
  async inspect(id: string, options: CallOptions = {}): Promise<ServiceDetails> {
    return toServiceDetails(await this.#inspectWire(id, options))
  }

  /** Creates a service. Secrets and configs are named; their ids are looked up here. */
  async create(
    settings: ServiceSettings,
    options: ServiceWriteOptions = {},
  ): Promise<ServiceCreated> {
    const json = await this.#specWire(settings, options)
    const answer = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/services/create', json, headers: authHeader(options) },
        options,
      ),
    )
    return { id: asString(answer.ID), warnings: asStringArray(answer.Warnings) }
  }

  /**
   * Replaces the spec with the settings `next` makes of the service as it is. `next` is where
   * the caller judges what it sends; on "update out of sequence" it is asked again, once.
   */
  async update(
    id: string,
    next: (current: ServiceDetails) => Promise<ServiceSettings>,
    options: ServiceWriteOptions = {},
  ): Promise<string[]> {
    return this.#retryOnce(id, options, async (_wire, current) => {
      const spec = await this.#specWire(await next(current), options)
      return this.#send(id, current.version, spec, {}, options)
    })
  }

  /** Sets the replicas of a replicated service, keeping the rest of the spec as it is. */
  async scale(id: string, replicas: number, judge: ServiceJudge, options: CallOptions = {}) {
    return this.#retryOnce(id, options, async (wire, current) => {
      await judge(current)
      const spec = asObject(wire.Spec)
      if (!('Replicated' in asObject(spec.Mode)))
        throw new EngineBadRequestError(400, 'Only a replicated service can be scaled')
      return this.#send(
        id,
        current.version,
        { ...spec, Mode: { Replicated: { Replicas: replicas } } },
        {},
        options,
      )
    })
  }

  /** Restores the spec before the last update (`rollback=previous`); `judge` sees that spec. */
  async rollback(id: string, judge: ServiceJudge, options: CallOptions = {}) {
    return this.#retryOnce(id, options, async (wire, current) => {
      if (current.previousSpec === undefined)
        throw new EngineBadRequestError(400, 'The service has no previous spec to roll back to')
      await judge(current)
      const query = { rollback: 'previous' }
      return this.#send(id, current.version, asObject(wire.Spec), query, options)
    })
  }

  /** Replaces every task with the same spec (`ForceUpdate` + 1), as `--force` does. */
  async redeploy(id: string, judge: ServiceJudge, options: CallOptions = {}) {
    return this.#retryOnce(id, options, async (wire, current) => {
      await judge(current)
      const spec = asObject(wire.Spec)
      const task = asObject(spec.TaskTemplate)
      const forced = { ...task, ForceUpdate: asNumber(task.ForceUpdate) + 1 }
      return this.#send(id, current.version, { ...spec, TaskTemplate: forced }, {}, options)
    })
  }

  async remove(id: string, options: CallOptions = {}): Promise<void> {
    await this.#client.send(
      { method: 'DELETE', path: `/services/${encodeURIComponent(id)}` },
      options,
    )
  }

  async #retryOnce(
    id: string,
    options: CallOptions,
    change: (wire: Wire, current: ServiceDetails) => Promise<string[]>,
  ): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      const wire = await this.#inspectWire(id, options)
      try {
        return await change(wire, toServiceDetails(wire))
      } catch (err) {
        if (attempt > 1 || !isOutOfSequence(err)) throw err
      }
    }
  }

  async #send(
    id: string,
    version: number,
    spec: Wire,
    extra: Record<string, string>,
    options: CallOptions,
  ) {
    const answer = asObject(
      await this.#client.json<unknown>(
        {
          method: 'POST',
          path: `/services/${encodeURIComponent(id)}/update`,
          query: { version, ...extra },
          json: spec,
          headers: authHeader(options),
        },
        options,
      ),
    )
    return asStringArray(answer.Warnings)
  }

  async #specWire(settings: ServiceSettings, options: CallOptions): Promise<Wire> {
    const { apiVersion } = await this.#client.connect(options)
    const unsupported = unsupportedSettings(settings, apiVersion)
    if (unsupported.length > 0)
      throw new EngineBadRequestError(
        400,
        `This engine (API ${apiVersion}) cannot set: ${unsupported.join(', ')}`,
      )
    const ids: FileRefIds = {
      secrets: await this.#idsByName('/secrets', settings.secrets, 'secret', options),
      configs: await this.#idsByName('/configs', settings.configs, 'config', options),
    }
    return toServiceSpecWire(settings, ids)
  }

  /** The engine needs ids; names are matched exactly (its `name` filter matches prefixes). */
  async #idsByName(
    path: string,
    refs: readonly { name: string }[] | undefined,
    kind: string,
    options: CallOptions,
  ): Promise<Map<string, string>> {
    const names = [...new Set((refs ?? []).map((r) => r.name))]
    if (names.length === 0) return new Map()
    const listed = asArray(
      await this.#client.json<unknown>(
        { method: 'GET', path, query: { filters: { name: names } } },
        options,
      ),
    ).map(asObject)
    const ids = new Map<string, string>()
    for (const item of listed) ids.set(asString(asObject(item.Spec).Name), asString(item.ID))
    for (const name of names)
      if (!ids.has(name)) throw new EngineNotFoundError(404, `No such ${kind}: ${name}`)
    return ids
  }

  async #inspectWire(id: string, options: CallOptions): Promise<Wire> {
    return asObject(
      await this.#client.json<unknown>(
        { method: 'GET', path: `/services/${encodeURIComponent(id)}` },
        options,
      ),
    )
  }
}

function authHeader(options: ServiceWriteOptions): Record<string, string> {
  return options.registryAuth ? { 'X-Registry-Auth': encodeRegistryAuth(options.registryAuth) } : {}
}

/** The engine's answer to an update that sent a version someone else already moved past. */
function isOutOfSequence(err: unknown): boolean {
  return err instanceof EngineError && /update out of sequence/i.test(err.message)
}

function toServiceDetails(wire: Wire): ServiceDetails {
  const status = wire.UpdateStatus === undefined ? undefined : asObject(wire.UpdateStatus)
  return {
    id: asString(wire.ID),
    version: asNumber(asObject(wire.Version).Index),
    createdAt: asString(wire.CreatedAt),
    updatedAt: asString(wire.UpdatedAt),
    spec: readServiceSpec(wire.Spec),
    ...(wire.PreviousSpec ? { previousSpec: readServiceSpec(wire.PreviousSpec) } : {}),
    ...(status ? { updateStatus: toUpdateStatus(status) } : {}),
  }
}

function toUpdateStatus(status: Record<string, unknown>): ServiceUpdateStatus {
  const startedAt = asOptionalString(status.StartedAt)
  const completedAt = asOptionalString(status.CompletedAt)
  const message = asOptionalString(status.Message)
  return {
    state: asString(status.State),
    ...(startedAt ? { startedAt } : {}),
    ...(completedAt ? { completedAt } : {}),
    ...(message ? { message } : {}),
  }
}

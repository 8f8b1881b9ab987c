import { apiAtLeast } from '../api-version.ts'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import type { Filters } from '../query.ts'
import { asArray, asNumber, asObject, asStringArray } from '../wire/wire-read.ts'
import { toVolume } from './to-volume.ts'
import type { Volume, VolumeCreateSpec, VolumePruneResult } from './types.ts'

export interface PruneVolumesOptions extends CallOptions {
  /** Keys `label`, `label!`. */
  filters?: Filters
  /**
   * Also remove unused *named* volumes. From API 1.42 a prune spares them unless asked; older
   * engines always remove every unused volume, so this changes nothing there (docs/engine.md#volumes-across-versions).
   */
  all?: boolean
}

/** Volumes, keyed by name (docs/engine.md#volumes-across-versions). */
export class VolumesApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /**
   * Lists volumes; filter keys `dangling`, `driver`, `label` (`key=value`: the `key:value` form
   * the reference shows did not match, docs/engine.md#filters), `name` (substring).
   */
  async list(options: CallOptions & { filters?: Filters } = {}): Promise<Volume[]> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'GET', path: '/volumes', query: { filters: options.filters } },
        options,
      ),
    )
    // An object, not an array (docs/engine.md#volumes-across-versions); `Volumes` may be null where a list is empty.
    return asArray(wire.Volumes).map(toVolume)
  }

  /** @throws {EngineNotFoundError} when there is no such volume. */
  async inspect(name: string, options: CallOptions = {}): Promise<Volume> {
    const path = `/volumes/${encodeURIComponent(name)}`
    return toVolume(await this.#client.json<unknown>({ method: 'GET', path }, options))
  }

  /** Creates a volume (named by the engine when `spec.name` is absent). */
  async create(spec: VolumeCreateSpec = {}, options: CallOptions = {}): Promise<Volume> {
    const json = {
      Name: spec.name,
      Driver: spec.driver,
      DriverOpts: spec.driverOpts,
      Labels: spec.labels,
    }
    const wire = await this.#client.json<unknown>(
      { method: 'POST', path: '/volumes/create', json },
      options,
    )
    return toVolume(wire)
  }

  /** @throws {EngineConflictError} while a container uses the volume. */
  async remove(name: string, options: CallOptions & { force?: boolean } = {}): Promise<void> {
    await this.#client.send(
      {
        method: 'DELETE',
        path: `/volumes/${encodeURIComponent(name)}`,
        query: { force: options.force },
      },
      options,
    )
  }

  async prune(options: PruneVolumesOptions = {}): Promise<VolumePruneResult> {
    const filters = { ...options.filters }
    // `all` is a filter key only 1.42+ engines know; unknown keys are a 400 (docs/engine.md#volumes-across-versions).
    if (options.all === true && (await this.#atLeast('1.42', options))) filters.all = ['true']
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/volumes/prune', query: { filters } },
        options,
      ),
    )
    return {
      deleted: asStringArray(wire.VolumesDeleted),
      spaceReclaimed: asNumber(wire.SpaceReclaimed),
    }
  }

  async #atLeast(version: string, options: CallOptions): Promise<boolean> {
    const { apiVersion } = await this.#client.connect(options)
    return apiAtLeast(apiVersion, version)
  }
}

import { apiAtLeast } from '../api-version.ts'
import type { CallOptions, EngineClient, EngineIdentity } from '../engine-client.ts'
import { toDiskUsage } from './to-disk-usage.ts'
import { toEngineInfo, toEngineVersion } from './to-engine-info.ts'
import type { DiskUsage, EngineInfo, EngineVersion } from './types.ts'

export type DiskUsageType = 'container' | 'image' | 'volume' | 'build-cache'

export interface DiskUsageOptions extends CallOptions {
  /** Compute only these object types (API 1.42+; older engines always compute all of them). */
  types?: DiskUsageType[]
}

/** `/system/df` sizes every layer and volume, which takes long on a big host. */
const DISK_USAGE_TIMEOUT_MS = 5 * 60_000

/** Engine-wide facts: identity, versions and disk use (docs/engine.md#version-negotiation). Events live elsewhere. */
export class SystemApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** `GET /info`: host, resources, object counts, storage driver and swarm state. */
  async info(options: CallOptions = {}): Promise<EngineInfo> {
    return toEngineInfo(await this.#client.json<unknown>({ method: 'GET', path: '/info' }, options))
  }

  /** `GET /version`: engine release, API range and component versions. */
  async version(options: CallOptions = {}): Promise<EngineVersion> {
    const wire = await this.#client.json<unknown>({ method: 'GET', path: '/version' }, options)
    return toEngineVersion(wire)
  }

  /**
   * `GET /system/df`: sizes of images, containers, volumes and build cache. Expensive for the
   * engine (it walks every layer and volume; docs/engine.md#costly-calls): call it on demand, never poll.
   * The default deadline is 5 minutes instead of the client's.
   */
  async diskUsage(options: DiskUsageOptions = {}): Promise<DiskUsage> {
    const types =
      options.types && (await this.#atLeast('1.42', options)) ? options.types : undefined
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: '/system/df', query: { type: types } },
      { ...options, timeoutMs: options.timeoutMs ?? DISK_USAGE_TIMEOUT_MS },
    )
    return toDiskUsage(wire)
  }

  /**
   * Checks that the engine answers (`GET /_ping` with the negotiated prefix) and returns what was
   * negotiated with it: API version, the engine's own API version, Docker or Podman, OS type.
   *
   * @throws {EngineUnreachableError} when the engine does not answer; the next call re-negotiates.
   */
  async ping(options: CallOptions = {}): Promise<EngineIdentity> {
    await this.#client.send({ method: 'GET', path: '/_ping' }, options)
    return this.#client.connect(options)
  }

  async #atLeast(version: string, options: CallOptions): Promise<boolean> {
    const { apiVersion } = await this.#client.connect(options)
    return apiAtLeast(apiVersion, version)
  }
}

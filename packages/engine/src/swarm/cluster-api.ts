import type { CallOptions, EngineClient } from '../engine-client.ts'
import { asBoolean, asNumber, asObject, asString } from '../wire/wire-read.ts'
import { outOfSequence } from './nodes-api.ts'
import type { ClusterSettings, ClusterSettingsChange, SwarmCluster } from './types.ts'

const NS_PER_SECOND = 1_000_000_000
const VERSION_RETRIES = 3

export interface ClusterUpdateOptions extends CallOptions {
  rotateWorkerToken?: boolean
  rotateManagerToken?: boolean
}

/**
 * The swarm itself (`/swarm`, managers only): its join tokens and a small typed subset of its
 * settings. Durations are seconds here; the engine keeps nanoseconds. Like nodes, an update sends
 * the whole spec back with the version it was read at (docs/engine.md#swarm).
 */
export class SwarmClusterApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** The swarm with its join tokens: the caller decides who may see them. */
  async inspect(options: CallOptions = {}): Promise<SwarmCluster> {
    return toSwarmCluster(await this.#read(options))
  }

  /** The key that unlocks a restarted manager of an autolocked swarm (empty when not locked). */
  async unlockKey(options: CallOptions = {}): Promise<string> {
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: '/swarm/unlockkey' },
      options,
    )
    return asString(asObject(wire).UnlockKey)
  }

  /** Changes the named settings (and rotates tokens if asked); keeps every other field. */
  async update(
    change: ClusterSettingsChange,
    options: ClusterUpdateOptions = {},
  ): Promise<SwarmCluster> {
    for (let attempt = 1; ; attempt++) {
      const wire = asObject(await this.#read(options))
      const query = {
        version: asNumber(asObject(wire.Version).Index),
        rotateWorkerToken: options.rotateWorkerToken,
        rotateManagerToken: options.rotateManagerToken,
      }
      try {
        const json = withSettings(asObject(wire.Spec), change)
        await this.#client.send({ method: 'POST', path: '/swarm/update', query, json }, options)
        return await this.inspect(options)
      } catch (error) {
        if (attempt >= VERSION_RETRIES || !outOfSequence(error)) throw error
      }
    }
  }

  #read(options: CallOptions): Promise<unknown> {
    return this.#client.json<unknown>({ method: 'GET', path: '/swarm' }, options)
  }
}

function toSwarmCluster(wire: unknown): SwarmCluster {
  const item = asObject(wire)
  const tokens = asObject(item.JoinTokens)
  return {
    id: asString(item.ID),
    createdAt: asString(item.CreatedAt),
    joinTokens: { worker: asString(tokens.Worker), manager: asString(tokens.Manager) },
    settings: toSettings(asObject(item.Spec)),
    version: asNumber(asObject(item.Version).Index),
  }
}

function toSettings(spec: Record<string, unknown>): ClusterSettings {
  return {
    taskHistoryLimit: asNumber(asObject(spec.Orchestration).TaskHistoryRetentionLimit),
    heartbeatPeriodSeconds: asNumber(asObject(spec.Dispatcher).HeartbeatPeriod) / NS_PER_SECOND,
    nodeCertExpirySeconds: asNumber(asObject(spec.CAConfig).NodeCertExpiry) / NS_PER_SECOND,
    autolock: asBoolean(asObject(spec.EncryptionConfig).AutoLockManagers),
  }
}

function withSettings(
  spec: Record<string, unknown>,
  change: ClusterSettingsChange,
): Record<string, unknown> {
  const section = (key: string, field: string, value: unknown) =>
    value === undefined ? {} : { [key]: { ...asObject(spec[key]), [field]: value } }
  const ns = (seconds: number | undefined) =>
    seconds === undefined ? undefined : Math.round(seconds * NS_PER_SECOND)
  return {
    ...spec,
    ...section('Orchestration', 'TaskHistoryRetentionLimit', change.taskHistoryLimit),
    ...section('Dispatcher', 'HeartbeatPeriod', ns(change.heartbeatPeriodSeconds)),
    ...section('CAConfig', 'NodeCertExpiry', ns(change.nodeCertExpirySeconds)),
    ...section('EncryptionConfig', 'AutoLockManagers', change.autolock),
  }
}

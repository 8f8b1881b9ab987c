import type { Network, Volume } from '@harbormaster/engine'
import { COMPOSE } from '../../compose-labels.ts'
import { literalMap, projectObjectName } from './compose-values.ts'

type Entry = Record<string, unknown> | null

/**
 * The project's networks and volumes as top-level entries, keyed as compose keys them: an
 * object labelled with the project has its `com.docker.compose.network`/`.volume` key, anything
 * else is external (made outside the project, so left alone by it). Services ask for the key of
 * each object they use; only the objects asked for are written.
 */
export class ProjectObjects {
  readonly #project: string
  readonly #networks: Map<string, Network>
  readonly #volumes: Map<string, Volume>
  readonly #usedNetworks = new Map<string, Entry>()
  readonly #usedVolumes = new Map<string, Entry>()

  constructor(project: string, networks: readonly Network[], volumes: readonly Volume[]) {
    this.#project = project
    this.#networks = new Map(networks.map((network) => [network.name, network]))
    this.#volumes = new Map(volumes.map((volume) => [volume.name, volume]))
  }

  /** The key of the network named `name` in the file, after recording it as used. */
  networkKey(name: string): string {
    const network = this.#networks.get(name)
    const key = this.#keyOf(name, network?.labels, COMPOSE.network)
    if (!this.#usedNetworks.has(key)) this.#usedNetworks.set(key, this.#networkEntry(key, network))
    return key
  }

  volumeKey(name: string): string {
    const volume = this.#volumes.get(name)
    const key = this.#keyOf(name, volume?.labels, COMPOSE.volume)
    if (!this.#usedVolumes.has(key)) this.#usedVolumes.set(key, this.#volumeEntry(key, volume))
    return key
  }

  /** The top-level `networks:`, without `default` when it is what compose makes anyway. */
  networks(): Record<string, Entry> | undefined {
    const entries = [...this.#usedNetworks].filter(([key, entry]) => key !== 'default' || entry)
    return entries.length === 0 ? undefined : Object.fromEntries(sortByKey(entries))
  }

  volumes(): Record<string, Entry> | undefined {
    const entries = [...this.#usedVolumes]
    return entries.length === 0 ? undefined : Object.fromEntries(sortByKey(entries))
  }

  #ours(labels: Record<string, string> | undefined, kind: string): string | undefined {
    if (labels?.[COMPOSE.project] !== this.#project) return undefined
    const key = labels[kind]
    return key === undefined || key === '' ? undefined : key
  }

  #keyOf(name: string, labels: Record<string, string> | undefined, kind: string): string {
    return this.#ours(labels, kind) ?? name
  }

  #networkEntry(key: string, network: Network | undefined): Entry {
    if (!network || !this.#ours(network.labels, COMPOSE.network)) return { external: true }
    const entry: Record<string, unknown> = {
      ...(network.name === projectObjectName(this.#project, key) ? {} : { name: network.name }),
      ...(network.driver === 'bridge' || network.driver === '' ? {} : { driver: network.driver }),
      ...nonEmpty('driver_opts', literalMap(network.options)),
      ...nonEmpty('labels', literalMap(ownLabels(network.labels))),
      ...(network.internal ? { internal: true } : {}),
      ...(network.attachable ? { attachable: true } : {}),
    }
    return Object.keys(entry).length === 0 ? null : entry
  }

  #volumeEntry(key: string, volume: Volume | undefined): Entry {
    if (!volume || !this.#ours(volume.labels, COMPOSE.volume)) return { external: true }
    const entry: Record<string, unknown> = {
      ...(volume.name === projectObjectName(this.#project, key) ? {} : { name: volume.name }),
      ...(volume.driver === 'local' || volume.driver === '' ? {} : { driver: volume.driver }),
      ...nonEmpty('driver_opts', literalMap(volume.options)),
      ...nonEmpty('labels', literalMap(ownLabels(volume.labels))),
    }
    return Object.keys(entry).length === 0 ? null : entry
  }
}

/** Labels less compose's own (`com.docker.compose.*`), which compose writes again itself. */
export function ownLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).filter(([key]) => !key.startsWith('com.docker.compose.')),
  )
}

function nonEmpty(key: string, map: Record<string, string>): Record<string, unknown> {
  return Object.keys(map).length === 0 ? {} : { [key]: map }
}

function sortByKey<T>(entries: [string, T][]): [string, T][] {
  return entries.sort(([a], [b]) => a.localeCompare(b))
}

import { ArchiveApi } from './containers/archive-api.ts'
import { ContainerStreams } from './containers/container-streams.ts'
import { ContainersApi } from './containers/containers-api.ts'
import {
  type ConnectOptions,
  type EngineCallCounts,
  EngineClient,
  type EngineClientOptions,
  type EngineIdentity,
} from './engine-client.ts'
import { EventsApi } from './events/events-api.ts'
import { ExecApi } from './exec/exec-api.ts'
import { ImagesApi } from './images/images-api.ts'
import { NetworksApi } from './networks/networks-api.ts'
import { StatsApi } from './stats/stats-api.ts'
import { SwarmClusterApi } from './swarm/cluster-api.ts'
import { SwarmNodesApi } from './swarm/nodes-api.ts'
import { SwarmApi } from './swarm/swarm-api.ts'
import { ServicesApi } from './swarm/services-api.ts'
import { SwarmFilesApi } from './swarm/swarm-files-api.ts'
import { SystemApi } from './system/system-api.ts'
import { VolumesApi } from './volumes/volumes-api.ts'

export type EngineOptions = EngineClientOptions

/**
 * A typed client for one Docker-compatible engine. Every call is prefixed with the negotiated
 * API version, takes an AbortSignal and a deadline, and raises typed errors that keep the
 * engine's status and message.
 */
export class Engine {
  readonly containers: ContainersApi
  readonly containerStreams: ContainerStreams
  readonly archive: ArchiveApi
  readonly exec: ExecApi
  readonly stats: StatsApi
  readonly events: EventsApi
  readonly images: ImagesApi
  readonly networks: NetworksApi
  readonly volumes: VolumesApi
  readonly system: SystemApi
  readonly swarm: SwarmApi
  /** Swarm services, secrets and configs: changes (reads of lists are on `swarm`). */
  readonly services: ServicesApi
  readonly secrets: SwarmFilesApi
  readonly configs: SwarmFilesApi
  readonly swarmNodes: SwarmNodesApi
  readonly swarmCluster: SwarmClusterApi
  readonly #client: EngineClient

  constructor(options: EngineOptions) {
    const client = new EngineClient(options)
    this.#client = client
    this.containers = new ContainersApi(client)
    this.containerStreams = new ContainerStreams(client)
    this.archive = new ArchiveApi(client)
    this.exec = new ExecApi(client)
    this.stats = new StatsApi(client)
    this.events = new EventsApi(client)
    this.images = new ImagesApi(client)
    this.networks = new NetworksApi(client)
    this.volumes = new VolumesApi(client)
    this.system = new SystemApi(client)
    this.swarm = new SwarmApi(client)
    this.services = new ServicesApi(client)
    this.secrets = new SwarmFilesApi(client, '/secrets')
    this.configs = new SwarmFilesApi(client, '/configs')
    this.swarmNodes = new SwarmNodesApi(client)
    this.swarmCluster = new SwarmClusterApi(client)
  }

  /** The endpoint as given (`unix:///var/run/docker.sock`, `tcp://host:2376`). */
  get label(): string {
    return this.#client.label
  }

  /**
   * Pings and negotiates the API version (cached until the engine becomes unreachable, or until
   * a call with `fresh` asks again).
   */
  connect(options: ConnectOptions = {}): Promise<EngineIdentity> {
    return this.#client.connect(options)
  }

  /** What this client has asked of its engine so far (for metrics and tests of engine load). */
  get callCounts(): EngineCallCounts {
    return this.#client.counts
  }

  /** Closes pooled connections. Open streams and hijacked sockets are the caller's to end. */
  close(): void {
    this.#client.close()
  }
}

/** Creates an engine client; nothing is sent until the first call. */
export function createEngine(options: EngineOptions): Engine {
  return new Engine(options)
}

import type { HostStatus } from '@harbormaster/contract'
import { type Engine, type EngineEndpoint, createEngine } from '@harbormaster/engine'

export interface HostDefinition {
  id: string
  name: string
  endpoint: EngineEndpoint
}

interface Host extends HostDefinition {
  engine: Engine
}

/** The engines this server manages, each with one long-lived client (and its connection pool). */
export class HostRegistry {
  readonly #hosts = new Map<string, Host>()

  add(definition: HostDefinition): void {
    this.#hosts.get(definition.id)?.engine.close()
    this.#hosts.set(definition.id, { ...definition, engine: createEngine(definition.endpoint) })
  }

  /** @returns the host's engine client, or undefined for an unknown host id. */
  engine(id: string): Engine | undefined {
    return this.#hosts.get(id)?.engine
  }

  ids(): string[] {
    return [...this.#hosts.keys()]
  }

  /** Pings the host: reachable or not, its engine version and the negotiated API version. */
  async status(id: string, signal?: AbortSignal): Promise<HostStatus | undefined> {
    const host = this.#hosts.get(id)
    if (!host) return undefined
    const base = { id: host.id, name: host.name, address: host.endpoint.host }
    try {
      const options = { timeoutMs: 5000, ...(signal ? { signal } : {}) }
      const identity = await host.engine.connect(options)
      const version = await host.engine.system.version(options)
      return {
        ...base,
        reachable: true,
        flavour: identity.flavour,
        engineVersion: version.version,
        apiVersion: identity.apiVersion,
      }
    } catch (err) {
      return { ...base, reachable: false, error: err instanceof Error ? err.message : String(err) }
    }
  }

  close(): void {
    for (const host of this.#hosts.values()) host.engine.close()
    this.#hosts.clear()
  }
}

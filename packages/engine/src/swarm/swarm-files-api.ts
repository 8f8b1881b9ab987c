import type { CallOptions, EngineClient } from '../engine-client.ts'
import type { Filters } from '../query.ts'
import { asArray, asObject, asString } from '../wire/wire-read.ts'
import { toSwarmSecret } from './to-swarm-node.ts'
import type { SwarmSecret } from './types.ts'

export interface SwarmFileCreate {
  name: string
  labels?: Record<string, string> | undefined
  /** The value, sent once as base64; the engine never returns a secret's. */
  data: Uint8Array
}

/**
 * Secrets (`/secrets`) and configs (`/configs`, API 1.30+), which the engine handles alike: a
 * name, labels and a value written once. Nothing here returns a value: `toSwarmSecret` keeps the
 * metadata only, so a config's data (which the engine does return) is dropped as well.
 */
export class SwarmFilesApi {
  readonly #client: EngineClient
  readonly #path: '/secrets' | '/configs'

  constructor(client: EngineClient, path: '/secrets' | '/configs') {
    this.#client = client
    this.#path = path
  }

  async create(file: SwarmFileCreate, options: CallOptions = {}): Promise<{ id: string }> {
    const json = {
      Name: file.name,
      Labels: file.labels ?? {},
      Data: Buffer.from(file.data).toString('base64'),
    }
    const answer = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: `${this.#path}/create`, json },
        options,
      ),
    )
    return { id: asString(answer.ID) }
  }

  async list(options: CallOptions & { filters?: Filters } = {}): Promise<SwarmSecret[]> {
    const query = { filters: options.filters }
    const rows = asArray(
      await this.#client.json<unknown>({ method: 'GET', path: this.#path, query }, options),
    )
    return rows.map(toSwarmSecret)
  }

  async inspect(id: string, options: CallOptions = {}): Promise<SwarmSecret> {
    const path = `${this.#path}/${encodeURIComponent(id)}`
    return toSwarmSecret(await this.#client.json<unknown>({ method: 'GET', path }, options))
  }

  async remove(id: string, options: CallOptions = {}): Promise<void> {
    await this.#client.send(
      { method: 'DELETE', path: `${this.#path}/${encodeURIComponent(id)}` },
      options,
    )
  }
}

import type { ImageUpdateFinding, ImageUpdateReport } from '@harbormaster/contract'
import { type Container, EngineNotFoundError, type Service } from '@harbormaster/engine'
import {
  defaultEndpoint,
  DOCKER_HUB,
  parseImageReference,
  RegistryClient,
  RegistryError,
} from '@harbormaster/registry'
import type { Logger } from 'pino'
import type { Db } from '../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import { hostIsSwarmManager } from '../swarm/index.ts'
import { checkImage, type CheckOutcome } from './check-image.ts'
import { CredentialStore } from './credential-store.ts'
import { imagesInUse, withCreatedFrom } from './images-in-use.ts'
import { type StoredCheck, toImageUpdate, UpdateStore } from './update-store.ts'

export type FindingListener = (finding: ImageUpdateFinding) => void

export interface ImageUpdatesOptions {
  db: Db
  hosts: HostRegistry
  logger: Logger
  /** The API base URL per registry host, over the client's default (HARBORMASTER_REGISTRY_ENDPOINTS). */
  endpoints?: ReadonlyMap<string, string>
  /** Per registry request. */
  timeoutMs?: number
}

/** How long a registry that answered 429 without Retry-After is left alone. */
const RATE_LIMIT_BACKOFF_MS = 30 * 60_000

/**
 * The image update checker: for every image a host's containers use, whether its tag names
 * another digest at the registry now. A check runs on demand or on the schedule (schedule.ts),
 * never on its own; its results are kept in SQLite and read by GET .../updates. Findings of a
 * new digest go to the feed's listeners (the `image.update` alert rule), once per digest.
 */
export class ImageUpdates {
  readonly store: UpdateStore
  readonly credentials: CredentialStore
  readonly #hosts: HostRegistry
  readonly #logger: Logger
  readonly #client: RegistryClient
  readonly #listeners = new Set<FindingListener>()
  readonly #checkedListeners = new Set<(hostId: string) => void>()
  readonly #running = new Map<string, Promise<void>>()
  /** Registries that answered 429, and until when we leave them alone (Unix ms). */
  readonly #rateLimitedUntil = new Map<string, number>()

  constructor(options: ImageUpdatesOptions) {
    this.store = new UpdateStore(options.db)
    this.credentials = new CredentialStore(options.db)
    this.#hosts = options.hosts
    this.#logger = options.logger.child({ part: 'image-updates' })
    const endpoints = options.endpoints
    this.#client = new RegistryClient({
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(endpoints === undefined || endpoints.size === 0
        ? {}
        : {
            endpoint: (registry: string) => endpoints.get(registry) ?? defaultEndpoint(registry),
          }),
    })
  }

  /** The feed of findings (ImageUpdateFeed in alerts/image-update-feed.ts has this shape). */
  subscribe(listener: FindingListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Called after each check of a host, scheduled or on demand (automatic updates follow it). */
  onChecked(listener: (hostId: string) => void): () => void {
    this.#checkedListeners.add(listener)
    return () => {
      this.#checkedListeners.delete(listener)
    }
  }

  /** Checks a host now; a check already running for it is joined, not repeated. */
  check(hostId: string): Promise<void> {
    const running = this.#running.get(hostId)
    if (running !== undefined) return running
    const host = this.#hosts.get(hostId)
    if (host === undefined) return Promise.resolve()
    const run = this.#check(host).finally(() => {
      this.#running.delete(hostId)
    })
    this.#running.set(hostId, run)
    return run
  }

  /** Checks every host in turn (the schedule's run). */
  async checkAll(): Promise<void> {
    for (const hostId of this.#hosts.ids()) {
      await this.check(hostId).catch((error: unknown) => {
        this.#logger.warn({ err: error, host: hostId }, 'image update check failed')
      })
    }
  }

  /** The latest check of any host (Unix ms), for the schedule. */
  lastRun(): number | undefined {
    const runs = this.#hosts.ids().map((id) => this.store.lastRun(id) ?? 0)
    const latest = Math.max(0, ...runs)
    return latest === 0 ? undefined : latest
  }

  /** The last check of a host; `visible` narrows it to the caller's containers and services. */
  report(hostId: string, visible?: Visible): ImageUpdateReport {
    const lastRun = this.store.lastRun(hostId)
    const images = []
    for (const check of this.store.list(hostId)) {
      const ids = visible ? check.containerIds.filter(visible.container) : check.containerIds
      const services = visible ? check.serviceIds.filter(visible.service) : check.serviceIds
      if (ids.length + services.length > 0) images.push(toImageUpdate(check, ids, services))
    }
    return {
      hostId,
      checkedAt: lastRun === undefined ? null : new Date(lastRun).toISOString(),
      images,
    }
  }

  async #check(host: RegisteredHost): Promise<void> {
    const listed: Container[] =
      (await host.containers.list({ all: true })) ??
      (await host.engine.containers.list({ all: true }))
    const containers = await withCreatedFrom(listed, async (container) => {
      try {
        return (await host.engine.containers.inspect(container.id)).image
      } catch (error) {
        // Removed since the list: it keeps the id it was listed by (checked as `unknown`).
        if (error instanceof EngineNotFoundError) return container.image
        throw error
      }
    })
    const services = await managedServices(host)
    const previous = new Map(this.store.list(host.id).map((check) => [check.image, check]))
    const checkedAt = Date.now()
    const checks: StoredCheck[] = []
    const findings: ImageUpdateFinding[] = []
    for (const use of imagesInUse(containers, services)) {
      const outcome = await this.#outcome(host, use.image, () =>
        checkImage(use, {
          repoDigests: async (imageId) => (await host.engine.images.inspect(imageId)).repoDigests,
          registryDigest: async (image, credentials) =>
            (await this.#client.manifestDigest(image, credentials)).digest,
          credentialsFor: (registry) => this.credentials.credentialsFor(host.id, registry),
        }),
      )
      const before = previous.get(use.image)
      const sameFinding =
        before?.status === 'update-available' && before.newDigest === outcome.newDigest
      const check: StoredCheck = {
        ...outcome,
        containerIds: use.containerIds,
        serviceIds: use.serviceIds,
        checkedAt,
      }
      if (outcome.status === 'update-available') {
        check.foundAt = sameFinding ? (before.foundAt ?? checkedAt) : checkedAt
        check.newCreatedAt = sameFinding
          ? before.newCreatedAt
          : await this.#createdAt(host, use.image, outcome.newDigest)
        if (!sameFinding) findings.push(toFinding(host.id, check))
      }
      checks.push(check)
    }
    this.store.replace(host.id, checkedAt, checks)
    for (const finding of findings) this.#announce(finding)
    for (const listener of this.#checkedListeners) {
      try {
        listener(host.id)
      } catch (error) {
        this.#logger.error({ err: error }, 'image update check listener failed')
      }
    }
  }

  /**
   * When a new digest's image was created, asked once per digest. Not of Docker Hub: the
   * manifest GET it takes counts as a pull against the host's limit (a HEAD does not), and the
   * check must not spend what the host's pulls need. Unanswered: undefined (foundAt says when).
   */
  async #createdAt(
    host: RegisteredHost,
    image: string,
    digest: string | undefined,
  ): Promise<number | undefined> {
    if (digest === undefined) return undefined
    try {
      const reference = parseImageReference(image)
      if (reference.registry === DOCKER_HUB) return undefined
      const credentials = this.credentials.credentialsFor(host.id, reference.registry)
      const created = await this.#client.imageCreated(reference, digest, credentials)
      return created === undefined ? undefined : Date.parse(created)
    } catch (error) {
      this.#logger.debug({ err: error, host: host.id, image }, 'image creation time not read')
      return undefined
    }
  }

  /** One image's check, with registry errors as `error` and rate limits respected. */
  async #outcome(
    host: RegisteredHost,
    image: string,
    check: () => Promise<CheckOutcome>,
  ): Promise<CheckOutcome> {
    const registry = registryOf(image)
    const until = registry === undefined ? undefined : this.#rateLimitedUntil.get(registry)
    if (until !== undefined && until > Date.now()) {
      const reason = `${registry ?? ''} is rate limiting us; not asked again before ${new Date(until).toISOString()}`
      return { image, status: 'error', reason }
    }
    try {
      return await check()
    } catch (error) {
      // An image removed between the container list and its inspect (another client's rmi) is
      // that image's error, not the whole host's: the other images' answers still count.
      if (error instanceof EngineNotFoundError) {
        return { image, status: 'error', reason: 'the image is gone from the engine' }
      }
      if (!(error instanceof RegistryError)) throw error
      if (error.kind === 'rate-limited' && registry !== undefined) {
        const next = Date.now() + (error.retryAfterMs ?? RATE_LIMIT_BACKOFF_MS)
        this.#rateLimitedUntil.set(registry, next)
        this.#logger.warn({ host: host.id, registry, until: new Date(next) }, 'registry rate limit')
        return {
          image,
          status: 'error',
          reason: `${registry} is rate limiting us; not asked again before ${new Date(next).toISOString()}`,
        }
      }
      return { image, status: 'error', reason: error.message }
    }
  }

  #announce(finding: ImageUpdateFinding): void {
    for (const listener of this.#listeners) {
      try {
        listener(finding)
      } catch (error) {
        this.#logger.error({ err: error }, 'image update listener failed')
      }
    }
  }
}

/** Which containers and services of a host's report a caller may see. */
export interface Visible {
  container: (id: string) => boolean
  service: (id: string) => boolean
}

/** A swarm manager's services (only a manager can list them); none elsewhere. */
async function managedServices(host: RegisteredHost): Promise<Service[]> {
  if (!(await hostIsSwarmManager(host))) return []
  return host.engine.swarm.services()
}

function registryOf(image: string): string | undefined {
  try {
    return parseImageReference(image).registry
  } catch {
    return undefined
  }
}

function toFinding(hostId: string, check: StoredCheck): ImageUpdateFinding {
  return {
    hostId,
    image: check.image,
    currentDigest: check.currentDigest ?? '',
    newDigest: check.newDigest ?? '',
    containerIds: check.containerIds,
    checkedAt: new Date(check.checkedAt).toISOString(),
  }
}

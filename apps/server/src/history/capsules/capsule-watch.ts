import type { LogRetentionRule } from '@harbormaster/contract'
import type { Container, EngineEvent } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { RegisteredHost } from '../../hosts/index.ts'
import {
  IMAGE_GONE_NOTE,
  REMOVED_UNSEEN_NOTE,
  capsuleOf,
  followableOf,
  unseenCapsule,
} from './capsule-of.ts'
import type { CapsuleStore, NewCapsule } from './capsule-store.ts'
import { LogFollower } from './log-follower.ts'
import type { LogRings } from './log-rings.ts'
import type { LogLimits } from './log-window.ts'
import { readSnapshot } from './read-snapshot.ts'
import { type Followable, ruleCovers } from './retention-rules.ts'

/** What a host's watch needs from the service. */
export interface WatchParts {
  host: RegisteredHost
  store: CapsuleStore
  rings: LogRings
  limits: LogLimits
  logger: Logger
  /** The host's log retention rules now. */
  rules: () => LogRetentionRule[]
  /** Queues a capsule (or a held snapshot) for the next batched write. */
  write: (capsule: NewCapsule, held: boolean) => void
  /** Writes what is queued now. */
  flush: () => void
}

/** A `kill` this recent before a `die` means the container was stopped, not crashed. */
const STOPPED_WITHIN_MS = 30_000

/** How long a die waits for its follower's stream to end (the engine ends it at the exit). */
const FOLLOWER_END_MS = 3000

/**
 * One host's capsules: listens to the host's shared events (no engine call while nothing
 * happens) and, at each `die`, reads the container's log tail and inspect at once (one call
 * each); a crash (non-zero exit that no stop asked for, or an OOM kill) becomes a capsule with
 * its image's digests, a clean exit or a stop is held and becomes a "removed" capsule if a
 * `destroy` follows. It also runs the host's log retention followers.
 */
export class CapsuleWatch {
  readonly #parts: WatchParts
  readonly #followers = new Map<string, LogFollower>()
  readonly #oom = new Set<string>()
  readonly #killedAt = new Map<string, number>()
  /** Each container's events are handled in order: a destroy waits for its die's reads. */
  readonly #chains = new Map<string, Promise<void>>()
  readonly #stops: (() => void)[] = []
  #stopped = false

  constructor(parts: WatchParts) {
    this.#parts = parts
    const { host } = parts
    this.#stops.push(
      host.events.listen((message) => {
        if (message.kind === 'event') this.#heard(message.event)
      }),
      host.containers.onSynced((containers) => {
        this.#synced(containers)
      }),
    )
  }

  get hostId(): string {
    return this.#parts.host.id
  }

  /** Containers whose log is followed now: id and name. */
  following(): { id: string; name: string }[] {
    return [...this.#followers.values()].map((f) => ({ id: f.containerId, name: f.name }))
  }

  /** Events handled so far have settled (tests, the restart test's shutdown). */
  async settled(): Promise<void> {
    while (this.#chains.size > 0) await Promise.allSettled([...this.#chains.values()])
  }

  /** The rules changed: follow what they cover now, stop what they no longer do. */
  async rulesChanged(): Promise<void> {
    const containers = await this.#parts.host.containers.list({ all: true })
    if (containers !== undefined) this.#follow(containers)
  }

  stop(): void {
    this.#stopped = true
    for (const stop of this.#stops) stop()
    for (const follower of this.#followers.values()) follower.stop()
    this.#followers.clear()
  }

  #heard(event: EngineEvent): void {
    if (event.type !== 'container' || this.#stopped) return
    const id = event.actorId
    switch (event.action) {
      case 'start':
        this.#started(id, followableOf(event))
        break
      case 'oom':
        this.#oom.add(id)
        break
      case 'kill':
        this.#killedAt.set(id, event.time * 1000)
        break
      case 'die':
        this.#chain(id, () => this.#died(event))
        break
      case 'destroy':
        this.#chain(id, () => this.#destroyed(event))
        break
      default:
        break
    }
  }

  #chain(id: string, work: () => Promise<void>): void {
    const previous = this.#chains.get(id) ?? Promise.resolve()
    const next = previous
      .then(work)
      .catch((err: unknown) => {
        this.#parts.logger.warn({ err, container: id }, 'capsule not made')
      })
      .finally(() => {
        if (this.#chains.get(id) === next) this.#chains.delete(id)
      })
    this.#chains.set(id, next)
  }

  #covered(container: Followable, rules = this.#parts.rules()): boolean {
    return rules.some((rule) => ruleCovers(rule, container))
  }

  #started(id: string, container: Followable): void {
    this.#oom.delete(id)
    this.#killedAt.delete(id)
    if (!this.#covered(container)) return
    this.#followers.get(id)?.stop()
    this.#followers.set(id, this.#newFollower(id, container.name))
  }

  #newFollower(id: string, name: string): LogFollower {
    const { host, rings, limits, logger } = this.#parts
    return new LogFollower(
      { engine: host.engine, rings, limits, logger, hostId: host.id },
      { id, name },
    )
  }

  /**
   * From a whole list of the host's containers: running containers the rules cover are followed
   * (again, if their stream broke); a follower whose container runs uncovered, or is gone with
   * no event in hand, stops and its ring goes. One that stopped running is left to its die.
   */
  #follow(containers: readonly Container[]): void {
    const rules = this.#parts.rules()
    const byId = new Map(containers.map((c) => [c.id, c]))
    for (const [id, follower] of this.#followers) {
      const container = byId.get(id)
      const gone = container === undefined && !this.#chains.has(id)
      const uncovered = container?.state === 'running' && !this.#covered(container, rules)
      if (!gone && !uncovered) continue
      follower.stop()
      this.#followers.delete(id)
      this.#parts.rings.clear(this.#parts.host.id, id)
    }
    for (const container of containers) {
      if (container.state !== 'running' || !this.#covered(container, rules)) continue
      const follower = this.#followers.get(container.id)
      if (follower !== undefined && !follower.done) continue
      this.#followers.set(container.id, this.#newFollower(container.id, container.name))
    }
  }

  /**
   * After each full read: followers for what the rules cover; held snapshots of containers no
   * longer there become "removed" capsules (removed while the server was down); rings of
   * containers gone are dropped.
   */
  #synced(containers: readonly Container[]): void {
    if (this.#stopped) return
    this.#follow(containers)
    const present = new Set(containers.map((c) => c.id))
    const { store, rings, host } = this.#parts
    for (const id of store.heldContainers(host.id)) {
      if (!present.has(id) && !this.#chains.has(id)) {
        this.#chain(id, () => this.#promoteHeld(id, [REMOVED_UNSEEN_NOTE]))
      }
    }
    for (const id of rings.containers(host.id)) {
      if (!present.has(id) && !this.#followers.has(id) && !this.#chains.has(id)) {
        rings.clear(host.id, id)
      }
    }
  }

  async #died(event: EngineEvent): Promise<void> {
    const id = event.actorId
    const { host, limits, rings, store, flush } = this.#parts
    const known = host.containers.known(id)
    // The reads start before anything else: the engine drops an --rm container's log at once.
    const reading = readSnapshot(host.engine, id, limits)
    flush()
    // A replayed event (the engine resends the last seconds at a cold start) is not a new exit.
    if (store.hasDie(host.id, id, event.timeNano)) {
      await reading
      return
    }
    const follower = this.#followers.get(id)
    const [snapshot] = await Promise.all([reading, follower?.endedWithin(FOLLOWER_END_MS)])
    if (follower !== undefined) {
      follower.stop()
      if (this.#followers.get(id) === follower) this.#followers.delete(id)
    }
    const kept = follower === undefined ? undefined : rings.read(host.id, id)
    const capsule = capsuleOf(host.id, event, snapshot, known, kept)
    const oom = this.#oom.delete(id) || capsule.oomKilled
    const killedAt = this.#killedAt.get(id)
    this.#killedAt.delete(id)
    const stopped = killedAt !== undefined && event.time * 1000 - killedAt <= STOPPED_WITHIN_MS
    const crashed = oom || (capsule.exitCode !== 0 && !stopped)
    if (follower !== undefined) rings.clear(host.id, id)
    if (!crashed) {
      this.#parts.write({ ...capsule, reason: 'removed' }, true)
      return
    }
    const withImage = await this.#withImage(capsule)
    this.#parts.write({ ...withImage, reason: oom ? 'oom' : 'exit', oomKilled: oom }, false)
  }

  async #destroyed(event: EngineEvent): Promise<void> {
    const id = event.actorId
    const { host, store, rings, flush } = this.#parts
    this.#followers.get(id)?.stop()
    this.#followers.delete(id)
    this.#oom.delete(id)
    this.#killedAt.delete(id)
    flush()
    if (store.held(host.id, id) !== undefined) {
      await this.#promoteHeld(id, [])
    } else if (!store.hasShown(host.id, id)) {
      const known = host.containers.known(id)
      // Created and removed without ever running: there is nothing to keep.
      if (known?.state !== 'created') {
        const kept = rings.read(host.id, id)
        this.#parts.write(await this.#withImage(unseenCapsule(host.id, event, known, kept)), false)
      }
    }
    rings.clear(host.id, id)
  }

  async #promoteHeld(id: string, notes: string[]): Promise<void> {
    const { host, store, flush } = this.#parts
    flush()
    const capsule = store.held(host.id, id)
    if (capsule === undefined) return
    const withImage = await this.#withImage({
      ...capsule,
      reason: 'removed',
      notes: [...capsule.notes, ...notes],
      capturedAt: Date.now(),
    })
    store.dropHeld(host.id, id)
    this.#parts.write(withImage, false)
  }

  /** The image's RepoDigests, by its id (one image inspect); a gone image is said so. */
  async #withImage(capsule: NewCapsule): Promise<NewCapsule> {
    const ref = capsule.imageId ?? capsule.image
    if (ref === '' || capsule.imageDigests.length > 0) return capsule
    try {
      const image = await this.#parts.host.engine.images.inspectWire(ref, {
        signal: AbortSignal.timeout(30_000),
      })
      const digests = Array.isArray(image.RepoDigests)
        ? image.RepoDigests.filter((d): d is string => typeof d === 'string')
        : []
      const imageId = capsule.imageId ?? (typeof image.Id === 'string' ? image.Id : null)
      return { ...capsule, imageId, imageDigests: digests }
    } catch {
      return { ...capsule, notes: [...capsule.notes, IMAGE_GONE_NOTE(ref)] }
    }
  }
}

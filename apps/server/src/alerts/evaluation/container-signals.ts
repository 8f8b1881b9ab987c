import type { AlertKind, AlertSeverity } from '@harbormaster/contract'
import type { EngineEvent } from '@harbormaster/engine'

/** Something a rule may alert on, read from the engine's events (no engine call). */
export interface Signal {
  kind: AlertKind
  state: 'firing' | 'resolved'
  hostId: string
  subject: { type: 'container' | 'host' | 'image'; id: string; name: string }
  /** The subject's labels: what rule scopes and viewers' label scopes match. */
  labels: Readonly<Record<string, string>>
  /** Unix milliseconds of the event. */
  at: number
  /** What happened, after the subject's name: "exited with code 3". */
  what: string
  /** Over the kind's (an automatic update rolled back is a warning, one applied is not). */
  severity?: AlertSeverity
  exitCode?: number
  /** A restart loop: when the container died recently (Unix ms), newest last. */
  deaths?: readonly number[]
}

/**
 * A stop or kill through the API sends `kill` before `die`, and an OOM kill sends `oom`: a `die`
 * this soon after either is not an unexpected exit.
 */
const CAUSE_WINDOW_MS = 60_000
/** Deaths kept per container for restart-loop rules (their window is at most a day). */
const DEATHS_KEPT = 1000
const DAY_MS = 86_400_000

/**
 * Turns one host's container events into signals. Keeps per container only what the events
 * themselves say (last kill, last OOM, recent deaths), dropped when the container is destroyed.
 */
export class ContainerSignals {
  readonly #hostId: string
  readonly #killedAt = new Map<string, number>()
  readonly #oomAt = new Map<string, number>()
  readonly #deaths = new Map<string, number[]>()

  constructor(hostId: string) {
    this.#hostId = hostId
  }

  read(event: EngineEvent): Signal[] {
    if (event.type !== 'container') return []
    const id = event.actorId
    const at = Math.floor(Number(BigInt(event.timeNano) / 1_000_000n))
    const base = {
      hostId: this.#hostId,
      subject: { type: 'container' as const, id, name: event.attributes.name ?? id.slice(0, 12) },
      labels: event.attributes,
      at,
    }
    switch (event.action) {
      case 'kill':
        this.#killedAt.set(id, at)
        return []
      case 'oom':
        this.#oomAt.set(id, at)
        return [
          { ...base, kind: 'container.oom', state: 'firing', what: 'was killed: out of memory' },
        ]
      case 'die':
        return this.#died(id, at, base, Number(event.attributes.exitCode ?? '0'))
      case 'start':
        this.#killedAt.delete(id)
        return [
          { ...base, kind: 'container.exit', state: 'resolved', what: 'is running again' },
          { ...base, kind: 'container.oom', state: 'resolved', what: 'is running again' },
        ]
      case 'health_status':
        return this.#health(base, event.actionDetail)
      case 'destroy':
        this.#killedAt.delete(id)
        this.#oomAt.delete(id)
        this.#deaths.delete(id)
        return []
      default:
        return []
    }
  }

  #died(id: string, at: number, base: Omit<Signal, 'kind' | 'state' | 'what'>, code: number) {
    const deaths = [...(this.#deaths.get(id) ?? []), at]
      .filter((t) => at - t <= DAY_MS)
      .slice(-DEATHS_KEPT)
    this.#deaths.set(id, deaths)
    const signals: Signal[] = [
      {
        ...base,
        kind: 'container.restart-loop',
        state: 'firing',
        what: 'is restarting in a loop',
        deaths,
      },
    ]
    const cause = Math.max(this.#killedAt.get(id) ?? 0, this.#oomAt.get(id) ?? 0)
    if (at - cause > CAUSE_WINDOW_MS) {
      signals.push({
        ...base,
        kind: 'container.exit',
        state: 'firing',
        what: `exited with code ${String(code)}`,
        exitCode: code,
      })
    }
    return signals
  }

  #health(base: Omit<Signal, 'kind' | 'state' | 'what'>, status: string | undefined): Signal[] {
    if (status === 'unhealthy')
      return [{ ...base, kind: 'container.unhealthy', state: 'firing', what: 'is unhealthy' }]
    if (status === 'healthy')
      return [{ ...base, kind: 'container.unhealthy', state: 'resolved', what: 'is healthy again' }]
    return []
  }
}

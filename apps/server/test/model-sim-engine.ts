import type { Container, ContainerState } from '@harbormaster/engine'
import { type ContainerTiming, statusText } from '../src/inventory/container-status.ts'

/** The simulated engine's clock: fixed, so a status text depends only on the container. */
export const NOW = Date.parse('2026-12-01T12:00:00Z')
const MINUTE = 60_000

export type Mutation =
  'create' | 'start' | 'stop' | 'pause' | 'unpause' | 'rename' | 'relabel' | 'remove'

interface Truth {
  row: Container
  timing: ContainerTiming
}

/** One container's story: every version, with the row as it was (undefined: removed). */
type History = { version: number; row: Container | undefined }[]

export const simId = (slot: number) => slot.toString(16).padStart(64, '0')

/**
 * A pretend engine for the model's property tests: containers that change, a version per change,
 * and a list that can lag behind a state change (as the real one does for pause, and for a
 * container that starts and exits at once) while inspect always reads the container itself.
 */
export class SimEngine {
  version = 0
  readonly truth = new Map<string, Truth>()
  /** Rows the list still serves for containers whose state changed (lags until caught up). */
  readonly lagging = new Map<string, Container>()
  /** Containers whose list ever lagged: their listed state may be older than their events. */
  readonly everLagged = new Set<string>()
  readonly history = new Map<string, History>()

  /** Applies a change; returns the container an event names, or undefined if nothing changed. */
  mutate(kind: Mutation, slot: number, arg: number, lag: boolean): string | undefined {
    const id = simId(slot)
    const current = this.truth.get(id)
    const next = current
      ? this.#changed(current, kind, arg)
      : kind === 'create'
        ? this.#created(id, arg)
        : undefined
    if (next === undefined || next === current) return undefined
    this.version++
    const stateChange =
      next !== 'removed' && current !== undefined && next.row.state !== current.row.state
    if (lag && stateChange && current) {
      if (!this.lagging.has(id)) this.lagging.set(id, current.row)
      this.everLagged.add(id)
    } else this.lagging.delete(id)
    if (next === 'removed') this.truth.delete(id)
    else this.truth.set(id, next)
    const story = this.history.get(id) ?? []
    story.push({ version: this.version, row: next === 'removed' ? undefined : next.row })
    this.history.set(id, story)
    return id
  }

  catchUp(): void {
    this.lagging.clear()
  }

  /** The list as the engine serves it now (lagging rows included). */
  list(): Container[] {
    return [...this.truth.keys()].map((id) => this.listed(id)).filter((row) => row !== undefined)
  }

  listed(id: string): Container | undefined {
    const truth = this.truth.get(id)
    return truth && (this.lagging.get(id) ?? truth.row)
  }

  nameTaken(name: string): boolean {
    return [...this.truth.values()].some((t) => t.row.name === name)
  }

  #created(id: string, arg: number): Truth | undefined {
    const name = `c${arg % 4}`
    if (this.nameTaken(name)) return undefined
    const timing: ContainerTiming = {
      state: 'created',
      startedAt: undefined,
      finishedAt: undefined,
      exitCode: 0,
      health: undefined,
    }
    const row: Container = {
      id,
      name,
      image: 'sim',
      imageId: 'sha256:sim',
      command: 'sleep',
      created: this.version,
      state: 'created',
      status: statusText(timing, NOW),
      ports: [],
      labels: {},
      networks: {},
      mounts: [],
    }
    return { row, timing }
  }

  #changed(current: Truth, kind: Mutation, arg: number): Truth | 'removed' | undefined {
    const { state } = current.row
    // Each version starts or stops at its own minute, so its status text is its own.
    const at = NOW - (this.version + 2) * MINUTE
    switch (kind) {
      case 'create':
        return undefined
      case 'start':
        return state === 'created' || state === 'exited'
          ? this.#with(current, 'running', { startedAt: at, finishedAt: current.timing.finishedAt })
          : undefined
      case 'stop':
        return state === 'running' || state === 'paused'
          ? this.#with(current, 'exited', { finishedAt: at, exitCode: arg % 2 === 0 ? 0 : 137 })
          : undefined
      case 'pause':
        return state === 'running' ? this.#with(current, 'paused', {}) : undefined
      case 'unpause':
        return state === 'paused' ? this.#with(current, 'running', {}) : undefined
      case 'rename': {
        const name = `c${arg % 4}`
        return this.nameTaken(name) ? undefined : { ...current, row: { ...current.row, name } }
      }
      case 'relabel':
        return { ...current, row: { ...current.row, labels: { v: String(this.version) } } }
      case 'remove':
        return 'removed'
    }
  }

  #with(current: Truth, state: ContainerState, timing: Partial<ContainerTiming>): Truth {
    const next: ContainerTiming = { ...current.timing, ...timing, state }
    return { timing: next, row: { ...current.row, state, status: statusText(next, NOW) } }
  }
}

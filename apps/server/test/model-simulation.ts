import type { Container } from '@harbormaster/engine'
import { step } from '../src/inventory/model.ts'
import type { ModelEffect, ModelInput, ModelTimer } from '../src/inventory/model-io.ts'
import { type ModelState, initialModel } from '../src/inventory/model-state.ts'
import { type Mutation, NOW, SimEngine, simId } from './model-sim-engine.ts'

type Request = Extract<ModelEffect, { type: 'readAll' | 'reread' | 'inspect' }>

/** An engine answer, taken when the engine serves the request (which may be long before it arrives). */
type Answer = ModelInput

export type Action =
  | { kind: 'mutate'; mutation: Mutation; slot: number; arg: number; lag: boolean }
  | { kind: 'deliverEvent' }
  | { kind: 'serve'; pick: number }
  /** late: with what the engine read when asked (unless served since), else as it is now. */
  | { kind: 'answer'; pick: number; late: boolean }
  | { kind: 'fail'; pick: number }
  | { kind: 'fire'; pick: number }
  | { kind: 'touch'; slot: number; byName: boolean }
  | { kind: 'listWaiting' }
  | { kind: 'reconcile' }
  | { kind: 'catchUp' }
  | { kind: 'disconnect' }
  | { kind: 'connect' }

/**
 * The model's pure step driven by random schedules against a pretend engine: requests answered
 * late, out of order, or failing; timers firing in any order; events lost while disconnected.
 * Records what the model is owed: after an event or a touch, the version it must not fall behind.
 */
export class Simulation {
  state: ModelState = initialModel()
  readonly engine = new SimEngine()
  connected = false
  readonly events: string[] = []
  readonly requests: { request: Request; asked: Answer; answer?: Answer }[] = []
  readonly timers: { input: ModelTimer; key?: string }[] = []
  /** Per container, the engine's version when the model last learnt it must read it again. */
  readonly owed = new Map<string, number>()
  /** Every step, for checks: `snapshot` is serializeState(before) taken before the step ran. */
  onStep:
    | ((
        before: ModelState,
        input: ModelInput,
        after: ModelState,
        effects: readonly ModelEffect[],
        snapshot: string,
      ) => void)
    | undefined

  feed(input: ModelInput): void {
    const before = this.state
    const snapshot = this.onStep ? serializeState(before) : ''
    const { state, effects } = step(before, input)
    this.onStep?.(before, input, state, effects, snapshot)
    this.state = state
    for (const effect of effects) this.#perform(effect)
  }

  run(action: Action): void {
    switch (action.kind) {
      case 'mutate': {
        const id = this.engine.mutate(action.mutation, action.slot, action.arg, action.lag)
        if (id !== undefined && this.connected) this.events.push(id)
        break
      }
      case 'deliverEvent':
        this.#deliverEvent()
        break
      case 'serve':
        this.#serve(this.requests[this.#index(this.requests, action.pick) ?? -1])
        break
      case 'answer':
        this.#answer(action.pick, action.late ? 'late' : 'ok')
        break
      case 'fail':
        this.#answer(action.pick, 'fail')
        break
      case 'fire':
        this.#fire(action.pick)
        break
      case 'touch':
        this.#touch(action.slot, action.byName)
        break
      case 'catchUp':
        this.engine.catchUp()
        break
      case 'disconnect':
        this.#disconnect()
        break
      case 'connect':
        this.#connect()
        break
      case 'listWaiting':
      case 'reconcile':
        this.feed({ type: action.kind })
    }
  }

  /** For scripted cases: answers the first request of this type (and container) still out. */
  answerFirst(type: Request['type'], how: 'ok' | 'late' | 'fail', id?: string): void {
    const index = this.requests.findIndex(
      ({ request }) =>
        request.type === type &&
        (id === undefined || (request.type === 'inspect' && request.id === id)),
    )
    if (index === -1) throw new Error(`no ${type} request out`)
    this.#answer(index, how)
  }

  /** For scripted cases: fires the timers set for this input. */
  fireAll(type: ModelTimer['type']): void {
    for (const timer of this.timers.filter((t) => t.input.type === type)) {
      const index = this.timers.indexOf(timer)
      if (index !== -1) this.#fire(index)
    }
  }

  /**
   * Everything settles: the stream is up, every event is delivered, every request answered and
   * every timer fired (the reconciliation's aside), with the list caught up or still lagging.
   * Returns whether it came to rest within the bound: a model that kept asking would not.
   */
  settle(options: { lagging?: boolean } = {}): boolean {
    if (!options.lagging) this.engine.catchUp()
    this.#connect()
    for (let round = 0; round < 5000; round++) {
      if (this.events.length > 0) this.#deliverEvent()
      else if (this.requests.length > 0) this.#answer(0, 'ok')
      else {
        const index = this.timers.findIndex((t) => t.input.type !== 'reconcile')
        if (index === -1) return true
        this.#fire(index)
      }
    }
    return false
  }

  #perform(effect: ModelEffect): void {
    if (effect.type === 'readAll' || effect.type === 'reread' || effect.type === 'inspect') {
      this.requests.push({ request: effect, asked: this.#answerFor(effect) })
    } else if (effect.type === 'schedule') {
      const index =
        effect.key === undefined ? -1 : this.timers.findIndex((t) => t.key === effect.key)
      if (index !== -1) this.timers.splice(index, 1)
      this.timers.push({
        input: effect.input,
        ...(effect.key === undefined ? {} : { key: effect.key }),
      })
    }
  }

  #deliverEvent(): void {
    const id = this.events.shift()
    if (id === undefined) return
    this.owed.set(id, this.engine.version)
    this.feed({ type: 'announced', id })
  }

  #fire(pick: number): void {
    const index = this.#index(this.timers, pick)
    const [timer] = index === undefined ? [] : this.timers.splice(index, 1)
    if (timer) this.feed(timer.input)
  }

  #connect(): void {
    if (this.connected) return
    this.connected = true
    // A list lags its events by moments, less than the engine takes to come back; and an event
    // lost in the outage is one the engine no longer has (it restarted), so its list cannot lag.
    this.engine.catchUp()
    this.feed({ type: 'connected' })
  }

  #touch(slot: number, byName: boolean): void {
    const id = simId(slot)
    const row = this.engine.listed(id)
    if (byName && !row) return
    this.owed.set(id, this.engine.version)
    this.feed({ type: 'touched', ref: byName && row ? row.name : id })
  }

  #disconnect(): void {
    if (!this.connected) return
    this.connected = false
    // Events not yet delivered are lost with the stream; a list's lag is shorter than an outage.
    this.events.length = 0
    this.engine.catchUp()
    this.feed({ type: 'disconnected' })
  }

  /** The engine serves a request: its answer is fixed now, whenever it arrives. */
  #serve(entry: { request: Request; answer?: Answer } | undefined): void {
    if (!entry || entry.answer) return
    entry.answer = this.#answerFor(entry.request)
  }

  #answer(pick: number, how: 'ok' | 'late' | 'fail'): void {
    const index = this.#index(this.requests, pick)
    const [entry] = index === undefined ? [] : this.requests.splice(index, 1)
    if (!entry) return
    if (how !== 'fail') {
      this.feed(entry.answer ?? (how === 'late' ? entry.asked : this.#answerFor(entry.request)))
      return
    }
    const { request } = entry
    const error = new Error('injected engine failure')
    if (request.type === 'readAll') this.feed({ type: 'fullReadFailed', error })
    else if (request.type === 'reread') this.feed({ type: 'rereadFailed', error })
    else this.feed({ type: 'inspectFailed', id: request.id, revision: request.revision })
  }

  #answerFor(request: Request): Answer {
    const listed = this.engine.list()
    const copy = (rows: Container[]) => rows.map((row) => structuredClone(row))
    if (request.type === 'readAll') return { type: 'fullReadDone', rows: copy(listed), at: NOW }
    if (request.type === 'reread') {
      const byId = listed.filter((row) => request.ids.includes(row.id))
      const byName = listed.filter((row) => request.names.includes(row.name))
      return { type: 'rereadDone', byId: copy(byId), byName: copy(byName) }
    }
    const truth = this.engine.truth.get(request.id)
    if (!truth) return { type: 'inspectFailed', id: request.id, revision: request.revision }
    return {
      type: 'inspected',
      id: request.id,
      revision: request.revision,
      timing: { ...truth.timing },
      networks: structuredClone(truth.row.networks),
    }
  }

  #index(items: readonly unknown[], pick: number): number | undefined {
    return items.length === 0 ? undefined : pick % items.length
  }
}

/** The whole state as text (maps and sets included), to show a step left its argument alone. */
export function serializeState(state: ModelState): string {
  return JSON.stringify(state, (_key, value: unknown) => {
    if (value instanceof Map) return { map: [...value] }
    if (value instanceof Set) return { set: [...value] }
    return value
  })
}

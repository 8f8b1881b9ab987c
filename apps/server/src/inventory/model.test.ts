import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Action, Simulation, serializeState } from '../../test/model-simulation.ts'
import { NOW } from '../../test/model-sim-engine.ts'
import { step } from './model.ts'
import { awaitingReads, rows, servable } from './model-view.ts'

// The model's pure step against a pretend engine (test/model-sim-engine.ts), under random
// schedules: answers late, out of order or failing, a list lagging behind its events, timers
// firing in any order, events lost in outages. No engine, no clock: thousands of runs a second.

const slot = fc.nat(3)
const pick = fc.nat(7)
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('mutate' as const),
      mutation: fc.constantFrom(
        'create',
        'start',
        'stop',
        'pause',
        'unpause',
        'rename',
        'relabel',
        'remove',
      ),
      slot,
      arg: fc.nat(11),
      lag: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: fc.constant({ kind: 'deliverEvent' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('serve' as const), pick }) },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('answer' as const), pick, late: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fail' as const), pick }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('fire' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('touch' as const), slot, byName: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'listWaiting' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconcile' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'catchUp' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'disconnect' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'connect' as const }) },
)

/** A host with a few containers before the model starts, then the random schedule. */
const schedule = fc.array(action, { maxLength: 200, size: 'max' })
const RUNS = { numRuns: 400, seed: 20261206 }

function startedSimulation(options: { checkEveryStep?: boolean } = {}): Simulation {
  const sim = new Simulation()
  for (const [mutation, target] of [
    ['create', 0],
    ['create', 1],
    ['start', 1],
    ['create', 2],
    ['start', 2],
    ['stop', 2],
  ] as const) {
    sim.run({ kind: 'mutate', mutation, slot: target, arg: target, lag: false })
  }
  if (options.checkEveryStep) sim.onStep = checkStep
  sim.run({ kind: 'connect' })
  return sim
}

/** Every step: pure (its state argument untouched), deterministic, and nothing after stop. */
function checkStep(
  ...[before, input, after, effects, snapshot]: Parameters<NonNullable<Simulation['onStep']>>
) {
  if (serializeState(before) !== snapshot) expect.fail(`${input.type} changed its state argument`)
  const again = step(before, input)
  const same =
    serializeState(again.state) === serializeState(after) &&
    JSON.stringify(again.effects) === JSON.stringify(effects)
  if (!same) expect.fail(`${input.type} answered differently the second time`)
}

/** After every action: what the model claims, against what the pretend engine knows. */
function checkInvariants(sim: Simulation) {
  const { state } = sim
  // Events may be lost while the stream is down: a model serving then could be stale.
  if (!sim.connected) expect(state.warm).toBe(false)
  const asked = (type: string) => sim.requests.filter((r) => r.request.type === type).length
  expect(asked('readAll')).toBeLessThanOrEqual(1)
  expect(asked('reread')).toBeLessThanOrEqual(1)
  expect(asked('inspect')).toBeLessThanOrEqual(4)
  if (servable(state) && !awaitingReads(state)) expect(staleContainers(sim)).toEqual([])
}

/**
 * What a list served now would show older than the model knows it must: after an event or a
 * touch, each thing a row shows (name, labels, state) and whether it exists at all must come
 * from the engine as it was then or later. A lagging list may show an older state: the model
 * cannot know better until inspect disagrees, so state is not judged for those containers.
 */
function staleContainers(sim: Simulation): string[] {
  const stale: string[] = []
  for (const [id, owed] of sim.owed) {
    const story = sim.engine.history.get(id) ?? []
    const since = story.findLastIndex((h) => h.version <= owed)
    const valid = story.slice(Math.max(since, 0))
    const entry = sim.state.entries.get(id)
    if (!entry) {
      // Fine if it did not exist yet when the model was told, or was removed since.
      if (since !== -1 && !valid.some((h) => h.row === undefined))
        stale.push(`${id.slice(-2)} missing`)
      continue
    }
    const versions = valid.flatMap((h) => (h.row ? [h.row] : []))
    const row = entry.container
    const fresh = (field: (c: typeof row) => unknown) =>
      versions.some((v) => JSON.stringify(field(v)) === JSON.stringify(field(row)))
    if (!fresh((c) => c.name)) stale.push(`${id.slice(-2)} name ${row.name}`)
    if (!fresh((c) => c.labels)) stale.push(`${id.slice(-2)} labels`)
    if (!sim.engine.everLagged.has(id) && !fresh((c) => c.state))
      stale.push(`${id.slice(-2)} state ${row.state}`)
  }
  return stale
}

function expectExact(sim: Simulation) {
  const { state } = sim
  expect(servable(state) && !awaitingReads(state)).toBe(true)
  expect([...state.entries.values()].filter((e) => !e.timing)).toEqual([])
  const truth = [...sim.engine.truth.values()].map((t) => t.row)
  expect(rows(state, { all: true }, NOW)).toEqual(truth.sort((a, b) => b.created - a.created))
}

describe('the container model as a pure step, against a pretend engine (property-based)', () => {
  it('never serves a list older than the events and touches it has seen, whatever the schedule', () => {
    fc.assert(
      fc.property(schedule, (actions) => {
        const sim = startedSimulation()
        for (const next of actions) {
          sim.run(next)
          checkInvariants(sim)
        }
      }),
      RUNS,
    )
  })

  it('comes to rest exactly as the engine lists, once the engine answers again', () => {
    fc.assert(
      fc.property(schedule, fc.boolean(), (actions, lagging) => {
        const sim = startedSimulation()
        for (const next of actions) sim.run(next)
        // Whether or not the list still lags: inspect, which reads the container, is believed.
        expect(sim.settle({ lagging })).toBe(true)
        expectExact(sim)
        if (!lagging) return
        expect(sim.settle()).toBe(true)
        expectExact(sim)
      }),
      RUNS,
    )
  })

  it('is a function: leaves its state argument alone and answers the same twice', () => {
    fc.assert(
      fc.property(schedule, (actions) => {
        const sim = startedSimulation({ checkEveryStep: true })
        for (const next of actions) sim.run(next)
        sim.settle()
      }),
      { ...RUNS, numRuns: 100 },
    )
  })

  it('stays stopped: after stop every input is ignored and nothing is asked', () => {
    fc.assert(
      fc.property(schedule, schedule, (before, after) => {
        const sim = startedSimulation()
        for (const next of before) sim.run(next)
        const stopped = sim.state
        sim.feed({ type: 'stop' })
        expect(sim.state.warm).toBe(false)
        const { requests, timers } = sim
        const [asked, set] = [requests.length, timers.length]
        for (const next of after) sim.run(next)
        sim.settle()
        expect(sim.state.stopped && !sim.state.warm).toBe(true)
        expect(sim.state.entries).toBe(stopped.entries)
        // Answers and timers already out are consumed; nothing new is asked or set.
        expect(requests.length + timers.length).toBeLessThanOrEqual(asked + set)
      }),
      { ...RUNS, numRuns: 200 },
    )
  })
})

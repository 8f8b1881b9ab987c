import { describe, expect, it } from 'vitest'
import { Simulation } from '../../test/model-simulation.ts'
import { NOW, simId } from '../../test/model-sim-engine.ts'
import { awaitingReads, rows, servable } from './model-view.ts'

// Schedules the property tests (model.test.ts) rarely draw, written out: each is a consistency
// bug the model once had or could have, replayed against the pretend engine in microseconds.

/** A warm model of one running container (slot 1), its first inspect still out. */
function runningContainer(): Simulation {
  const sim = new Simulation()
  sim.run({ kind: 'mutate', mutation: 'create', slot: 1, arg: 1, lag: false })
  sim.run({ kind: 'mutate', mutation: 'start', slot: 1, arg: 1, lag: false })
  sim.run({ kind: 'connect' })
  sim.answerFirst('readAll', 'ok')
  return sim
}

function deliverAndReread(sim: Simulation): void {
  while (sim.events.length > 0) sim.run({ kind: 'deliverEvent' })
  sim.fireAll('flushDue')
  sim.answerFirst('reread', 'ok')
}

const served = (sim: Simulation) =>
  servable(sim.state) && !awaitingReads(sim.state)
    ? rows(sim.state, { all: true }, NOW).map((c) => `${c.name} ${c.state} ${c.status}`)
    : undefined
const truth = (sim: Simulation) =>
  [...sim.engine.truth.values()]
    .map((t) => t.row)
    .sort((a, b) => b.created - a.created)
    .map((c) => `${c.name} ${c.state} ${c.status}`)

describe('the container model in schedules written out', () => {
  it('keeps the newest start time when an older inspect answers last', () => {
    const sim = runningContainer()
    sim.run({ kind: 'mutate', mutation: 'stop', slot: 1, arg: 0, lag: false })
    sim.run({ kind: 'mutate', mutation: 'start', slot: 1, arg: 0, lag: false })
    deliverAndReread(sim)
    const id = simId(1)
    // The inspect asked after the restart answers first; the one asked before it, last.
    sim.requests.push(...sim.requests.splice(0, 1))
    sim.answerFirst('inspect', 'ok', id)
    sim.answerFirst('inspect', 'late', id)
    expect(served(sim)).toEqual(truth(sim))
  })

  it('does not go warm on a full read asked before an outage', () => {
    const sim = new Simulation()
    sim.run({ kind: 'mutate', mutation: 'create', slot: 0, arg: 0, lag: false })
    sim.run({ kind: 'connect' })
    sim.run({ kind: 'disconnect' })
    // Changed while the stream was down: no event will tell.
    sim.run({ kind: 'mutate', mutation: 'relabel', slot: 0, arg: 0, lag: false })
    sim.run({ kind: 'connect' })
    sim.answerFirst('readAll', 'late')
    expect(sim.state.warm).toBe(false)
    sim.answerFirst('readAll', 'ok')
    expect(served(sim)).toEqual(truth(sim))
    expect(sim.state.entries.get(simId(0))?.container.labels).toEqual({ v: '1' })
  })

  it('reads by id, not drops, a container whose name a touched name no longer finds', () => {
    const sim = runningContainer()
    sim.run({ kind: 'mutate', mutation: 'create', slot: 0, arg: 0, lag: false })
    deliverAndReread(sim)
    // c0 becomes c2 (its event not yet seen); slot 2 is created as c0 and touched by name.
    sim.run({ kind: 'mutate', mutation: 'rename', slot: 0, arg: 2, lag: false })
    sim.events.length = 0
    sim.run({ kind: 'mutate', mutation: 'create', slot: 2, arg: 0, lag: false })
    sim.run({ kind: 'touch', slot: 2, byName: true })
    sim.run({ kind: 'listWaiting' })
    sim.answerFirst('reread', 'ok')
    expect(sim.state.entries.has(simId(0))).toBe(true)
    expect(served(sim)).toBeUndefined()
    sim.settle()
    expect(served(sim)).toEqual(truth(sim))
  })

  it('inspects again when an inspect failed, and serves nothing meanwhile', () => {
    const sim = runningContainer()
    sim.answerFirst('inspect', 'fail')
    expect(served(sim)).toBeUndefined()
    sim.fireAll('retryDue')
    sim.answerFirst('reread', 'ok')
    sim.answerFirst('inspect', 'ok')
    expect(served(sim)).toEqual(truth(sim))
  })

  it('believes inspect once the list has lagged through every re-read', () => {
    const sim = runningContainer()
    sim.answerFirst('inspect', 'ok')
    sim.run({ kind: 'mutate', mutation: 'stop', slot: 1, arg: 1, lag: true })
    deliverAndReread(sim)
    for (let tries = 0; tries < 6; tries++) {
      sim.answerFirst('inspect', 'ok')
      if (sim.timers.some((t) => t.input.type === 'recheckDue')) {
        sim.fireAll('recheckDue')
        sim.fireAll('flushDue')
        sim.answerFirst('reread', 'ok')
      }
    }
    // The list still says running; the container itself has exited.
    expect(sim.engine.list()[0]?.state).toBe('running')
    expect(served(sim)).toEqual(truth(sim))
  })

  it('reads what became due during a re-read without waiting for another event', () => {
    const sim = runningContainer()
    sim.run({ kind: 'touch', slot: 1, byName: false })
    sim.run({ kind: 'listWaiting' })
    sim.run({ kind: 'mutate', mutation: 'pause', slot: 1, arg: 0, lag: false })
    sim.run({ kind: 'deliverEvent' })
    sim.fireAll('flushDue')
    sim.answerFirst('reread', 'ok')
    expect(sim.requests.filter((r) => r.request.type === 'reread')).toHaveLength(1)
  })

  it('reads again a re-read that a full read overtook, since either may be the newer', () => {
    const sim = runningContainer()
    sim.answerFirst('inspect', 'ok')
    sim.run({ kind: 'touch', slot: 1, byName: false })
    sim.run({ kind: 'listWaiting' })
    // The re-read is out when the stream drops; the container changes unseen meanwhile.
    sim.run({ kind: 'disconnect' })
    sim.run({ kind: 'mutate', mutation: 'relabel', slot: 1, arg: 0, lag: false })
    sim.run({ kind: 'connect' })
    sim.answerFirst('readAll', 'ok')
    sim.answerFirst('reread', 'late')
    sim.settle()
    expect(served(sim)).toEqual(truth(sim))
    expect(sim.state.entries.get(simId(1))?.container.labels).toEqual({ v: '2' })
  })
})

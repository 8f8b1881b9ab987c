import { describe, expect, it } from 'vitest'
import { EngineTimeoutError } from './errors.ts'
import { RequestLimiter } from './request-limiter.ts'

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('RequestLimiter', () => {
  it('runs at most the cap at once and hands slots on in order', async () => {
    const limiter = new RequestLimiter(2)
    const gates = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const runs = gates.map((gate, i) =>
      limiter.run('call', new AbortController().signal, 1000, async () => {
        started.push(i)
        await gate.promise
      }),
    )
    await Promise.resolve()
    expect(started).toEqual([0, 1])
    expect(limiter.queued).toBe(1)

    gates[0]!.resolve()
    await runs[0]
    await Promise.resolve()
    expect(started).toEqual([0, 1, 2])
    gates[1]!.resolve()
    gates[2]!.resolve()
    await Promise.all(runs)
    expect(limiter.active).toBe(0)
  })

  it('refuses a queued call whose deadline passes, without running it', async () => {
    const limiter = new RequestLimiter(1)
    const gate = deferred()
    const first = limiter.run('first', new AbortController().signal, 1000, () => gate.promise)
    let ran = false

    const second = limiter.run('second', AbortSignal.timeout(20), 20, () => {
      ran = true
      return Promise.resolve()
    })

    await expect(second).rejects.toBeInstanceOf(EngineTimeoutError)
    expect(ran).toBe(false)
    gate.resolve()
    await first
    expect(limiter.active).toBe(0)
  })
  it('refuses at once a call already aborted when it would queue, and keeps the slot count', async () => {
    const limiter = new RequestLimiter(1)
    const gate = deferred()
    const first = limiter.run('first', new AbortController().signal, 1000, () => gate.promise)
    const aborted = new AbortController()
    aborted.abort(new Error('the browser went away'))
    let ran = false
    await expect(
      limiter.run('late', aborted.signal, 1000, () => {
        ran = true
        return Promise.resolve()
      }),
    ).rejects.toThrow('the browser went away')
    expect(ran).toBe(false)
    expect(limiter.queued).toBe(0)
    gate.resolve()
    await first
    expect(limiter.active).toBe(0)
  })
})

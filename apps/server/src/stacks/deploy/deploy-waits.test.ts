import type { StackStep } from '@harbormaster/contract'
import { EngineNotFoundError } from '@harbormaster/engine'
import { describe, expect, it } from 'vitest'
import { FakeEngine } from '../../../test/fake-engine.ts'
import { COMPOSE } from '../compose-labels.ts'
import { waitFor } from './deploy-waits.ts'
import type { Operation } from '../operations/stack-operations.ts'

/** A fake engine with one container of service `db` in project `p`, in the state given. */
function engineWithDb() {
  const fake = new FakeEngine()
  const db = fake.addContainer({
    name: 'p-db-1',
    labels: { [COMPOSE.project]: 'p', [COMPOSE.service]: 'db', [COMPOSE.oneoff]: 'False' },
  })
  // The fake lists by id and name only: the wait's label filter is the engine's business.
  fake.implement('containers', 'list', () => Promise.resolve([db]))
  const op: Operation = {
    engine: fake.engine,
    signal: new AbortController().signal,
    touch: () => undefined,
    changes: 0,
  }
  return { fake, op }
}

function waitOn(op: Operation, timeoutMs: number) {
  const lines: StackStep[] = []
  const waited = waitFor(
    op,
    'p',
    { service: 'db', condition: 'service_healthy' },
    { role: 'operator' },
    (line) => lines.push(line),
    { timeoutMs },
  )
  return { waited, lines }
}

describe('waitFor (the engine faked: what the wait does with its answers)', () => {
  it('fails, naming the container, when the dependency is removed while it is waited for', async () => {
    const { fake, op } = engineWithDb()
    fake.implement('containers', 'inspect', (ref) =>
      Promise.reject(new EngineNotFoundError(404, `No such container: ${ref}`)),
    )
    const { waited, lines } = waitOn(op, 60_000)

    await expect(waited).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'dependency failed to start: container p-db-1 was removed',
    })
    expect(lines.map((line) => [line.action, line.state, line.message])).toEqual([
      ['wait-healthy', 'started', undefined],
      ['wait-healthy', 'failed', 'dependency failed to start: container p-db-1 was removed'],
    ])
  })

  it('fails a dependency still starting once the limit has passed, saying which limit', async () => {
    const { fake, op } = engineWithDb()
    const details = await fake.engine.containers.inspect('p-db-1')
    fake.implement('containers', 'inspect', () =>
      Promise.resolve({
        ...details,
        state: { ...details.state, health: { status: 'starting', failingStreak: 0 } },
      }),
    )
    const { waited } = waitOn(op, 0)

    await expect(waited).rejects.toMatchObject({
      message:
        'dependency failed to start: container p-db-1 is still starting after 0 s ' +
        '(HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS)',
    })
  })
})

import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  doneOf,
  labelsYaml,
  projectObjects,
  startUp,
  storeStack,
} from '../../../test/stack-deploy.ts'

const h = startHarness()

describe('operations on a stack while a deploy of it runs', () => {
  it('refuses down, start, stop, restart, pull, scale and removal (409) until the deploy ends', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('busy')
    // db is healthy once /tmp/ready exists, which the test makes after the refusals: the deploy
    // waits on that condition, never on a time.
    await storeStack(
      operator,
      name,
      `
services:
  db:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 200ms
      retries: 100000
    labels: ${labelsYaml(h)}
  app:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    depends_on:
      db: { condition: service_healthy }
    labels: ${labelsYaml(h)}
networks:
  default:
    labels: ${labelsYaml(h)}
`,
    )
    const deploy = await startUp(h, operator, name)
    expect(deploy.status).toBe(200)
    await deploy.until('"wait-healthy"')

    const running = new RegExp(`A deploy of stack ${name} is running`)
    for (const operation of ['down', 'start', 'stop', 'restart', 'pull']) {
      await expectApiError(
        await operator.post(`${STACKS}/${name}/${operation}`, {}),
        409,
        'conflict',
        running,
      )
    }
    await expectApiError(
      await operator.post(`${STACKS}/${name}/scale`, { service: 'db', replicas: 2 }),
      409,
      'conflict',
      running,
    )
    await expectApiError(await operator.delete(`${STACKS}/${name}`), 409, 'conflict', running)
    // Nothing was stopped or removed under the deploy.
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-db-1`])

    await docker(h.dockerHost, ['exec', `${name}-db-1`, 'touch', '/tmp/ready'])
    const lines = await deploy.rest()
    expect(doneOf(lines), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-app-1`, `${name}-db-1`])

    // The claim ended with the deploy: a down is carried out, and holds the stack while it runs.
    const down = await startUp(h, operator, name, 'down', { volumes: false })
    expect(down.status).toBe(200)
    expect(doneOf(await down.rest())).toMatchObject({ type: 'done' })
    expect(await projectObjects(h, 'container', name)).toEqual([])
  })

  it('refuses a deploy while a down of the stack runs', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('downing')
    // A container that ignores SIGTERM keeps the down in its stop until the engine's timeout.
    await storeStack(
      operator,
      name,
      `
services:
  slow:
    image: ${h.fixtureImage}
    command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]
    stop_grace_period: 1h
    labels: ${labelsYaml(h)}
networks:
  default:
    labels: ${labelsYaml(h)}
`,
    )
    const deployed = await startUp(h, operator, name)
    expect(doneOf(await deployed.rest())).toMatchObject({ type: 'done' })

    const down = await startUp(h, operator, name, 'down', { volumes: false })
    await down.until('"action":"stop"')
    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      409,
      'conflict',
      new RegExp(`A down of stack ${name} is running`),
    )
    // Ends the stop the down waits on; the down then removes the container and lets go.
    await docker(h.dockerHost, ['kill', `${name}-slow-1`])
    expect(doneOf(await down.rest())).toMatchObject({ type: 'done' })
    const again = await startUp(h, operator, name)
    expect(doneOf(await again.rest())).toMatchObject({ type: 'done' })
    await docker(h.dockerHost, ['kill', `${name}-slow-1`])
    const last = await startUp(h, operator, name, 'down', { volumes: false })
    expect(doneOf(await last.rest())).toMatchObject({ type: 'done' })
  })
})

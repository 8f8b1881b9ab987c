import { describe, expect, it } from 'vitest'
import { stackLines, stepsIn } from '../../../test/cli-project.ts'
import { startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  labelsYaml,
  projectObjects,
  storeStack,
  up,
} from '../../../test/stack-deploy.ts'

const h = startHarness()

/** A stack whose `app` waits on `dep` (given as its YAML body) for `condition`. */
function waitingOn(dep: string, condition: string) {
  return `
services:
  dep:
    image: ${h.fixtureImage}
${dep}
    labels: ${labelsYaml(h)}
  app:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    depends_on:
      dep: { condition: ${condition} }
    labels: ${labelsYaml(h)}
networks:
  default:
    labels: ${labelsYaml(h)}
`
}

/** Down with volumes, so the stack's network does not hold one of the engine's address pools. */
async function takeDown(name: string) {
  const operator = await h.as('operator')
  const res = await operator.post(`${STACKS}/${name}/down`, { volumes: true })
  expect((await stackLines(res)).at(-1)).toMatchObject({ type: 'done' })
}

describe('waits on a dependency end when it never can be met', () => {
  it('fails service_completed_successfully on a non-zero exit, naming the service and the code', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('migrate')
    await storeStack(
      operator,
      name,
      waitingOn('    command: ["sh", "-c", "exit 3"]', 'service_completed_successfully'),
    )

    const lines = await up(operator, name)

    expect(stepsIn(lines, 'failed')).toEqual([`wait-completed ${name}-dep-1`])
    expect(lines.at(-1)?.error).toEqual({
      code: 'conflict',
      message: "service dep didn't complete successfully: exit 3",
    })
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-dep-1`])
    await takeDown(name)
  })

  it('fails service_healthy when the dependency exits before it is healthy', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('gone')
    await storeStack(
      operator,
      name,
      waitingOn(
        [
          '    command: ["sh", "-c", "exit 7"]',
          '    healthcheck:',
          '      test: ["CMD", "true"]',
          '      interval: 1h',
        ].join('\n'),
        'service_healthy',
      ),
    )

    const lines = await up(operator, name)

    expect(lines.at(-1)?.error?.message).toBe(
      `dependency failed to start: container ${name}-dep-1 exited (7)`,
    )
    await takeDown(name)
  })
})

import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { stepsIn } from '../../test/cli-project.ts'
import { startHarness } from '../../test/harness.ts'
import {
  QUICK_STOP,
  labelsYaml,
  projectObjects,
  startUp,
  storeStack,
  up,
} from '../../test/stack-deploy.ts'

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
  })

  it('fails service_healthy when the dependency is removed while it is waited for', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('removed')
    // Never healthy and never unhealthy: it fails its check, with retries that never run out.
    await storeStack(
      operator,
      name,
      waitingOn(
        [
          `    command: ${QUICK_STOP}`,
          '    healthcheck:',
          '      test: ["CMD", "false"]',
          '      interval: 1h',
          '      retries: 1000000',
        ].join('\n'),
        'service_healthy',
      ),
    )
    const deploy = await startUp(h, operator, name)
    await deploy.until('"wait-healthy"')

    await docker(h.dockerHost, ['rm', '-f', `${name}-dep-1`])

    const lines = await deploy.rest()
    expect(stepsIn(lines, 'failed')).toEqual([`wait-healthy ${name}-dep-1`])
    expect(lines.at(-1)?.error?.message).toBe(
      `dependency failed to start: container ${name}-dep-1 was removed`,
    )
  })
})

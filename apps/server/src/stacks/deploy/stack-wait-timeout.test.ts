import { describe, expect, it } from 'vitest'
import { stackLines, stepsIn } from '../../../test/cli-project.ts'
import { startHarness } from '../../../test/harness.ts'
import { QUICK_STOP, STACKS, labelsYaml, storeStack, up } from '../../../test/stack-deploy.ts'

// A server whose waits give up after a second: the limit is the subject here.
const h = startHarness({ env: { HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS: '1' } })

describe('the bound on a wait', () => {
  it('fails a dependency that stays starting past HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('forever')
    // The first check is due in an hour: health stays `starting` for as long as anyone waits.
    await storeStack(
      operator,
      name,
      `
services:
  db:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    healthcheck:
      test: ["CMD", "true"]
      interval: 1h
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

    const lines = await up(operator, name)

    expect(stepsIn(lines, 'failed')).toEqual([`wait-healthy ${name}-db-1`])
    expect(lines.at(-1)?.error?.message).toBe(
      `dependency failed to start: container ${name}-db-1 is still starting after 1 s ` +
        '(HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS)',
    )
    const down = await operator.post(`${STACKS}/${name}/down`, { volumes: true })
    expect((await stackLines(down)).at(-1)).toMatchObject({ type: 'done' })
  })
})

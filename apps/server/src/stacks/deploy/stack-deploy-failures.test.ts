import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { stackLines, stepsIn } from '../../../test/cli-project.ts'
import { expectApiError, startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  doneOf,
  inspect,
  labelsYaml,
  projectObjects,
  saveStack,
  startUp,
  storeStack,
  up,
} from '../../../test/stack-deploy.ts'

const h = startHarness()
const cli = h.dockerHost

describe('a deploy that fails mid-way', () => {
  it('ends with the engine’s message, keeps what it made labelled, and converges once fixed', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('fail')
    const service = (svc: string, image: string) => `
  ${svc}:
    image: ${image}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}`
    const file = (third: string) => `
services:${service('a', h.fixtureImage)}${service('b', h.fixtureImage)}${service('c', third)}
networks:
  default:
    labels: ${labelsYaml(h)}
`
    await storeStack(
      operator,
      name,
      file(h.fixtureImage).replace(/\n {2}c:[\s\S]*?(?=\nnetworks)/, ''),
    )
    expect(doneOf(await up(operator, name))).toMatchObject({ type: 'done' })
    const ids = [
      await inspect(h, `${name}-a-1`, '{{.Id}}'),
      await inspect(h, `${name}-b-1`, '{{.Id}}'),
    ]
    // A registry that refuses connections: the pull fails at once, with no network.
    const missing = `127.0.0.1:1/${h.uniqueName('nope')}:1`
    await saveStack(operator, name, file(missing), 1)

    const failed = await up(operator, name)

    expect(stepsIn(failed, 'failed')).toEqual([`pull ${missing}`])
    expect(failed.at(-1)?.error?.message).toMatch(/127\.0\.0\.1:1/)
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-a-1`, `${name}-b-1`])
    expect(
      await inspect(
        h,
        `${name}-a-1`,
        `{{index .Config.Labels "${Object.keys(h.labels)[0] ?? ''}"}}`,
      ),
    ).toBe(Object.values(h.labels)[0])
    await saveStack(operator, name, file(h.fixtureImage), 2)
    const fixed = await up(operator, name)
    expect(stepsIn(fixed, 'done').filter((s) => !s.startsWith('wait'))).toEqual([
      `create ${name}-c-1`,
      `start ${name}-c-1`,
    ])
    expect([
      await inspect(h, `${name}-a-1`, '{{.Id}}'),
      await inspect(h, `${name}-b-1`, '{{.Id}}'),
    ]).toEqual(ids)
    expect(doneOf(await up(operator, name))).toEqual({ type: 'done', changes: 0 })
  })

  it('stops at a dependency that never becomes healthy, with the engine’s state', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('sick')
    await storeStack(
      operator,
      name,
      `
services:
  db:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      retries: 1
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
      `dependency failed to start: container ${name}-db-1 is unhealthy`,
    )
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-db-1`])
  })
})

describe('a redeploy', () => {
  it('recreates only the services whose image id changed', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('redeploy')
    const image = `${h.uniqueName('moving')}:1`
    const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)[0] ?? ''
    await docker(cli, ['tag', h.fixtureImage, image])
    const service = (svc: string, ref: string) => `
  ${svc}:
    image: ${ref}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}`
    await storeStack(
      operator,
      name,
      `services:${service('moved', image)}${service('still', h.fixtureImage)}\nnetworks:\n  default:\n    labels: ${labelsYaml(h)}\n`,
    )
    try {
      await up(operator, name)
      const still = await inspect(h, `${name}-still-1`, '{{.Id}}')
      // The tag now names another image, as a pull of a new digest would leave it.
      await docker(cli, ['commit', '--change', `LABEL ${label}`, `${name}-still-1`, image])

      const lines = await up(operator, name)

      expect(stepsIn(lines, 'done')).toEqual([`recreate ${name}-moved-1`, `start ${name}-moved-1`])
      expect(await inspect(h, `${name}-still-1`, '{{.Id}}')).toBe(still)
      const newId = (
        await docker(cli, ['image', 'inspect', '--format', '{{.Id}}', image])
      ).stdout.trim()
      expect(await inspect(h, `${name}-moved-1`, '{{.Image}}')).toBe(newId)
    } finally {
      await stackLines(await operator.post(`${STACKS}/${name}/down`, {}))
      await docker(cli, ['rmi', '-f', image])
    }
  })
})

describe('an up whose client goes away', () => {
  it('stops: nothing more is created, and the audit says the client left', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('leave')
    // The database's first health check comes after an hour: the app waits on it until we leave.
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
    const controller = new AbortController()
    const res = await fetch(`${h.url}${STACKS}/${name}/up`, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        Origin: operator.origin,
        Cookie: operator.cookie ?? '',
        'Content-Type': 'application/json',
      },
      body: '{}',
    })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (!text.includes('"wait-healthy"'))
      text += new TextDecoder().decode((await reader.read()).value)

    controller.abort()

    const admin = await h.as('admin')
    await expect
      .poll(async () => {
        const audit = await admin.get('/api/audit?action=stack.up')
        return ((await audit.json()) as { entries: { target: string; status: number }[] }).entries
      })
      .toContainEqual(expect.objectContaining({ target: name, status: 499 }))
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-db-1`])
  })
})

describe('two deploys of one stack at once', () => {
  it('refuses the second (409) while the first runs, and takes one again once it has ended', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('twice')
    // The first up waits on a health check due in an hour, until its client leaves.
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
    const first = await startUp(h, operator, name)
    await first.until('"wait-healthy"')

    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      409,
      'conflict',
      new RegExp(`A deploy of stack ${name} is running`),
    )
    await expectApiError(
      await operator.post(`${STACKS}/${name}/scale`, { service: 'app', replicas: 2 }),
      409,
      'conflict',
    )
    first.leave()

    await expect
      .poll(async () => {
        const again = await startUp(h, operator, name)
        again.leave()
        return again.status
      })
      .toBe(200)
  })
})

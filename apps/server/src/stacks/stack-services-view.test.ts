import type { StackDetails } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { stackLines } from '../../test/cli-project.ts'
import { startHarness } from '../../test/harness.ts'
import { QUICK_STOP, STACKS, doneOf, labelsYaml, storeStack, up } from '../../test/stack-deploy.ts'

// A managed stack's services come from its file as well as its containers: a service with no
// container (scaled to 0, or not deployed yet) is still listed, with the count the file asks for.
const h = startHarness()

const compose = () => `
services:
  web:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}
  worker:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    deploy:
      replicas: 2
    labels: ${labelsYaml(h)}
networks:
  default:
    labels: ${labelsYaml(h)}
`

/** Each service as [name, the file's count, containers, image]. */
async function servicesOf(name: string) {
  const viewer = await h.as('viewer')
  const res = await viewer.get(`${STACKS}/${name}`)
  expect(res.status, await res.clone().text()).toBe(200)
  const details = (await res.json()) as StackDetails
  return details.services.map((s) => [s.name, s.replicas, s.containers.length, s.image])
}

describe('the services of a managed stack', () => {
  it('lists the saved file’s services, with no container, before the first deploy', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('undeployed')
    await storeStack(operator, name, compose())

    expect(await servicesOf(name)).toEqual([
      ['web', 1, 0, h.fixtureImage],
      ['worker', 2, 0, h.fixtureImage],
    ])
  })

  it('keeps a service scaled to 0 listed, with the file’s count and no container', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('scaled')
    await storeStack(operator, name, compose())
    expect(doneOf(await up(operator, name))).toBeDefined()
    await expect
      .poll(() => servicesOf(name))
      .toEqual([
        ['web', 1, 1, h.fixtureImage],
        ['worker', 2, 2, h.fixtureImage],
      ])

    const scaled = await stackLines(
      await operator.post(`${STACKS}/${name}/scale`, { service: 'worker', replicas: 0 }),
    )

    expect(doneOf(scaled), JSON.stringify(scaled)).toBeDefined()
    await expect
      .poll(() => servicesOf(name))
      .toEqual([
        ['web', 1, 1, h.fixtureImage],
        ['worker', 2, 0, h.fixtureImage],
      ])
  })
})

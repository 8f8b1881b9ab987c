import { MASKED_ENV_VALUE } from '@harbormaster/contract'
import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { type SwarmHost, registerSwarmHost } from '../../test/swarm-services.ts'

const h = startHarness()
let sh: SwarmHost

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'svcenv')
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
})

describe('a service environment shown masked and sent back', () => {
  it('keeps the secret value when an operator echoes the masked list with a change', async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const name = h.uniqueName('env')
    const created = await admin.post(`${sh.swarm}/services`, {
      name,
      image: sh.cluster.fixtureImage,
      command: ['sleep', '3600'],
      env: ['PLAIN=1', 'DB_PASSWORD=s3cret'],
      labels: h.labels,
      mode: { replicated: 0 },
    })
    expect(created.status, await created.clone().text()).toBe(201)

    const shown = (await (await operator.get(`${sh.swarm}/services/${name}`)).json()) as {
      settings: { env: string[] }
      maskedEnv: string[]
    }
    expect(shown.maskedEnv).toEqual(['DB_PASSWORD'])
    expect(shown.settings.env).toContain(`DB_PASSWORD=${MASKED_ENV_VALUE}`)

    const env = shown.settings.env.map((e) => (e === 'PLAIN=1' ? 'PLAIN=2' : e))
    const patched = await operator.patch(`${sh.swarm}/services/${name}`, { env })
    expect(patched.status, await patched.clone().text()).toBe(200)

    const { stdout } = await docker(sh.leader.dockerHost, [
      ...['service', 'inspect', name],
      ...['--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}'],
    ])
    expect(JSON.parse(stdout) as string[]).toEqual(['PLAIN=2', 'DB_PASSWORD=s3cret'])
  })
})

import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { type SwarmHost, registerSwarmHost, runningTasks } from '../../test/swarm-services.ts'

const h = startHarness()
let sh: SwarmHost
const unhealthy = `hm-unhealthy-${h.runId.slice(-6)}:1`

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'svcroll')
  // The fixture image with a health check that always fails, on every node (no registry here).
  const dockerfile = [
    `FROM ${sh.cluster.fixtureImage}`,
    'HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD false',
  ].join('\n')
  const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)[0] ?? ''
  await Promise.all(
    sh.cluster.nodes.map((node) =>
      docker(node.dockerHost, ['build', '-q', '--label', label, '-t', unhealthy, '-'], {
        input: dockerfile,
        env: { DOCKER_BUILDKIT: '0' },
      }),
    ),
  )
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
  await Promise.all(
    (sh?.cluster.nodes ?? []).map((node) =>
      docker(node.dockerHost, ['image', 'rm', '-f', unhealthy]).catch(() => undefined),
    ),
  )
})

const poll = { timeout: scaled(120_000), interval: 500 }

interface Details {
  settings: { image: string }
  updateStatus?: { state: string; message?: string }
}

describe('rolling updates and secrets on a three-engine swarm', () => {
  it('rolls an update to an unhealthy image back, and says so in UpdateStatus', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('rollout')
    const created = await operator.post(`${sh.swarm}/services`, {
      name,
      image: sh.cluster.fixtureImage,
      command: ['sleep', '3600'],
      labels: h.labels,
      containerLabels: h.labels,
      mode: { replicated: 2 },
      updateConfig: {
        parallelism: 1,
        failureAction: 'rollback',
        monitorNs: 5_000_000_000,
        maxFailureRatio: 0,
      },
      rollbackConfig: { parallelism: 0, monitorNs: 100_000_000 },
      stopGracePeriodNs: 1_000_000_000,
    })
    expect(created.status, await created.clone().text()).toBe(201)
    await expect
      .poll(async () => (await runningTasks(operator, sh.swarm, name)).length, poll)
      .toBe(2)

    const updated = await operator.patch(`${sh.swarm}/services/${name}`, { image: unhealthy })
    expect(updated.status, await updated.clone().text()).toBe(200)
    const details = async () =>
      (await (await operator.get(`${sh.swarm}/services/${name}`)).json()) as Details
    await expect
      .poll(async () => (await details()).updateStatus?.state, poll)
      .toBe('rollback_completed')
    const after = await details()
    expect(after.settings.image).toBe(sh.cluster.fixtureImage)
    expect(after.updateStatus?.message).toMatch(/rollback/i)
  })

  it('puts a secret in the task’s container at /run/secrets/x and in no API answer', async () => {
    const operator = await h.as('operator')
    const value = `s3cr3t-${h.runId}`
    const secretName = h.uniqueName('secret')
    const answers: string[] = []
    const keep = async (res: Response) => {
      const text = await res.clone().text()
      answers.push(text)
      return res
    }
    const made = await keep(
      await operator.post(`${sh.swarm}/secrets`, { name: secretName, labels: h.labels, value }),
    )
    expect(made.status, await made.clone().text()).toBe(201)
    const name = h.uniqueName('withsecret')
    const created = await keep(
      await operator.post(`${sh.swarm}/services`, {
        name,
        image: sh.cluster.fixtureImage,
        command: ['sleep', '3600'],
        labels: h.labels,
        containerLabels: h.labels,
        secrets: [{ name: secretName, target: 'x' }],
        stopGracePeriodNs: 1_000_000_000,
      }),
    )
    expect(created.status, await created.clone().text()).toBe(201)
    await expect
      .poll(async () => (await runningTasks(operator, sh.swarm, name)).length, poll)
      .toBe(1)
    const [task] = await runningTasks(operator, sh.swarm, name)
    const node = sh.cluster.nodes.find((n) => n.nodeId === task?.nodeId)
    expect(node, `task on ${task?.nodeId ?? 'no node'}`).toBeDefined()
    const read = await docker(node?.dockerHost ?? '', [
      'exec',
      task?.containerId ?? '',
      'cat',
      '/run/secrets/x',
    ])
    expect(read.stdout).toBe(value)

    const admin = await h.as('admin')
    for (const client of [operator, admin]) {
      for (const path of [
        '/secrets',
        '/services',
        `/services/${name}`,
        `/tasks?service=${name}`,
        '/configs',
      ]) {
        const res = await keep(await client.get(`${sh.swarm}${path}`))
        expect(res.status, path).toBe(200)
      }
    }
    const audit = await keep(await admin.get('/api/audit?limit=200'))
    expect(audit.status).toBe(200)
    const base64 = Buffer.from(value).toString('base64')
    for (const text of answers) {
      expect(text).not.toContain(value)
      expect(text).not.toContain(base64)
    }
  })
})

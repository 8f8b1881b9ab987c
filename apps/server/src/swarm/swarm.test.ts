import {
  type PrivateEngine,
  docker,
  ensureFixtureImages,
  startPrivateEngine,
  scaled,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()

describe('swarm views on a host that is not a manager', () => {
  const swarm = '/api/hosts/local/swarm'

  it('says so, and answers the engine’s 503 in our envelope on every view', async () => {
    const viewer = await h.as('viewer')

    const status = await viewer.get(swarm)
    const views = await Promise.all(
      ['services', 'tasks', 'nodes', 'secrets', 'configs', 'services/web/logs'].map((view) =>
        viewer.get(`${swarm}/${view}`),
      ),
    )

    expect(await status.json()).toEqual({ manager: false })
    for (const res of views) await expectApiError(res, 503, 'engine_error', /swarm manager/)
  })
})

describe('swarm views on a manager (a private engine, swarm initialised)', () => {
  let engine: PrivateEngine
  const hostId = `swarm-${h.runId.slice(-6)}`
  const swarm = `/api/hosts/${hostId}/swarm`
  const service = h.uniqueName('svc')
  const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])

  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'swarm' })
    await ensureFixtureImages(engine.dockerHost)
    await docker(engine.dockerHost, ['swarm', 'init', '--advertise-addr', '127.0.0.1'])
    await docker(engine.dockerHost, ['secret', 'create', ...labelArgs(), 'db-password', '-'], {
      input: 'never-shown',
    })
    await docker(engine.dockerHost, ['config', 'create', ...labelArgs(), 'app-config', '-'], {
      input: 'config-body-never-shown',
    })
    await docker(engine.dockerHost, [
      'service',
      'create',
      '--detach',
      '--name',
      service,
      ...labelArgs(),
      '--restart-condition',
      'none',
      h.fixtureImage,
      'sh',
      '-c',
      'echo hello-from-svc; echo oops >&2; sleep 600',
    ])
    const admin = await h.as('admin')
    const added = await admin.post('/api/hosts', {
      id: hostId,
      name: 'swarm manager',
      address: engine.dockerHost,
    })
    expect(added.status, await added.clone().text()).toBe(201)
  }, scaled(180_000))

  afterAll(async () => {
    await engine?.stop()
  })

  it('lists services, tasks, nodes, and secret and config metadata only', async () => {
    const viewer = await h.as('viewer')

    const status = await viewer.get(swarm)
    const services = (await (await viewer.get(`${swarm}/services`)).json()) as { id: string }[]
    const nodes = await viewer.get(`${swarm}/nodes`)
    const secrets = await viewer.get(`${swarm}/secrets`)
    const configs = await viewer.get(`${swarm}/configs`)

    expect(await status.json()).toEqual({ manager: true })
    expect(services).toEqual([
      expect.objectContaining({ name: service, mode: 'replicated', replicas: 1, labels: h.labels }),
    ])
    const serviceId = services[0]?.id ?? ''
    await expect
      .poll(async () => (await viewer.get(`${swarm}/tasks?service=${service}`)).json(), {
        timeout: scaled(60_000),
      })
      .toEqual([expect.objectContaining({ serviceId, state: 'running' })])
    expect(await nodes.json()).toEqual([
      expect.objectContaining({ role: 'manager', leader: true, state: 'ready' }),
    ])
    const secretText = await secrets.text()
    expect(JSON.parse(secretText)).toEqual([
      expect.objectContaining({ name: 'db-password', labels: h.labels }),
    ])
    expect(secretText).not.toContain('never-shown')
    const configText = await configs.text()
    expect(JSON.parse(configText)).toEqual([expect.objectContaining({ name: 'app-config' })])
    expect(configText).not.toContain('config-body-never-shown')
    expect(configText).not.toContain(Buffer.from('config-body-never-shown').toString('base64'))
  })

  it('streams a service’s log lines as NDJSON, by stream', async () => {
    const viewer = await h.as('viewer')
    const read = async () => {
      const res = await viewer.get(`${swarm}/services/${service}/logs?tail=50`)
      expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
      return (await res.text())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown)
    }

    await expect.poll(read, { timeout: scaled(60_000), interval: 500 }).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', line: 'hello-from-svc' },
        { stream: 'stderr', line: 'oops' },
      ]),
    )
    const stamped = await viewer.get(`${swarm}/services/${service}/logs?timestamps=true`)
    expect(await stamped.text()).toMatch(/"line":"\d{4}-\d\d-\d\dT[^"]+ hello-from-svc"/)
    await expectApiError(
      await viewer.get(`${swarm}/services/hm-no-such-service/logs`),
      404,
      'not_found',
      /No such service/,
    )
  })
})

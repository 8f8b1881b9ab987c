import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker, testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultyEngineProxy } from '../../../test/faulty-engine-proxy.ts'
import { stackLines, stepsIn } from '../../../test/cli-project.ts'
import { startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  doneOf,
  inspect,
  labelsYaml,
  projectObjects,
  saveStack,
  storeStack,
  up,
} from '../../../test/stack-deploy.ts'

// Every engine request the server sends goes through a proxy that records it, so "no mutating
// call" is counted outside the server, not taken from its own `done.changes`.
const dir = mkdtempSync(join(tmpdir(), 'hm-stack-deploy-'))
let proxy: Awaited<ReturnType<typeof startFaultyEngineProxy>>
beforeAll(async () => {
  proxy = await startFaultyEngineProxy(join(dir, 'engine.sock'), testEngine().socketPath)
})
afterAll(async () => {
  await proxy.close()
  rmSync(dir, { recursive: true, force: true })
})
const h = startHarness({ dockerHost: () => proxy.dockerHost })
const cli = testEngine().dockerHost

/** Requests other than reads since `from` (an index into the proxy's record). */
const mutatingSince = (from: number) =>
  proxy.seen.slice(from).filter((request) => !/^(GET|HEAD) /.test(request))

const composeOf = (greeting: string) => `
services:
  web:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    environment:
      GREETING: ${greeting}
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      retries: 3
    ports: ["80"]
    volumes:
      - data:/data
    networks:
      back:
        aliases: [www]
    labels: ${labelsYaml(h)}
  worker:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    depends_on:
      web: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
    networks: [back]
    labels: ${labelsYaml(h)}
  migrate:
    image: ${h.fixtureImage}
    command: ["sh", "-c", "echo migrated > /data/done"]
    volumes: [data:/data]
    networks: [back]
    labels: ${labelsYaml(h)}
networks:
  back:
    labels: ${labelsYaml(h)}
volumes:
  data:
    labels: ${labelsYaml(h)}
`

describe('a stack deployed from its file, against a real engine', () => {
  const name = h.uniqueName('shop')
  const container = (service: string, n = 1) => `${name}-${service}-${n}`
  const idOf = (service: string, n = 1) => inspect(h, container(service, n), '{{.Id}}')

  it('creates every object with compose’s names, labels, mounts, aliases and ports, in dependency order', async () => {
    const operator = await h.as('operator')
    await storeStack(operator, name, composeOf('hello'))

    const lines = await up(operator, name)

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    expect(doneOf(lines)?.changes).toBeGreaterThan(0)
    expect(await projectObjects(h, 'container', name)).toEqual(
      ['migrate', 'web', 'worker'].map((s) => container(s)),
    )
    expect(await projectObjects(h, 'network', name)).toEqual([`${name}_back`])
    expect(await projectObjects(h, 'volume', name)).toEqual([`${name}_data`])
    const imageId = (
      await docker(cli, ['image', 'inspect', '--format', '{{.Id}}', h.fixtureImage])
    ).stdout.trim()
    const labels = JSON.parse(
      await inspect(h, container('worker'), '{{json .Config.Labels}}'),
    ) as Record<string, string>
    expect(labels).toMatchObject({
      ...h.labels,
      'com.docker.compose.project': name,
      'com.docker.compose.service': 'worker',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.depends_on':
        'migrate:service_completed_successfully:false,web:service_healthy:false',
      'com.docker.compose.image': imageId,
      'com.docker.compose.version': '2.24.0',
    })
    expect(labels['com.docker.compose.config-hash']).toMatch(/^[0-9a-f]{64}$/)
    expect(labels['com.docker.compose.project.working_dir']).toMatch(
      new RegExp(`/stacks/local/${name}$`),
    )
    expect(labels['com.docker.compose.project.config_files']).toMatch(
      new RegExp(`/stacks/local/${name}/compose.yaml$`),
    )
    expect(
      await inspect(h, `${name}_back`, '{{index .Labels "com.docker.compose.network"}}', 'network'),
    ).toBe('back')
    expect(
      await inspect(h, `${name}_data`, '{{index .Labels "com.docker.compose.volume"}}', 'volume'),
    ).toBe('data')
    expect(
      await inspect(
        h,
        container('web'),
        '{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}}{{end}}',
      ),
    ).toBe(`volume ${name}_data /data`)
    const aliases = await inspect(
      h,
      container('web'),
      `{{json (index .NetworkSettings.Networks "${name}_back").Aliases}}`,
    )
    expect(JSON.parse(aliases)).toEqual(expect.arrayContaining(['web', 'www']))
    expect(await inspect(h, container('web'), '{{json .NetworkSettings.Ports}}')).toMatch(
      /"80\/tcp":\[\{"HostIp":"0\.0\.0\.0","HostPort":"\d+"/,
    )
    expect(await inspect(h, container('migrate'), '{{.State.Status}} {{.State.ExitCode}}')).toBe(
      'exited 0',
    )
    // The worker waited for the web to be healthy and the migration to finish.
    const [webStarted, migrateFinished, workerStarted] = await Promise.all([
      inspect(h, container('web'), '{{.State.StartedAt}}'),
      inspect(h, container('migrate'), '{{.State.FinishedAt}}'),
      inspect(h, container('worker'), '{{.State.StartedAt}}'),
    ])
    expect(Date.parse(workerStarted)).toBeGreaterThan(Date.parse(webStarted))
    expect(Date.parse(workerStarted)).toBeGreaterThanOrEqual(Date.parse(migrateFinished))
    expect(stepsIn(lines, 'done')).toEqual(
      expect.arrayContaining([
        `wait-healthy ${container('web')}`,
        `wait-completed ${container('migrate')}`,
      ]),
    )
  })

  it('makes no mutating engine call on a second up of the unchanged file', async () => {
    const operator = await h.as('operator')
    const from = proxy.seen.length

    const lines = await up(operator, name)

    expect(doneOf(lines), JSON.stringify(lines)).toEqual({ type: 'done', changes: 0 })
    expect(mutatingSince(from)).toEqual([])
  })

  it('recreates only the service whose environment changed; the others keep their ids', async () => {
    const operator = await h.as('operator')
    const before = {
      web: await idOf('web'),
      worker: await idOf('worker'),
      migrate: await idOf('migrate'),
    }
    await saveStack(operator, name, composeOf('bonjour'), 1)

    const lines = await up(operator, name)

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    expect(stepsIn(lines, 'done').filter((s) => !s.startsWith('wait'))).toEqual([
      `recreate ${container('web')}`,
      `start ${container('web')}`,
    ])
    expect(await idOf('web')).not.toBe(before.web)
    expect(await idOf('worker')).toBe(before.worker)
    expect(await idOf('migrate')).toBe(before.migrate)
    expect(await inspect(h, container('web'), '{{json .Config.Env}}')).toContain('GREETING=bonjour')
    const list = await operator.get(`${STACKS}/${name}`)
    expect(await list.json()).toMatchObject({ deployed: { version: 2 } })
  })

  it('scales a service to 3 and back to 1, highest numbers removed first', async () => {
    const operator = await h.as('operator')

    const upTo3 = await stackLines(
      await operator.post(`${STACKS}/${name}/scale`, { service: 'worker', replicas: 3 }),
    )
    expect(await projectObjects(h, 'container', name)).toContain(container('worker', 3))
    const downTo1 = await stackLines(
      await operator.post(`${STACKS}/${name}/scale`, { service: 'worker', replicas: 1 }),
    )

    expect(stepsIn(upTo3, 'done').filter((s) => s.startsWith('create'))).toEqual([
      `create ${container('worker', 2)}`,
      `create ${container('worker', 3)}`,
    ])
    expect(stepsIn(downTo1, 'done')).toEqual([
      `remove ${container('worker', 3)}`,
      `remove ${container('worker', 2)}`,
    ])
    expect(await projectObjects(h, 'container', name)).toEqual(
      ['migrate', 'web', 'worker'].map((s) => container(s)),
    )
  })

  it('takes down with volumes everything the stack made, and nothing else', async () => {
    const operator = await h.as('operator')
    const bystander = h.uniqueName('bystander')
    await docker(cli, [
      'volume',
      'create',
      '--label',
      `${Object.keys(h.labels)[0]}=${Object.values(h.labels)[0]}`,
      bystander,
    ])

    const lines = await stackLines(await operator.post(`${STACKS}/${name}/down`, { volumes: true }))

    expect(lines.at(-1)).toMatchObject({ type: 'done' })
    expect(await projectObjects(h, 'container', name)).toEqual([])
    expect(await projectObjects(h, 'network', name)).toEqual([])
    expect(await projectObjects(h, 'volume', name)).toEqual([])
    expect(
      (await docker(cli, ['volume', 'inspect', '--format', '{{.Name}}', bystander])).stdout.trim(),
    ).toBe(bystander)
  })
})

describe('POST /stacks/:name/up, refused', () => {
  it('is a 404 for a stack that is not stored', async () => {
    const operator = await h.as('operator')
    const res = await operator.post(`${STACKS}/${h.uniqueName('none')}/up`, {})
    expect(res.status).toBe(404)
  })

  it('refuses a viewer', async () => {
    const viewer = await h.as('viewer')
    const res = await viewer.post(`${STACKS}/${h.uniqueName('none')}/up`, {})
    expect(res.status).toBe(403)
  })
})

describe('orphans of a managed stack', () => {
  it('are kept by up and down unless removeOrphans, then removed', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('orph')
    const service = (svc: string) => `
  ${svc}:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}`
    const file = (...services: string[]) =>
      `services:${services.map(service).join('')}\nnetworks:\n  default:\n    labels: ${labelsYaml(h)}\n`
    await storeStack(operator, name, file('a', 'b'))
    await up(operator, name)
    await saveStack(operator, name, file('a'), 1)

    const kept = await up(operator, name)
    expect(doneOf(kept)).toEqual({ type: 'done', changes: 0 })
    const down = await stackLines(
      await operator.post(`${STACKS}/${name}/down`, { removeOrphans: false }),
    )

    expect(stepsIn(down, 'done')).toEqual([
      `stop ${name}-a-1`,
      `remove ${name}-a-1`,
      `keep ${name}_default`,
    ])
    expect(await projectObjects(h, 'container', name)).toEqual([`${name}-b-1`])
    await stackLines(await operator.post(`${STACKS}/${name}/down`, { removeOrphans: true }))
    expect(await projectObjects(h, 'container', name)).toEqual([])
    expect(await projectObjects(h, 'network', name)).toEqual([])
  })
})

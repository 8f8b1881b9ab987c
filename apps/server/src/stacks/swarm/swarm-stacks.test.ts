import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '../../../test/api-client.ts'
import { type StackLineBody, stackLines } from '../../../test/cli-project.ts'
import { expectApiError } from '../../../test/expect-api-error.ts'
import { startHarness } from '../../../test/harness.ts'
import { type SwarmHost, containersOn, registerSwarmHost } from '../../../test/swarm-services.ts'

const h = startHarness()
let sh: SwarmHost
let stacks: string
/** Every stack name this file deploys (ours and the CLI's), removed with `docker stack rm`. */
const deployed: string[] = []

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'stk')
  stacks = `/api/hosts/${sh.hostId}/stacks`
}, scaled(180_000))

afterAll(async () => {
  if (!sh) return
  for (const name of deployed) {
    // A stack the test removed already answers "Nothing found in stack".
    await docker(sh.leader.dockerHost, ['stack', 'rm', name]).catch(() => undefined)
  }
  // Networks go once their tasks have left every node; wait so the next file starts clean.
  await vi.waitFor(
    async () => {
      if ((await objectsOf('network', deployed)).length > 0) throw new Error('networks left')
    },
    { timeout: scaled(90_000), interval: 500 },
  )
}, scaled(120_000))

const poll = { timeout: scaled(90_000), interval: 500 }
const SECRET = 'swarm-stack-token'

/** A file using what the issue names: replicas, placement, update_config, resources, a secret. */
function composeFile(image: string, nodeLabel: string, workers = 1): string {
  return `services:
  web:
    image: ${image}
    command: ["sleep", "3600"]
    labels:
      tier: web
    environment:
      B: "2"
      A: "1"
    stop_grace_period: 1s
    deploy:
      replicas: 3
      labels:
        role: front
      placement:
        constraints: ["node.labels.${nodeLabel}!=m1"]
      update_config:
        parallelism: 2
        delay: 1s
        order: start-first
        failure_action: rollback
        monitor: 100ms
      resources:
        limits:
          cpus: "0.25"
          memory: 64M
        reservations:
          memory: 16M
    secrets: [token]
  worker:
    image: ${image}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    deploy:
      replicas: ${String(workers)}
secrets:
  token:
    file: ./token.txt
`
}

/** `docker <kind> ls` names carrying one of the stacks' namespace labels, on the leader. */
async function objectsOf(kind: 'service' | 'network' | 'secret' | 'config', names: string[]) {
  const found: string[] = []
  for (const name of names) {
    const { stdout } = await docker(sh.leader.dockerHost, [
      kind,
      'ls',
      '--format',
      '{{.Name}}',
      '--filter',
      `label=com.docker.stack.namespace=${name}`,
    ])
    found.push(...stdout.split('\n').filter(Boolean))
  }
  return found.sort()
}

/** A service's spec as the engine has it, with the stack's name and the objects' ids made neutral. */
async function neutralSpec(stack: string, service: string): Promise<unknown> {
  const { stdout } = await docker(sh.leader.dockerHost, [
    'service',
    'inspect',
    '--format',
    '{{json .Spec}}',
    `${stack}_${service}`,
  ])
  const networkNames = new Map<string, string>()
  const spec = JSON.parse(stdout) as {
    TaskTemplate?: { Networks?: { Target: string }[]; ContainerSpec?: { Privileges?: object } }
  }
  // The CLI sends `Privileges` with every member empty: the same as none (read-service-spec.ts).
  const container = spec.TaskTemplate?.ContainerSpec
  if (container?.Privileges && !Object.values(container.Privileges).some(Boolean))
    delete container.Privileges
  for (const network of spec.TaskTemplate?.Networks ?? []) {
    const name = (
      await docker(sh.leader.dockerHost, [
        'network',
        'inspect',
        '--format',
        '{{.Name}}',
        network.Target,
      ])
    ).stdout.trim()
    networkNames.set(network.Target, name)
  }
  const text = JSON.stringify(spec, (key, value: unknown) => {
    if (key === 'SecretID' || key === 'ConfigID') return undefined
    if (key === 'Target' && typeof value === 'string' && networkNames.has(value))
      return networkNames.get(value)
    return value
  })
  return JSON.parse(text.replaceAll(stack, 'STACK')) as unknown
}

async function createStack(client: ApiClient, name: string, compose: string) {
  const res = await client.post(stacks, { name, compose })
  expect(res.status, await res.clone().text()).toBe(201)
  deployed.push(name)
}

async function putFile(client: ApiClient, name: string, path: string, content: string) {
  const res = await client.request('PUT', `${stacks}/${name}/directory/file?path=${path}`, {
    raw: content,
    headers: { 'Content-Type': 'application/octet-stream' },
  })
  expect(res.status, await res.clone().text()).toBeLessThan(300)
}

async function up(client: ApiClient, name: string): Promise<StackLineBody[]> {
  const lines = await stackLines(await client.post(`${stacks}/${name}/up`, {}))
  expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
  return lines
}

const stepsDone = (lines: StackLineBody[]) =>
  lines
    .filter((l) => l.type === 'step' && l.state === 'done')
    .map((l) => `${l.action ?? ''} ${l.object ?? ''} ${l.name ?? ''}`)

describe('stacks on a three-engine swarm', () => {
  it('deploys a compose file as docker stack deploy does, and redeploys only what changed', async () => {
    const operator = await h.as('operator')
    const { fixtureImage, nodeLabel } = sh.cluster
    const name = h.uniqueName('ss')
    const cliName = h.uniqueName('sc')
    const compose = composeFile(fixtureImage, nodeLabel)
    await createStack(operator, name, compose)
    await putFile(operator, name, 'token.txt', SECRET)
    const details = (await (await operator.get(`${stacks}/${name}`)).json()) as { target?: string }
    expect(details.target).toBe('swarm')

    const first = await up(operator, name)
    expect(stepsDone(first)).toEqual([
      `create network ${name}_default`,
      `create secret ${name}_token`,
      `create service ${name}_web`,
      `create service ${name}_worker`,
    ])

    // The same file through the docker CLI, under another name, on the same leader.
    const dir = await mkdtemp(join(tmpdir(), 'hm-stack-'))
    try {
      await writeFile(join(dir, 'compose.yaml'), compose)
      await writeFile(join(dir, 'token.txt'), SECRET)
      deployed.push(cliName)
      await docker(sh.leader.dockerHost, [
        'stack',
        'deploy',
        '--detach=true',
        '--resolve-image',
        'never',
        '-c',
        join(dir, 'compose.yaml'),
        cliName,
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    for (const service of ['web', 'worker'])
      expect(await neutralSpec(name, service), service).toEqual(await neutralSpec(cliName, service))

    // Three web tasks, none on m1 (the constraint), each node asked with its own `docker ps`.
    const byNode = async () => {
      const counts: Record<string, number> = {}
      for (const node of sh.cluster.nodes)
        counts[node.name] = (await containersOn(node, `${name}_web`)).length
      return counts
    }
    await expect
      .poll(async () => {
        const counts = await byNode()
        return { m1: counts.m1, others: (counts.m2 ?? 0) + (counts.w1 ?? 0) }
      }, poll)
      .toEqual({ m1: 0, others: 3 })
    const node = sh.cluster.nodes.find((n) => n.name !== 'm1') ?? sh.cluster.nodes[0]
    if (!node) throw new Error('no node')
    const [task] = await containersOn(node, `${name}_web`)
    const onOther = task
      ? node
      : sh.cluster.nodes.find((n) => n.name !== 'm1' && n.name !== node.name)
    const container =
      task ?? (onOther ? (await containersOn(onOther, `${name}_web`))[0] : undefined)
    if (!onOther || !container) throw new Error('no web task found')
    const read = await docker(onOther.dockerHost, ['exec', container, 'cat', '/run/secrets/token'])
    expect(read.stdout).toBe(SECRET)

    // A second version with two workers: only the worker is updated; web's spec version stays.
    const webVersion = async () =>
      (
        await docker(sh.leader.dockerHost, [
          'service',
          'inspect',
          '--format',
          '{{.Version.Index}}',
          `${name}_web`,
        ])
      ).stdout.trim()
    const before = await webVersion()
    const saved = await operator.request('PUT', `${stacks}/${name}`, {
      body: { compose: composeFile(fixtureImage, nodeLabel, 2), baseVersion: 1 },
    })
    expect(saved.status, await saved.clone().text()).toBe(200)
    const second = await up(operator, name)
    expect(stepsDone(second)).toEqual([
      `keep network ${name}_default`,
      `keep secret ${name}_token`,
      `keep service ${name}_web`,
      `update service ${name}_worker`,
    ])
    expect(await webVersion()).toBe(before)
    const replicas = await docker(sh.leader.dockerHost, [
      'service',
      'inspect',
      '--format',
      '{{.Spec.Mode.Replicated.Replicas}}',
      `${name}_worker`,
    ])
    expect(replicas.stdout.trim()).toBe('2')

    // A third without the worker: it is pruned, and said so.
    const withoutWorker = composeFile(fixtureImage, nodeLabel).replace(
      / {2}worker:[\s\S]*?secrets:\n {2}token/,
      'secrets:\n  token',
    )
    const third = await operator.request('PUT', `${stacks}/${name}`, {
      body: { compose: withoutWorker, baseVersion: 2 },
    })
    expect(third.status, await third.clone().text()).toBe(200)
    expect(stepsDone(await up(operator, name))).toContain(`remove service ${name}_worker`)
    expect(await objectsOf('service', [name])).toEqual([`${name}_web`])
  })

  it('lists a stack deployed by the docker CLI, and removes it through the API', async () => {
    const operator = await h.as('operator')
    const cliName = h.uniqueName('cli')
    const dir = await mkdtemp(join(tmpdir(), 'hm-stack-'))
    try {
      await writeFile(
        join(dir, 'compose.yaml'),
        `services:\n  app:\n    image: ${sh.cluster.fixtureImage}\n    command: ["sleep", "3600"]\n    deploy:\n      replicas: 2\n`,
      )
      deployed.push(cliName)
      await docker(sh.leader.dockerHost, [
        'stack',
        'deploy',
        '--detach=true',
        '--resolve-image',
        'never',
        '-c',
        join(dir, 'compose.yaml'),
        cliName,
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    const listed = (await (await operator.get(stacks)).json()) as {
      name: string
      target?: string
      origin: string
      services: { name: string; total: number }[]
    }[]
    expect(listed.find((s) => s.name === cliName)).toMatchObject({
      target: 'swarm',
      origin: 'cli',
      services: [{ name: 'app', total: 2 }],
    })
    const details = (await (await operator.get(`${stacks}/${cliName}`)).json()) as {
      services: { name: string; swarm?: { id: string; name: string } }[]
    }
    expect(details.services[0]?.swarm?.name).toBe(`${cliName}_app`)

    const down = await stackLines(await operator.post(`${stacks}/${cliName}/down`, {}))
    expect(stepsDone(down)).toEqual([
      `remove service ${cliName}_app`,
      `remove network ${cliName}_default`,
    ])
    expect(await objectsOf('service', [cliName])).toEqual([])
    await expect.poll(() => objectsOf('network', [cliName]), poll).toEqual([])
  })

  it.each([
    ['privileged', 'privileged: true', /compose\.yaml:\d+ services\.app\.privileged/],
    ['cap_add', 'cap_add: [NET_ADMIN]', /compose\.yaml:\d+ services\.app\.cap_add\[0\]/],
    ['a bind mount', 'volumes: ["/etc:/host-etc:ro"]', /compose\.yaml:\d+ services\.app\.volumes/],
    ['devices', 'devices: ["/dev/null:/dev/hm-null"]', /compose\.yaml:\d+ services\.app\.devices/],
    [
      'the host network',
      'networks: [hostnet]\nnetworks:\n  hostnet:\n    external: true\n    name: host',
      /compose\.yaml:\d+ services\.app\.networks/,
    ],
  ])("refuses an operator's swarm stack with %s and creates nothing", async (_what, lines, at) => {
    const operator = await h.as('operator')
    const name = h.uniqueName('sp')
    const [serviceLines = '', topLevel] = lines.split('\nnetworks:\n')
    const compose =
      `services:\n  app:\n    image: ${sh.cluster.fixtureImage}\n    command: ["sleep", "3600"]\n` +
      `    ${serviceLines}\n` +
      (topLevel === undefined ? '' : `networks:\n${topLevel}\n`)
    await createStack(operator, name, compose)
    const details = (await (await operator.get(`${stacks}/${name}`)).json()) as { target?: string }
    expect(details.target).toBe('swarm')
    await expectApiError(await operator.post(`${stacks}/${name}/up`, {}), 403, 'forbidden', at)
    for (const kind of ['service', 'network', 'secret', 'config'] as const)
      expect(await objectsOf(kind, [name]), kind).toEqual([])
  })

  it('refuses the swarm-only deploy keys in a compose stack, at their line', async () => {
    const operator = await h.as('operator')
    const res = await operator.post(`${stacks}/validate`, {
      name: h.uniqueName('sv'),
      target: 'compose',
      compose: `services:\n  app:\n    image: busybox\n    deploy:\n      placement:\n        constraints: ["node.role==manager"]\n`,
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { issues: { path: string; line: number; kind: string }[] }
    expect(body.issues).toEqual([
      expect.objectContaining({ path: 'services.app.deploy.placement', line: 6, kind: 'error' }),
    ])
  })
})

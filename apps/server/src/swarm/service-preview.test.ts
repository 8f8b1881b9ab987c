import { type ServiceCreateInput, dockerServiceCreateArgs } from '@harbormaster/contract'
import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { type SwarmHost, registerSwarmHost } from '../../test/swarm-services.ts'

/*
 * The form's "docker service create" preview (packages/contract docker-service-create.ts) is
 * only worth showing if it is true: the service the API creates and the one the previewed
 * command creates must have the same spec.
 */

const h = startHarness()
let sh: SwarmHost
const network = h.uniqueName('preview-net')

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'preview')
  const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const host = sh.leader.dockerHost
  await docker(host, ['network', 'create', '-d', 'overlay', '--attachable', ...labels, network])
  await docker(host, ['secret', 'create', ...labels, `${network}-s`, '-'], { input: 'secret' })
  await docker(host, ['config', 'create', ...labels, `${network}-c`, '-'], { input: 'config' })
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
  await docker(sh.leader.dockerHost, ['network', 'rm', network]).catch(() => undefined)
})

const settings = (name: string): ServiceCreateInput => ({
  name,
  image: sh.cluster.fixtureImage,
  command: ['sh', '-c'],
  args: ['echo "started, it is $$"; exec sleep 3600', 'x y'],
  env: ['GREETING=hello world', 'EMPTY='],
  labels: h.labels,
  containerLabels: { ...h.labels, 'harbormaster.test.role': 'a b,c' },
  hostname: '{{.Service.Name}}-{{.Task.Slot}}',
  user: '0:0',
  workdir: '/tmp',
  mounts: [
    { type: 'volume', source: `${name}-data`, target: '/data', readOnly: true, noCopy: true },
    { type: 'volume', target: '/anonymous' },
    { type: 'tmpfs', target: '/scratch', tmpfsSizeBytes: 8 * 1024 * 1024, tmpfsMode: 0o1770 },
  ],
  networks: [{ name: network, aliases: ['preview-a', 'preview-b'] }],
  ports: [{ targetPort: 80, protocol: 'udp', mode: 'host' }],
  endpointMode: 'vip',
  mode: { replicated: 1 },
  placement: {
    constraints: [`node.labels.${sh.cluster.nodeLabel}!=w1`, 'node.role==manager'],
    spread: [`node.labels.${sh.cluster.nodeLabel}`],
    maxReplicas: 2,
  },
  resources: {
    limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 * 1024, pids: 100 },
    reservations: { nanoCpus: 10_000_000, memoryBytes: 4 * 1024 * 1024 },
  },
  restartPolicy: { condition: 'on-failure', delayNs: 2e9, maxAttempts: 3, windowNs: 90e9 },
  updateConfig: {
    parallelism: 2,
    delayNs: 1e9,
    failureAction: 'rollback',
    monitorNs: 15e9,
    maxFailureRatio: 0.25,
    order: 'start-first',
  },
  // Partly set: what the API leaves at zero the command must say (the CLI's defaults differ).
  rollbackConfig: { delayNs: 500e6, failureAction: 'continue' },
  secrets: [{ name: `${network}-s`, target: 'db', uid: '1000', gid: '1000', mode: 0o400 }],
  configs: [{ name: `${network}-c` }],
  healthcheck: {
    test: ['CMD-SHELL', 'test -d /tmp'],
    intervalNs: 30e9,
    timeoutNs: 5e9,
    startPeriodNs: 1e9,
    retries: 2,
  },
  init: true,
  stopGracePeriodNs: 3e9,
  capDrop: ['NET_RAW'],
  logDriver: { name: 'json-file', options: { 'max-size': '1m' } },
})

type Json = Record<string, unknown>

/** The spec as `docker service inspect` has it, without its name and labels. */
async function specOf(name: string): Promise<Json> {
  const { stdout } = await docker(sh.leader.dockerHost, ['service', 'inspect', name])
  const [service] = JSON.parse(stdout) as [{ Spec: Json }]
  const spec = { ...service.Spec }
  delete spec.Name
  delete spec.Labels
  return withoutEmpty(spec) as Json
}

/** Empty objects and lists mean "not set" to the engine: the CLI sends some, the API none. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty)
  if (value === null || typeof value !== 'object') return value
  const kept = Object.entries(value)
    .map(([k, v]) => [k, withoutEmpty(v)] as const)
    .filter(([, v]) => !(typeof v === 'object' && v !== null && Object.keys(v).length === 0))
  return Object.fromEntries(kept)
}

describe('the docker service create preview', () => {
  it('creates the same service spec as the API, field by field', async () => {
    const admin = await h.as('admin')
    const viaApi = h.uniqueName('preview-api')
    const viaCli = h.uniqueName('preview-cli')
    const created = await admin.post(`${sh.swarm}/services`, settings(viaApi))
    expect(created.status, await created.clone().text()).toBe(201)

    const [service, create, ...rest] = dockerServiceCreateArgs(settings(viaCli))
    await docker(sh.leader.dockerHost, [service ?? '', create ?? '', '--detach', ...rest])

    const [api, cli] = await Promise.all([specOf(viaApi), specOf(viaCli)])
    // The volume is named after its service: the one difference the settings make. The CLI
    // writes capabilities by their kernel names (CAP_NET_RAW); the engine reads both alike.
    const cliText = JSON.stringify(cli)
      .replaceAll(`${viaCli}-data`, `${viaApi}-data`)
      .replaceAll('"CAP_NET_RAW"', '"NET_RAW"')
    expect(JSON.parse(cliText)).toEqual(api)
    expect(Object.keys(api).sort()).toEqual(
      ['EndpointSpec', 'Mode', 'RollbackConfig', 'TaskTemplate', 'UpdateConfig'].sort(),
    )
  })
})

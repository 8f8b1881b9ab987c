import { describe, expect, it } from 'vitest'
import { splitCommandLine } from './command-line.ts'
import {
  cpuCount,
  dockerServiceCreateArgs,
  dockerServiceCreateCommand,
  goDuration,
  ramBytes,
} from './docker-service-create.ts'
import { serviceCreateSchema } from './swarm-services.ts'

const settings = serviceCreateSchema.parse({
  name: 'web',
  image: 'nginx:1.27',
  command: ['sh', '-c'],
  args: ['echo "hi there"; sleep 1d'],
  env: ['GREETING=hello world'],
  labels: { team: 'a' },
  containerLabels: { role: 'front' },
  mode: { replicated: 2 },
  ports: [{ targetPort: 80, publishedPort: 8080, mode: 'host' }],
  mounts: [
    { type: 'volume', source: 'data,1', target: '/data', readOnly: true },
    { type: 'tmpfs', target: '/tmp/x', tmpfsSizeBytes: 1024 * 1024, tmpfsMode: 0o1777 },
  ],
  networks: [{ name: 'back', aliases: ['api'] }, { name: 'front' }],
  placement: { constraints: ['node.labels.zone==a'], spread: ['node.labels.rack'] },
  resources: { limits: { nanoCpus: 1_500_000_000, memoryBytes: 64 * 1024 * 1024 } },
  restartPolicy: { condition: 'on-failure', delayNs: 2e9, maxAttempts: 3, windowNs: 60e9 },
  updateConfig: { delayNs: 10e9, failureAction: 'rollback', order: 'start-first' },
  secrets: [{ name: 'db-pass', target: 'db', mode: 0o400 }],
  init: false,
})

describe('dockerServiceCreateArgs', () => {
  it('says every setting with the flag docker service create reads it from', () => {
    expect(dockerServiceCreateArgs(settings)).toEqual([
      'service',
      'create',
      '--no-resolve-image',
      ...['--name', 'web'],
      ...['--label', 'team=a'],
      ...['--container-label', 'role=front'],
      ...['--replicas', '2'],
      ...['--entrypoint', 'sh -c'],
      ...['--env', 'GREETING=hello world'],
      ...['--mount', 'type=volume,"source=data,1",target=/data,readonly=true'],
      ...['--mount', 'type=tmpfs,target=/tmp/x,tmpfs-size=1048576,tmpfs-mode=1777'],
      ...['--network', 'name=back,alias=api'],
      ...['--network', 'front'],
      ...['--publish', 'published=8080,target=80,protocol=tcp,mode=host'],
      ...['--constraint', 'node.labels.zone==a'],
      ...['--placement-pref', 'spread=node.labels.rack'],
      ...['--limit-cpu', '1.5'],
      ...['--limit-memory', '64MiB'],
      ...['--restart-condition', 'on-failure'],
      ...['--restart-delay', '2s'],
      ...['--restart-max-attempts', '3'],
      ...['--restart-window', '1m'],
      // Unset parallelism and monitor are zero through the API, not the CLI's 1 and 5s.
      ...['--update-parallelism', '0'],
      ...['--update-delay', '10s'],
      ...['--update-failure-action', 'rollback'],
      ...['--update-monitor', '0s'],
      ...['--update-order', 'start-first'],
      ...['--secret', 'source=db-pass,target=db,mode=0400'],
      '--init=false',
      'nginx:1.27',
      'echo "hi there"; sleep 1d',
    ])
  })

  it('says global mode and leaves out what is not set', () => {
    const global = serviceCreateSchema.parse({ name: 'agent', image: 'x', mode: { global: true } })
    expect(dockerServiceCreateArgs(global)).toEqual([
      ...['service', 'create', '--no-resolve-image', '--name', 'agent', '--mode', 'global', 'x'],
    ])
  })
})

describe('dockerServiceCreateCommand', () => {
  it('is a shell line whose words are the arguments', () => {
    const command = dockerServiceCreateCommand(settings)
    expect(command).toContain(` \\\n  --env 'GREETING=hello world' \\\n`)
    const words = splitCommandLine(command.replace(/\\\n/g, ''))
    expect(words).toEqual(['docker', ...dockerServiceCreateArgs(settings)])
  })
})

describe('units the CLI reads', () => {
  it('writes durations, sizes and CPUs exactly', () => {
    expect([goDuration(0), goDuration(90e9), goDuration(1500e6), goDuration(7)]).toEqual([
      '0s',
      '90s',
      '1500ms',
      '7ns',
    ])
    expect([ramBytes(4 * 1024 ** 2), ramBytes(2 * 1024 ** 3), ramBytes(1000)]).toEqual([
      '4MiB',
      '2GiB',
      '1000',
    ])
    expect([cpuCount(2e9), cpuCount(250_000_000), cpuCount(1_000_001)]).toEqual([
      '2',
      '0.25',
      '0.001000001',
    ])
  })
})

import { loadComposeProject } from '@harbormaster/compose'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  containerSnapshot,
  projectNetwork,
  projectSnapshot,
  projectVolume,
} from '../../../../test/project-snapshot-builder.ts'
import { scanEnvText } from '../../env-text.ts'
import { generateCompose } from './generate-compose.ts'
import type { ProjectSnapshot } from './project-snapshot.ts'

const P = 'shop'
const isSecret = (key: string) => /PASSWORD|TOKEN/.test(key)
type Spec = Parameters<typeof containerSnapshot>[0]
const container = (service: string, spec: Partial<Spec> = {}) =>
  containerSnapshot({ project: P, service, ...spec })
const withEnv = (service: string, env: string[], spec: Partial<Spec> = {}) =>
  container(service, { ...spec, details: { config: { env } } })

function load(snapshot: ProjectSnapshot) {
  const generated = generateCompose(snapshot, { isSecret })
  const result = loadComposeProject({
    projectName: P,
    file: { text: generated.compose },
    dotenv: generated.env,
    readFile: () => undefined,
  })
  if (!result.ok) throw new Error(`${generated.compose}\n${JSON.stringify(result.errors)}`)
  return { ...generated, project: result.project }
}

describe('generateCompose: secrets go to the .env', () => {
  it('refers to secret values by variable, shared when equal, per service when not', () => {
    const snapshot = projectSnapshot(P, [
      withEnv('api', ['DB_PASSWORD=one', 'API_TOKEN=t0k', 'MODE=a']),
      withEnv('web', ['DB_PASSWORD=two', 'API_TOKEN=t0k']),
    ])

    const { compose, env, variables, project } = load(snapshot)

    expect(variables.map(({ name, key }) => [name, key])).toEqual([
      ['API_TOKEN', 'API_TOKEN'],
      ['API_DB_PASSWORD', 'DB_PASSWORD'],
      ['WEB_DB_PASSWORD', 'DB_PASSWORD'],
    ])
    expect(compose).not.toMatch(/one|two|t0k/)
    expect(compose).toContain('DB_PASSWORD: ${API_DB_PASSWORD}')
    expect(env).toBe("API_TOKEN='t0k'\nAPI_DB_PASSWORD='one'\nWEB_DB_PASSWORD='two'\n")
    expect(project.services.api?.environment).toEqual({
      DB_PASSWORD: 'one',
      API_TOKEN: 't0k',
      MODE: 'a',
    })
    expect(project.services.web?.environment).toEqual({ DB_PASSWORD: 'two', API_TOKEN: 't0k' })
  })

  it('keeps any value exactly, in the file or in the .env, and the .env scans for masking', () => {
    // What quoting and interpolation could trip on, and any text.
    const tricky = fc.constantFrom(
      '$',
      '$$',
      '${',
      '}',
      '\\',
      '"',
      "'",
      '\n',
      '\r',
      '\t',
      '#',
      ' ',
      ':',
      '-',
      '0',
      '.',
      'é',
      'true',
      '~',
    )
    const value = fc.oneof(
      fc.string({ unit: tricky, maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    )
    fc.assert(
      fc.property(value, value, value, (plain, secret, label) => {
        const snapshot = projectSnapshot(P, [
          container('app', {
            details: {
              config: {
                env: [`PLAIN=${plain}`, `APP_PASSWORD=${secret}`],
                labels: { 'com.docker.compose.service': 'app', note: label },
                cmd: ['echo', plain],
              },
            },
          }),
        ])
        const { project, env } = load(snapshot)
        expect(project.services.app?.environment).toEqual({ PLAIN: plain, APP_PASSWORD: secret })
        expect(project.services.app?.labels).toEqual({ note: label })
        expect(project.services.app?.command).toEqual(['echo', plain])
        const scan = scanEnvText(env)
        expect(scan.error).toBeUndefined()
        expect(scan.entries.map((entry) => entry.key)).toEqual(['APP_PASSWORD'])
      }),
      // A label of spaces then a line break once came back without its spaces (a block scalar).
      { numRuns: 300, examples: [['', '', ' \n']] },
    )
  })
})

describe('generateCompose: services, replicas and what cannot be kept', () => {
  it('counts containers of a service as replicas and notes how they differ', () => {
    const ports = (hostPort: number) => ({
      settings: { portBindings: [{ port: 80, protocol: 'tcp' as const, hostPort }] },
    })
    const snapshot = projectSnapshot(P, [
      container('web', { number: 2, ...ports(8082) }),
      container('web', { number: 1, ...ports(8081) }),
      container('worker', { number: 1 }),
      container('worker', { number: 2 }),
      container('worker', { number: 3 }),
    ])

    const { project, notes, compose } = load(snapshot)

    expect(project.services.web?.replicas).toBe(2)
    expect(project.services.worker?.replicas).toBe(3)
    expect(project.services.web?.ports[0]?.published).toEqual({ start: 8081, end: 8081 })
    expect(notes).toEqual([
      'service web: container 2 differs from container 1 in ports; the file follows container 1',
    ])
    expect(compose).toMatch(/worker:\n {4}image: \S+\n {4}deploy:\n {6}replicas: 3\n/)
  })

  it('leaves out one-off containers, and notes names, settings and mounts it cannot keep', () => {
    const snapshot = projectSnapshot(P, [
      container('web', {
        name: 'my-web',
        details: {
          hostConfig: {
            ...container('web').details.hostConfig,
            readonlyRootfs: true,
            pidMode: 'host',
            cpuShares: 512,
          },
          mounts: [{ type: 'npipe', source: 'x', destination: '/p', mode: '', readWrite: true }],
        },
        settings: {
          extraHosts: ['db:10.0.0.1'],
          shmSize: 2 ** 30,
          tmpfs: { '/run': 'size=1m,noexec' },
          publishAllPorts: true,
        },
      }),
      container('web', {
        number: 2,
        name: `${P}_run_1`,
        details: {
          config: {
            labels: {
              'com.docker.compose.service': 'web',
              'com.docker.compose.oneoff': 'True',
            },
          },
        },
      }),
    ])

    const { notes, project } = load(snapshot)

    expect(project.services.web?.replicas).toBe(1)
    expect(notes).toEqual([
      `container ${P}_run_1 is a one-off run and is left out`,
      `service web: the container name my-web is not kept (stacks name containers ${P}-web-<n>)`,
      'service web: publishes every exposed port (`-P`), which compose cannot say',
      'service web: a npipe mount at /p cannot be written in a stack',
      'service web: tmpfs /run: options noexec are not kept',
      'service web: not kept: read_only, pid, cpu_shares, shm_size, extra_hosts',
    ])
  })

  it('names network modes and shared namespaces, and depends only on services it has', () => {
    const db = container('db')
    const snapshot = projectSnapshot(P, [
      db,
      container('sidecar', {
        details: {
          hostConfig: { ...db.details.hostConfig, networkMode: `container:${db.details.id}` },
          networks: {},
          config: {
            labels: {
              'com.docker.compose.service': 'sidecar',
              'com.docker.compose.depends_on':
                'db:service_started:false,gone:service_started:false',
            },
          },
        },
      }),
      container('probe', {
        details: { hostConfig: { ...db.details.hostConfig, networkMode: 'host' }, networks: {} },
      }),
      container('plain', {
        details: {
          hostConfig: { ...db.details.hostConfig, networkMode: 'default' },
          networks: { bridge: { networkId: 'b', aliases: [] } },
        },
      }),
    ])

    const { project, notes } = load(snapshot)

    expect(project.services.sidecar?.networkMode).toBe('service:db')
    expect(project.services.sidecar?.dependsOn).toEqual({
      db: { condition: 'service_started', restart: false, required: true },
    })
    expect(project.services.probe?.networkMode).toBe('host')
    expect(project.services.plain?.networkMode).toBe('bridge')
    expect(Object.keys(project.networks)).toEqual(['default'])
    expect(notes).toEqual([
      'service sidecar: its dependency on gone, which has no container, is left out',
    ])
  })
})

describe('generateCompose: top-level networks and volumes', () => {
  it('writes the project’s objects with their settings, and others as external', () => {
    const snapshot = projectSnapshot(
      P,
      [
        container('web', {
          details: {
            networks: {
              [`${P}_default`]: { networkId: 'a', aliases: [] },
              [`${P}_back`]: { networkId: 'b', aliases: [] },
              proxy: { networkId: 'c', aliases: ['shop-web'] },
            },
            mounts: [
              {
                type: 'volume',
                name: 'pgdata',
                source: '/',
                destination: '/a',
                mode: '',
                readWrite: true,
              },
              {
                type: 'volume',
                name: 'shared',
                source: '/',
                destination: '/b',
                mode: '',
                readWrite: true,
              },
              {
                type: 'volume',
                name: `${P}_cache`,
                source: '/',
                destination: '/c',
                mode: '',
                readWrite: false,
              },
            ],
          },
        }),
      ],
      {
        networks: [
          projectNetwork(P, 'default'),
          projectNetwork(P, 'back', {
            driver: 'macvlan',
            internal: true,
            options: { parent: 'eth0' },
            labels: { ...projectNetwork(P, 'back').labels, team: 'a' },
          }),
          { ...projectNetwork(P, 'proxy'), name: 'proxy', labels: {} },
        ],
        volumes: [
          projectVolume(P, 'db', { name: 'pgdata', options: { type: 'tmpfs', device: 'tmpfs' } }),
          projectVolume(P, 'cache'),
          { ...projectVolume(P, 'shared'), name: 'shared', labels: {} },
        ],
      },
    )

    const { document, project } = load(snapshot)

    expect(document.networks).toEqual({
      back: {
        driver: 'macvlan',
        driver_opts: { parent: 'eth0' },
        labels: { team: 'a' },
        internal: true,
      },
      proxy: { external: true },
    })
    expect(document.volumes).toEqual({
      cache: null,
      db: { name: 'pgdata', driver_opts: { device: 'tmpfs', type: 'tmpfs' } },
      shared: { external: true },
    })
    expect(project.services.web?.networks).toEqual({
      back: { aliases: [] },
      default: { aliases: [] },
      proxy: { aliases: ['shop-web'] },
    })
    const mounts = project.services.web?.volumes ?? []
    expect(mounts.map((mount) => [mount.target, 'source' in mount ? mount.source : ''])).toEqual([
      ['/a', 'db'],
      ['/b', 'shared'],
      ['/c', 'cache'],
    ])
  })
})

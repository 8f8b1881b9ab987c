import { type ComposeProject, loadComposeProject } from '@harbormaster/compose'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  FIXTURE_IMAGE_ID,
  containerSnapshot,
  imageSnapshot,
  projectNetwork,
  projectSnapshot,
  projectVolume,
} from '../../../../test/project-snapshot-builder.ts'
import { generateCompose, SERVICE_KEY_ORDER } from './generate-compose.ts'
import type { GeneratedCompose, ProjectSnapshot } from './project-snapshot.ts'

const P = 'shop'
const isSecret = (key: string) => /PASSWORD|TOKEN/.test(key)

/** Generates, and loads the result with the compose reader: it must load without an error. */
function generateAndLoad(snapshot: ProjectSnapshot): GeneratedCompose & { loaded: ComposeProject } {
  const generated = generateCompose(snapshot, { isSecret })
  const result = loadComposeProject({
    projectName: snapshot.project,
    file: { text: generated.compose },
    dotenv: generated.env,
    readFile: () => undefined,
  })
  if (!result.ok) throw new Error(`${generated.compose}\n${JSON.stringify(result.errors)}`)
  return { ...generated, loaded: result.project }
}

type Spec = Parameters<typeof containerSnapshot>[0]
const web = (spec: Partial<Spec> = {}) => containerSnapshot({ project: P, service: 'web', ...spec })

describe('generateCompose: a service from each container setting', () => {
  it('reproduces a fully set container, and the compose reader reads the same values', () => {
    const container = web({
      details: {
        config: {
          cmd: ['sh', '-c', 'echo $HOME; exec httpd -f'],
          entrypoint: ['/bin/tini', '--'],
          user: '1000:1000',
          workingDir: '/srv',
          hostname: 'front',
          env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'MODE=prod', 'PRICE=$5', 'EMPTY='],
          labels: {
            ...web().details.config.labels,
            'com.docker.compose.depends_on': 'db:service_healthy:true,cache:service_started:false',
            team: 'a',
            version: '0755',
          },
          tty: true,
          openStdin: true,
          stopSignal: 'SIGQUIT',
          exposedPorts: ['80/tcp', '9000/udp'],
        },
        hostConfig: {
          ...web().details.hostConfig,
          networkMode: `${P}_front`,
          restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
          memoryBytes: 256 * 2 ** 20,
          nanoCpus: 1.5e9,
          privileged: true,
          capAdd: ['NET_ADMIN'],
          devices: [
            { pathOnHost: '/dev/fuse', pathInContainer: '/dev/fuse', cgroupPermissions: 'rw' },
          ],
          securityOpt: ['no-new-privileges:true'],
          sysctls: { 'net.core.somaxconn': '1024' },
        },
        networks: {
          [`${P}_front`]: { networkId: 'n2', aliases: ['web', 'web100000000', 'www'] },
        },
        mounts: [
          {
            type: 'volume',
            name: `${P}_data`,
            source: '/x',
            destination: '/data',
            mode: 'rw',
            readWrite: true,
          },
          { type: 'bind', source: '/srv/conf', destination: '/conf', mode: 'ro', readWrite: false },
          { type: 'tmpfs', source: '', destination: '/cache', mode: '', readWrite: true },
        ],
      },
      settings: {
        portBindings: [
          { port: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 },
          { port: 53, protocol: 'udp' },
        ],
        mounts: [
          {
            type: 'tmpfs',
            source: '',
            target: '/cache',
            readOnly: false,
            noCopy: false,
            tmpfsSize: 2 ** 20,
          },
        ],
        tmpfs: { '/run': 'size=64m,mode=1777' },
        init: true,
        capDrop: ['MKNOD'],
        ulimits: [
          { name: 'nofile', soft: 1024, hard: 2048 },
          { name: 'nproc', soft: 64, hard: 64 },
        ],
        logConfig: { type: 'local', config: { 'max-size': '10m' } },
        memoryReservation: 64 * 2 ** 20,
        pidsLimit: 100,
        stopTimeout: 90,
        healthcheck: {
          test: ['CMD-SHELL', 'wget -q -O- localhost || exit 1'],
          interval: 30e9,
          timeout: 5e9,
          startPeriod: 1500e6,
          startInterval: 0,
          retries: 3,
        },
      },
    })
    const deps = ['db', 'cache'].map((service) => containerSnapshot({ project: P, service }))
    const snapshot = projectSnapshot(P, [container, ...deps], {
      networks: [projectNetwork(P, 'default'), projectNetwork(P, 'front')],
      volumes: [projectVolume(P, 'data')],
    })

    const { loaded, notes, compose } = generateAndLoad(snapshot)

    expect(notes).toEqual([])
    const service = loaded.services.web
    expect(service).toMatchObject({
      image: 'harbormaster-fixture/busybox:1',
      entrypoint: ['/bin/tini', '--'],
      command: ['sh', '-c', 'echo $HOME; exec httpd -f'],
      user: '1000:1000',
      workingDir: '/srv',
      hostname: 'front',
      environment: { MODE: 'prod', PRICE: '$5', EMPTY: '' },
      expose: [{ start: 9000, end: 9000, protocol: 'udp' }],
      networks: { front: { aliases: ['www'] } },
      dependsOn: {
        db: { condition: 'service_healthy', restart: true },
        cache: { condition: 'service_started', restart: false },
      },
      healthcheck: {
        test: ['CMD-SHELL', 'wget -q -O- localhost || exit 1'],
        interval: 30e9,
        timeout: 5e9,
        startPeriod: 1500e6,
        retries: 3,
      },
      restart: { name: 'on-failure', maximumRetryCount: 3 },
      labels: { team: 'a', version: '0755' },
      init: true,
      tty: true,
      stdinOpen: true,
      stopSignal: 'SIGQUIT',
      stopGracePeriod: 90e9,
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: { soft: 64, hard: 64 } },
      logging: { driver: 'local', options: { 'max-size': '10m' } },
      replicas: 1,
      resources: {
        limits: { cpus: 1.5, memory: 256 * 2 ** 20, pids: 100 },
        reservations: { memory: 64 * 2 ** 20 },
      },
      capAdd: ['NET_ADMIN'],
      capDrop: ['MKNOD'],
      privileged: true,
      devices: [{ source: '/dev/fuse', target: '/dev/fuse', permissions: 'rw' }],
      securityOpt: ['no-new-privileges:true'],
      sysctls: { 'net.core.somaxconn': '1024' },
    })
    expect(service?.ports).toEqual([
      expect.objectContaining({ target: 53, protocol: 'udp' }),
      expect.objectContaining({
        target: 80,
        published: { start: 8080, end: 8080 },
        hostIp: '127.0.0.1',
        protocol: 'tcp',
      }),
    ])
    expect(service?.ports[0]?.published).toBeUndefined()
    expect(service?.volumes).toEqual([
      expect.objectContaining({ type: 'tmpfs', target: '/cache', tmpfs: { size: 2 ** 20 } }),
      expect.objectContaining({
        type: 'bind',
        source: '/srv/conf',
        target: '/conf',
        readOnly: true,
      }),
      expect.objectContaining({ type: 'volume', source: 'data', target: '/data', readOnly: false }),
      expect.objectContaining({
        type: 'tmpfs',
        target: '/run',
        tmpfs: { size: 64 * 2 ** 20, mode: 0o1777 },
      }),
    ])
    expect(loaded.networks.front?.name).toBe(`${P}_front`)
    expect(loaded.volumes.data?.name).toBe(`${P}_data`)
    // Every setting of the container became its key, written in the order people write them;
    // values compose reads back as strings are quoted.
    const keys = Object.keys(snapshotDocument(compose).services.web ?? {})
    expect([...keys].sort()).toEqual(
      [
        'image',
        'entrypoint',
        'command',
        'user',
        'working_dir',
        'hostname',
        'environment',
        'ports',
        'expose',
        'volumes',
        'networks',
        'depends_on',
        'healthcheck',
        'restart',
        'labels',
        'init',
        'tty',
        'stdin_open',
        'stop_signal',
        'stop_grace_period',
        'ulimits',
        'logging',
        'deploy',
        'cap_add',
        'cap_drop',
        'privileged',
        'devices',
        'security_opt',
        'sysctls',
      ].sort(),
    )
    expect(keys).toEqual(SERVICE_KEY_ORDER.filter((key) => keys.includes(key)))
    expect(compose).toContain('version: "0755"')
    expect(compose).toContain('PRICE: $$5')
  })

  it('leaves out what the image or the engine supplies: env, command, labels, checks, names', () => {
    const image = imageSnapshot({
      env: ['PATH=/bin', 'LANG=C'],
      cmd: ['httpd', '-f'],
      workingDir: '/www',
      user: 'www',
      labels: { maintainer: 'x', 'io.harbormaster.fixture': '1' },
      stopSignal: 'SIGWINCH',
      exposedPorts: ['80/tcp'],
      volumes: ['/var/cache'],
    })
    const healthcheck = {
      test: ['CMD', 'true'],
      interval: 1e9,
      timeout: 0,
      startPeriod: 0,
      startInterval: 0,
      retries: 0,
    }
    const container = web({
      details: {
        config: {
          env: ['PATH=/bin', 'LANG=C', 'LANG_EXTRA=1'],
          cmd: ['httpd', '-f'],
          workingDir: '/www',
          user: 'www',
          stopSignal: 'SIGWINCH',
          exposedPorts: ['80/tcp'],
          labels: { ...web().details.config.labels, maintainer: 'x' },
        },
        mounts: [
          {
            type: 'volume',
            name: 'f'.repeat(64),
            source: '/v',
            destination: '/var/cache',
            mode: '',
            readWrite: true,
          },
          {
            type: 'volume',
            name: 'e'.repeat(64),
            source: '/v',
            destination: '/scratch',
            mode: '',
            readWrite: true,
          },
        ],
      },
      settings: { healthcheck },
    })
    const snapshot = projectSnapshot(P, [container], {
      images: new Map([[FIXTURE_IMAGE_ID, { ...image, healthcheck }]]),
    })

    const { document, loaded } = generateAndLoad(snapshot)

    expect(document).toEqual({
      services: {
        web: {
          image: 'harbormaster-fixture/busybox:1',
          environment: { LANG_EXTRA: '1' },
          volumes: ['/scratch'],
        },
      },
    })
    expect(loaded.services.web?.networks).toEqual({ default: { aliases: [] } })
  })

  it('keeps an image compose built as the local image it is: pull_policy missing, with a note', () => {
    const image = imageSnapshot({
      labels: { 'io.harbormaster.fixture': '1', 'com.docker.compose.image.builder': 'classic' },
    })
    const snapshot = projectSnapshot(P, [web()], { images: new Map([[FIXTURE_IMAGE_ID, image]]) })

    const { document, notes, loaded } = generateAndLoad(snapshot)

    expect(document.services).toEqual({
      web: { image: 'harbormaster-fixture/busybox:1', pull_policy: 'missing' },
    })
    expect(loaded.services.web?.pullPolicy).toBe('missing')
    expect(notes).toContainEqual(expect.stringMatching(/was built by compose/))
  })

  it('writes the entrypoint or the command only as far as they differ from the image', () => {
    const image = imageSnapshot({ entrypoint: ['/entry'], cmd: ['serve'] })
    const cases = [
      { entrypoint: ['/entry'], cmd: ['serve'], want: {} },
      { entrypoint: ['/entry'], cmd: ['migrate'], want: { command: ['migrate'] } },
      { entrypoint: ['/other'], cmd: [], want: { entrypoint: ['/other'] } },
      { entrypoint: ['/other'], cmd: ['x'], want: { entrypoint: ['/other'], command: ['x'] } },
      { entrypoint: [], cmd: ['sh'], want: { entrypoint: [], command: ['sh'] } },
    ]
    for (const { entrypoint, cmd, want } of cases) {
      const container = web({ details: { config: { entrypoint, cmd } } })
      const snapshot = projectSnapshot(P, [container], {
        images: new Map([[FIXTURE_IMAGE_ID, image]]),
      })
      const { document } = generateAndLoad(snapshot)
      expect({ entrypoint, cmd, service: document.services }).toEqual({
        entrypoint,
        cmd,
        service: { web: { image: 'harbormaster-fixture/busybox:1', ...want } },
      })
    }
  })
})

/** The generated text read back as plain data, for key order. */
function snapshotDocument(compose: string): { services: Record<string, Record<string, unknown>> } {
  const result = loadComposeProject({
    projectName: P,
    file: { text: compose },
    readFile: () => undefined,
  })
  expect(result.ok).toBe(true)
  return parseYaml(compose) as { services: Record<string, Record<string, unknown>> }
}

import type { ContainerDetails, ContainerSettings, Network, Volume } from '@harbormaster/engine'
import type {
  ContainerSnapshot,
  ImageSnapshot,
  ProjectSnapshot,
} from '../src/stacks/adoption/generate/project-snapshot.ts'
import { plainHostConfig } from './host-config-fixture.ts'

/**
 * Inspect documents built with the engine package's types, with the values Engine 20.10 gives a
 * container that docker-compose 1.29 made from `image` and nothing else (captured from the
 * private engine, then trimmed to what the generator reads). Tests override what they set.
 */
export const FIXTURE_IMAGE_ID = `sha256:${'a'.repeat(64)}`

export function imageSnapshot(overrides: Partial<ImageSnapshot['config']> = {}): ImageSnapshot {
  return {
    config: {
      user: '',
      env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
      cmd: ['/bin/sh'],
      entrypoint: [],
      workingDir: '',
      exposedPorts: [],
      volumes: [],
      labels: { 'io.harbormaster.fixture': '1' },
      onBuild: [],
      ...overrides,
    },
  }
}

interface ContainerSpec {
  project: string
  service: string
  number?: number
  id?: string
  name?: string
  details?: Partial<Omit<ContainerDetails, 'config' | 'hostConfig'>> & {
    config?: Partial<ContainerDetails['config']>
    hostConfig?: Partial<ContainerDetails['hostConfig']>
  }
  settings?: Partial<ContainerSettings>
}

const HOST_CONFIG = plainHostConfig()

export function containerSnapshot(spec: ContainerSpec): ContainerSnapshot {
  const number = spec.number ?? 1
  const id = spec.id ?? `${spec.service}${number}`.padEnd(64, '0')
  const { config, hostConfig, ...details } = spec.details ?? {}
  return {
    details: {
      id,
      name: spec.name ?? `${spec.project}_${spec.service}_${number}`,
      created: '2026-01-01T00:00:00Z',
      image: 'harbormaster-fixture/busybox:1',
      imageId: FIXTURE_IMAGE_ID,
      path: '/bin/sh',
      args: [],
      state: {
        status: 'running',
        running: true,
        paused: false,
        restarting: false,
        oomKilled: false,
        dead: false,
        pid: 1,
        exitCode: 0,
        error: '',
      },
      restartCount: 0,
      ports: [],
      networks: {
        [`${spec.project}_default`]: { networkId: 'n1', aliases: [id.slice(0, 12), spec.service] },
      },
      mounts: [],
      raw: {},
      ...details,
      config: {
        hostname: id.slice(0, 12),
        user: '',
        env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
        cmd: ['/bin/sh'],
        entrypoint: [],
        workingDir: '',
        labels: {
          'com.docker.compose.project': spec.project,
          'com.docker.compose.service': spec.service,
          'com.docker.compose.container-number': String(number),
          'com.docker.compose.oneoff': 'False',
          'com.docker.compose.version': '1.29.2',
          'io.harbormaster.fixture': '1',
        },
        tty: false,
        openStdin: false,
        exposedPorts: [],
        ...config,
      },
      hostConfig: {
        ...HOST_CONFIG,
        networkMode: `${spec.project}_default`,
        ...hostConfig,
      },
    },
    settings: settingsOf(spec.settings),
  }
}

function settingsOf(overrides: Partial<ContainerSettings> = {}): ContainerSettings {
  return {
    domainname: '',
    macAddress: '',
    portBindings: [],
    publishAllPorts: false,
    tmpfs: {},
    mounts: [],
    propagation: {},
    capDrop: [],
    ulimits: [],
    logConfig: { type: 'json-file', config: {} },
    memoryReservation: 0,
    memorySwap: 0,
    cpuQuota: 0,
    cpuPeriod: 0,
    cpusetCpus: '',
    cpusetMems: '',
    shmSize: 67108864,
    oomKillDisable: false,
    oomScoreAdj: 0,
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    extraHosts: [],
    groupAdd: [],
    links: [],
    staticAddresses: {},
    ...overrides,
  }
}

/** A network as compose makes it for the project (`<project>_<key>`, labelled). */
export function projectNetwork(project: string, key: string, overrides: Partial<Network> = {}) {
  return {
    id: `${project}-${key}`,
    name: `${project}_${key}`,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    enableIPv6: false,
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.network': key,
      'com.docker.compose.version': '1.29.2',
    },
    ipam: { driver: 'default', config: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }] },
    options: {},
    ...overrides,
  } satisfies Network
}

export function projectVolume(project: string, key: string, overrides: Partial<Volume> = {}) {
  return {
    name: `${project}_${key}`,
    driver: 'local',
    mountpoint: `/var/lib/docker/volumes/${project}_${key}/_data`,
    scope: 'local',
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.volume': key,
      'com.docker.compose.version': '1.29.2',
    },
    options: {},
    ...overrides,
  } satisfies Volume
}

export function projectSnapshot(
  project: string,
  containers: ContainerSnapshot[],
  more: Partial<Omit<ProjectSnapshot, 'project' | 'containers'>> = {},
): ProjectSnapshot {
  return {
    project,
    containers,
    images: new Map([[FIXTURE_IMAGE_ID, imageSnapshot()]]),
    networks: [projectNetwork(project, 'default')],
    volumes: [],
    defaultLogDriver: 'json-file',
    ...more,
  }
}

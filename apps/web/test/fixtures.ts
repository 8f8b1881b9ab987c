import type {
  ContainerDetails,
  Host,
  StackContainer,
  StackDetails,
  StatsSampleDto,
  UserSummary,
} from '@harbormaster/contract'

/** Host h1 ("Local"), a reachable engine the signed-in user holds `role` on. */
export function hostFixture(role: Host['role'] = 'operator'): Host {
  return {
    id: 'h1',
    name: 'Local',
    address: 'unix:///var/run/docker.sock',
    reachable: true,
    engineVersion: '20.10.24',
    apiVersion: '1.41',
    allowedBindPrefixes: [],
    secretEnvPatterns: ['*_PASSWORD', '*_TOKEN'],
    role,
  }
}

/** User u1, alice: an enabled operator with no host grants, unless `overrides` says otherwise. */
export function userFixture(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: 'u1',
    username: 'alice',
    role: 'operator',
    disabled: false,
    hostGrants: [],
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  }
}

/** One stats sample of container c1 ("web"), 3 processes and nothing else, unless overridden. */
export function statsSampleFixture(overrides: Partial<StatsSampleDto> = {}): StatsSampleDto {
  return {
    id: 'c1',
    name: 'web',
    read: new Date(0).toISOString(),
    cpuPercent: 0,
    memoryUsed: 0,
    memoryLimit: 0,
    memoryPercent: 0,
    networkRx: 0,
    networkTx: 0,
    blockRead: 0,
    blockWrite: 0,
    pids: 3,
    ...overrides,
  }
}

/** Container c1 ("/web"), running, with nothing set, unless `overrides` says otherwise. */
export function containerDetailsFixture(
  overrides: Partial<ContainerDetails> = {},
): ContainerDetails {
  return {
    id: 'c1',
    name: '/web',
    created: '2026-12-01T10:00:00.000Z',
    image: 'web:1',
    imageId: 'sha256:1',
    command: ['web'],
    state: {
      status: 'running',
      running: true,
      paused: false,
      restarting: false,
      oomKilled: false,
      pid: 42,
      exitCode: 0,
      error: '',
    },
    restartCount: 0,
    restartPolicy: { name: 'no' },
    env: [],
    maskedEnv: [],
    labels: {},
    tty: false,
    openStdin: false,
    workingDir: '',
    user: '',
    ports: [],
    mounts: [],
    networks: {},
    limits: { memoryBytes: 0, nanoCpus: 0, cpuShares: 0 },
    privileged: false,
    networkMode: 'bridge',
    adminOnly: [],
    raw: {},
    ...overrides,
  }
}

/** Container `<project>-<service>-<n>` of a stack, running, unless `overrides` says otherwise. */
export function stackContainerFixture(
  project: string,
  service: string,
  overrides: Partial<StackContainer> = {},
): StackContainer {
  const name = `${project}-${service}-${overrides.number ?? 1}`
  return {
    id: `${name}-id`,
    name,
    number: 1,
    state: 'running',
    status: 'Up 2 minutes',
    image: `${service}:1`,
    ports: [],
    ...overrides,
  }
}

/**
 * Stack `shop` (managed, saved and deployed as version 2 by alice): `web` running and `db`
 * exited, unless `overrides` says otherwise. Counts and status follow the containers.
 */
export function stackDetailsFixture(overrides: Partial<StackDetails> = {}): StackDetails {
  const services = overrides.services ?? [
    {
      name: 'web',
      image: 'nginx:1.27',
      containers: [
        stackContainerFixture('shop', 'web', {
          health: 'healthy',
          ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }],
        }),
      ],
    },
    {
      name: 'db',
      image: 'postgres:17',
      containers: [
        stackContainerFixture('shop', 'db', { state: 'exited', status: 'Exited (0) 1 minute ago' }),
      ],
    },
  ]
  const containers = services.flatMap((s) => s.containers)
  const running = containers.filter((c) => c.state === 'running').length
  const stamp = { at: '2026-12-01T10:00:00.000Z', by: 'alice', version: 2 }
  return {
    name: 'shop',
    origin: 'managed',
    status:
      containers.length === 0
        ? 'empty'
        : running === containers.length
          ? 'running'
          : running > 0
            ? 'partial'
            : 'exited',
    running,
    total: containers.length,
    ports: containers.flatMap((c) => c.ports),
    saved: stamp,
    deployed: stamp,
    ...overrides,
    services,
  }
}

import { docker } from '@harbormaster/testkit'
import { expect } from 'vitest'
import type { Harness } from './harness.ts'

/** A service of a project made the way the compose CLI makes one, with the docker CLI. */
export interface CliService {
  name: string
  /** `com.docker.compose.depends_on`, in the CLI's `svc:condition:restart` form. */
  dependsOn?: string
  /** Extra `docker run` arguments (ports, mounts). */
  args?: string[]
  /** The main process; by default one that ends at once on SIGTERM. */
  cmd?: string[]
}

export interface CliProject {
  name: string
  network: string
  volume: string
  /** Container name of each service (`<project>-<service>-1`). */
  containers: Record<string, string>
}

/** A main process that ends at once on SIGTERM, so stops take no grace period. */
const QUICK_STOP = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']

const labelArgs = (labels: Record<string, string>) =>
  Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`])

/**
 * Makes a compose project as `docker compose up -d` would leave it: a `<project>_default`
 * network and a `<project>_data` volume labelled with the project, and one running container
 * per service, labelled with the project, service, number, dependencies and the files the CLI
 * read. Every object also carries `labels` (the run label, at least), so the harness removes it.
 */
export async function makeCliProject(
  h: Harness,
  services: CliService[],
  labels: Record<string, string> = h.labels,
  name = h.uniqueName('proj'),
): Promise<CliProject> {
  const project = { 'com.docker.compose.project': name }
  const network = `${name}_default`
  const volume = `${name}_data`
  await docker(h.dockerHost, [
    'network',
    'create',
    ...labelArgs({ ...labels, ...project, 'com.docker.compose.network': 'default' }),
    network,
  ])
  await docker(h.dockerHost, [
    'volume',
    'create',
    ...labelArgs({ ...labels, ...project, 'com.docker.compose.volume': 'data' }),
    volume,
  ])
  const containers: Record<string, string> = {}
  for (const service of services) {
    const container = `${name}-${service.name}-1`
    containers[service.name] = container
    const serviceLabels = {
      ...labels,
      ...project,
      'com.docker.compose.service': service.name,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.depends_on': service.dependsOn ?? '',
      'com.docker.compose.project.config_files': `/srv/${name}/compose.yaml`,
      'com.docker.compose.project.working_dir': `/srv/${name}`,
    }
    await docker(h.dockerHost, [
      'run',
      '-d',
      '--name',
      container,
      '--network',
      network,
      ...labelArgs(serviceLabels),
      ...(service.args ?? []),
      h.fixtureImage,
      ...(service.cmd ?? QUICK_STOP),
    ])
  }
  return { name, network, volume, containers }
}

/** The container's state as the docker CLI reports it; `gone` once removed. */
export async function stateOf(h: Harness, container: string): Promise<string> {
  return docker(h.dockerHost, ['inspect', '--format', '{{.State.Status}}', container]).then(
    ({ stdout }) => stdout.trim(),
    () => 'gone',
  )
}

/** Whether a network or volume of that name exists. */
export async function exists(h: Harness, kind: 'network' | 'volume', name: string) {
  return docker(h.dockerHost, [kind, 'inspect', name]).then(
    () => true,
    () => false,
  )
}

export interface StackLineBody {
  type?: 'step' | 'done'
  object?: string
  name?: string
  service?: string
  action?: string
  state?: string
  message?: string
  /** Pull progress: bytes of all layers so far, and in all. */
  current?: number
  total?: number
  changes?: number
  error?: { code: string; message: string }
}

/** The NDJSON lines of a stack operation's answer. */
export async function stackLines(res: Response): Promise<StackLineBody[]> {
  expect(res.status, await res.clone().text()).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
  return (await res.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as StackLineBody)
}

/** `action name` of each step in a state, in the order they came. */
export const stepsIn = (lines: StackLineBody[], state: string) =>
  lines
    .filter((line) => line.type === 'step' && line.state === state)
    .map((line) => `${line.action} ${line.name}`)

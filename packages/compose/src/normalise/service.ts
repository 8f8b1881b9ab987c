import type { ComposeService } from '../model/service.ts'
import type { Cursor } from './cursor.ts'
import { type EnvironmentSources, resolveEnvironment } from './environment.ts'
import { normaliseExpose, normalisePorts } from './ports.ts'
import { normaliseDeploy } from './resources.ts'
import { normaliseSwarmDeploy } from './swarm-deploy.ts'
import {
  durationOf,
  keyValues,
  normaliseBuild,
  normaliseCommand,
  normaliseDependsOn,
  normaliseDevices,
  normaliseGrants,
  normaliseHealthcheck,
  normaliseLogging,
  normaliseRestart,
  normaliseServiceNetworks,
  normaliseUlimits,
} from './service-parts.ts'
import { normaliseVolumes } from './volumes.ts'

/**
 * One service in the canonical form. The tree has passed the schema and the supported-keys
 * check, so shapes are known; what is checked here is what the schema cannot say (port and
 * volume syntax, durations, sizes, command quoting).
 */
export function normaliseService(
  name: string,
  service: Cursor,
  env: EnvironmentSources,
): ComposeService {
  service.record()
  const text = (key: string) => service.get(key)?.text()
  const flag = (key: string) => service.get(key)?.boolean()
  const list = (key: string) => service.get(key)?.strings() ?? []
  const read = <T>(key: string, normalise: (field: Cursor) => T, none: T): T => {
    const field = service.get(key)
    return field ? normalise(field) : none
  }
  const result: ComposeService = {
    name,
    ...resolveEnvironment(service, env),
    labels: keyValues(service.get('labels')),
    ports: read('ports', normalisePorts, []),
    expose: read('expose', normaliseExpose, []),
    volumes: read('volumes', normaliseVolumes, []),
    networks: read('networks', normaliseServiceNetworks, {}),
    dependsOn: normaliseDependsOn(service.get('depends_on')),
    tty: flag('tty') ?? false,
    stdinOpen: flag('stdin_open') ?? false,
    ulimits: normaliseUlimits(service.get('ulimits')),
    ...normaliseDeploy(service),
    capAdd: list('cap_add'),
    capDrop: list('cap_drop'),
    privileged: flag('privileged') ?? false,
    devices: normaliseDevices(service.get('devices')),
    securityOpt: list('security_opt'),
    sysctls: keyValues(service.get('sysctls')),
    secrets: normaliseGrants(service.get('secrets'), '/run/secrets'),
    configs: normaliseGrants(service.get('configs'), ''),
    profiles: list('profiles'),
  }
  const optional: { [K in keyof ComposeService]?: ComposeService[K] | undefined } = {
    image: text('image'),
    build: normaliseBuild(service.get('build'), env.project),
    pullPolicy: text('pull_policy'),
    command: normaliseCommand(service.get('command')),
    entrypoint: normaliseCommand(service.get('entrypoint')),
    networkMode: text('network_mode'),
    healthcheck: normaliseHealthcheck(service.get('healthcheck')),
    restart: normaliseRestart(service.get('restart')),
    user: text('user'),
    workingDir: text('working_dir'),
    hostname: text('hostname'),
    init: flag('init'),
    stopSignal: text('stop_signal'),
    stopGracePeriod: durationOf(service.get('stop_grace_period')),
    logging: normaliseLogging(service.get('logging')),
    swarm: normaliseSwarmDeploy(service.get('deploy', 'deploy'), service.model),
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(result, { [key]: value })
  }
  return result
}

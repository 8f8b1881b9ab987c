import type {
  ContainerDetails as ContainerDetailsDto,
  ContainerSummary,
} from '@harbormaster/contract'
import type { Container, ContainerDetails } from '@harbormaster/engine'
import { type EnvVisibility, maskEnv, maskEnvIn } from '../policy/index.ts'

const COMPOSE_PROJECT = 'com.docker.compose.project'

/** Engine domain → API DTO: the API changes only when we change it, not when the engine does. */
export function toContainerSummary(container: Container): ContainerSummary {
  const project = container.labels[COMPOSE_PROJECT]
  return {
    id: container.id,
    name: container.name,
    image: container.image,
    imageId: container.imageId,
    command: container.command,
    created: container.created,
    state: container.state,
    status: container.status,
    health: container.health,
    ports: container.ports,
    labels: container.labels,
    networks: Object.keys(container.networks),
    mounts: container.mounts.map((m) => ({
      type: m.type,
      name: m.name,
      source: m.source,
      destination: m.destination,
      readWrite: m.readWrite,
    })),
    composeProject: project,
    sizeRw: container.sizeRw,
    sizeRootFs: container.sizeRootFs,
  }
}

/**
 * The details as the caller may see them: environment values masked per `visibility`;
 * `adminOnly`, the settings that make the container admin-only (see admin-only.ts).
 */
export function toContainerDetails(
  details: ContainerDetails,
  visibility: EnvVisibility,
  adminOnly: string[],
): ContainerDetailsDto {
  const { state, config, hostConfig } = details
  const masked = new Set<string>()
  const env = maskEnv(config.env, visibility, masked)
  const raw = maskEnvIn(details.raw, visibility, masked)
  return {
    id: details.id,
    name: details.name,
    created: details.created,
    image: details.image,
    imageId: details.imageId,
    command: [details.path, ...details.args].filter((part) => part !== ''),
    state: {
      status: state.status,
      running: state.running,
      paused: state.paused,
      restarting: state.restarting,
      oomKilled: state.oomKilled,
      pid: state.pid,
      exitCode: state.exitCode,
      error: state.error,
      startedAt: state.startedAt,
      finishedAt: state.finishedAt,
      health: state.health?.status,
    },
    restartCount: details.restartCount,
    restartPolicy: hostConfig.restartPolicy,
    env,
    maskedEnv: [...masked],
    labels: config.labels,
    tty: config.tty,
    openStdin: config.openStdin,
    workingDir: config.workingDir,
    user: config.user,
    ports: details.ports,
    mounts: details.mounts.map((m) => ({
      type: m.type,
      name: m.name,
      source: m.source,
      destination: m.destination,
      readWrite: m.readWrite,
    })),
    networks: Object.fromEntries(
      Object.entries(details.networks).map(([name, n]) => [
        name,
        {
          ipAddress: n.ipAddress,
          gateway: n.gateway,
          aliases: n.aliases,
        },
      ]),
    ),
    limits: {
      memoryBytes: hostConfig.memoryBytes,
      nanoCpus: hostConfig.nanoCpus,
      cpuShares: hostConfig.cpuShares,
    },
    privileged: hostConfig.privileged,
    networkMode: hostConfig.networkMode,
    adminOnly,
    raw,
  }
}

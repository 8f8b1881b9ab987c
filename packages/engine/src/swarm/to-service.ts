import {
  type WireObject,
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
  asStringMap,
} from '../wire/wire-read.ts'
import type { Service, ServiceMode, ServicePort } from './types.ts'

/**
 * Maps a `GET /services` item. `ServiceStatus` only comes with `status=true` (1.41+); job modes
 * exist from 1.41 as well (docs/engine.md#swarm).
 */
export function toService(wire: unknown): Service {
  const item = asObject(wire)
  const spec = asObject(item.Spec)
  const containerSpec = asObject(asObject(spec.TaskTemplate).ContainerSpec)
  const modes = asObject(spec.Mode)
  const status = asObject(item.ServiceStatus)
  const replicas = asOptionalNumber(asObject(modes.Replicated).Replicas)
  const counts = {
    runningTasks: asOptionalNumber(status.RunningTasks),
    desiredTasks: asOptionalNumber(status.DesiredTasks),
    completedTasks: asOptionalNumber(status.CompletedTasks),
  }
  return {
    id: asString(item.ID),
    name: asString(spec.Name),
    image: asString(containerSpec.Image),
    mode: toServiceMode(modes),
    ...(replicas === undefined ? {} : { replicas }),
    ...Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== undefined)),
    labels: asStringMap(spec.Labels),
    createdAt: asString(item.CreatedAt),
    updatedAt: asString(item.UpdatedAt),
    ports: toServicePorts(item),
    version: asNumber(asObject(item.Version).Index),
    tty: asBoolean(containerSpec.TTY),
  }
}

function toServiceMode(modes: WireObject): ServiceMode {
  if ('Global' in modes) return 'global'
  if ('ReplicatedJob' in modes) return 'replicated-job'
  if ('GlobalJob' in modes) return 'global-job'
  return 'replicated'
}

/** `Endpoint.Ports` holds the ports in effect (published ports assigned); the spec's are a fallback. */
function toServicePorts(item: WireObject): ServicePort[] {
  const actual = asArray(asObject(item.Endpoint).Ports)
  const specified = asArray(asObject(asObject(item.Spec).EndpointSpec).Ports)
  return (actual.length > 0 ? actual : specified).map((wire) => {
    const port = asObject(wire)
    const publishedPort = asOptionalNumber(port.PublishedPort)
    const publishMode = asOptionalString(port.PublishMode)
    return {
      protocol: port.Protocol === 'udp' || port.Protocol === 'sctp' ? port.Protocol : 'tcp',
      targetPort: asNumber(port.TargetPort),
      ...(publishedPort === undefined || publishedPort === 0 ? {} : { publishedPort }),
      ...(publishMode === undefined ? {} : { publishMode }),
    }
  })
}

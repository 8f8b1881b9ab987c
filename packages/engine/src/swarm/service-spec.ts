import { apiAtLeast } from '../api-version.ts'
import type {
  ServiceFileRef,
  ServiceMountSettings,
  ServiceResourceSettings,
  ServiceRolloutSettings,
  ServiceSettings,
} from './service-settings.ts'

/** The ids of the secrets and configs a spec names, looked up by name before the request. */
export interface FileRefIds {
  secrets: ReadonlyMap<string, string>
  configs: ReadonlyMap<string, string>
}

type Wire = Record<string, unknown>

/** Settings that exist from an API version on: older engines would drop them silently. */
const SINCE: readonly [keyof ServiceSettings, string][] = [
  ['configs', '1.30'],
  ['rollbackConfig', '1.28'],
  ['init', '1.37'],
  ['sysctls', '1.40'],
  ['capAdd', '1.41'],
  ['capDrop', '1.41'],
]

/**
 * The settings this API version cannot carry, as `field (API x.y+)`: the caller refuses them
 * rather than let the engine ignore a setting (an operator's CapabilityDrop, say) unseen.
 */
export function unsupportedSettings(settings: ServiceSettings, apiVersion: string): string[] {
  const problems = SINCE.filter(
    ([field, since]) => settings[field] !== undefined && !apiAtLeast(apiVersion, since),
  ).map(([field, since]) => `${field} (API ${since}+)`)
  if (settings.resources?.limits?.pids !== undefined && !apiAtLeast(apiVersion, '1.41'))
    problems.push('resources.limits.pids (API 1.41+)')
  if (settings.placement?.maxReplicas !== undefined && !apiAtLeast(apiVersion, '1.40'))
    problems.push('placement.maxReplicas (API 1.40+)')
  return problems
}

/** The engine's `ServiceSpec` for these settings. Absent settings are left out, not zeroed. */
export function toServiceSpecWire(settings: ServiceSettings, ids: FileRefIds): Wire {
  const s = settings
  return compact({
    Name: s.name,
    Labels: s.labels,
    TaskTemplate: compact({
      ContainerSpec: compact({
        Image: s.image,
        Labels: s.containerLabels,
        Command: s.command,
        Args: s.args,
        Hostname: s.hostname,
        Env: s.env,
        Dir: s.workdir,
        User: s.user,
        Mounts: s.mounts?.map(toMountWire),
        HealthCheck: s.healthcheck && {
          Test: s.healthcheck.test,
          Interval: s.healthcheck.intervalNs,
          Timeout: s.healthcheck.timeoutNs,
          StartPeriod: s.healthcheck.startPeriodNs,
          Retries: s.healthcheck.retries,
        },
        Secrets: s.secrets?.map((ref) =>
          compact({ File: fileWire(ref), SecretID: idOf(ids.secrets, ref), SecretName: ref.name }),
        ),
        Configs: s.configs?.map((ref) =>
          compact({ File: fileWire(ref), ConfigID: idOf(ids.configs, ref), ConfigName: ref.name }),
        ),
        CapabilityAdd: s.capAdd,
        CapabilityDrop: s.capDrop,
        Sysctls: s.sysctls,
        Init: s.init,
        ReadOnly: s.readOnly,
        StopGracePeriod: s.stopGracePeriodNs,
      }),
      Resources: s.resources && {
        Limits: resourcesWire(s.resources.limits, true),
        Reservations: resourcesWire(s.resources.reservations, false),
      },
      RestartPolicy: s.restartPolicy && {
        Condition: s.restartPolicy.condition,
        Delay: s.restartPolicy.delayNs,
        MaxAttempts: s.restartPolicy.maxAttempts,
        Window: s.restartPolicy.windowNs,
      },
      Placement: s.placement && {
        Constraints: s.placement.constraints,
        Preferences: s.placement.spread?.map((d) => ({ Spread: { SpreadDescriptor: d } })),
        MaxReplicas: s.placement.maxReplicas,
      },
      Networks: s.networks?.map((n) => compact({ Target: n.name, Aliases: n.aliases })),
      LogDriver: s.logDriver && { Name: s.logDriver.name, Options: s.logDriver.options },
    }),
    Mode: s.mode === undefined ? undefined : modeWire(s.mode),
    UpdateConfig: s.updateConfig && rolloutWire(s.updateConfig),
    RollbackConfig: s.rollbackConfig && rolloutWire(s.rollbackConfig),
    EndpointSpec:
      s.ports === undefined && s.endpointMode === undefined
        ? undefined
        : compact({
            Mode: s.endpointMode,
            Ports: s.ports?.map((p) =>
              compact({
                Protocol: p.protocol,
                TargetPort: p.targetPort,
                PublishedPort: p.publishedPort,
                PublishMode: p.mode,
              }),
            ),
          }),
  })
}

function modeWire(mode: NonNullable<ServiceSettings['mode']>): Wire {
  return 'global' in mode ? { Global: {} } : { Replicated: { Replicas: mode.replicated } }
}

function toMountWire(m: ServiceMountSettings): Wire {
  return compact({
    Type: m.type,
    Source: m.source,
    Target: m.target,
    ReadOnly: m.readOnly,
    BindOptions: m.nonRecursive === true ? { NonRecursive: true } : undefined,
    VolumeOptions: m.noCopy === undefined ? undefined : { NoCopy: m.noCopy },
    TmpfsOptions:
      m.tmpfsSizeBytes === undefined && m.tmpfsMode === undefined
        ? undefined
        : compact({ SizeBytes: m.tmpfsSizeBytes, Mode: m.tmpfsMode }),
  })
}

function fileWire(ref: ServiceFileRef): Wire {
  // The engine writes the file as root, mode 0444, unless told otherwise (as the CLI sends).
  return {
    Name: ref.target ?? ref.name,
    UID: ref.uid ?? '0',
    GID: ref.gid ?? '0',
    Mode: ref.mode ?? 0o444,
  }
}

function idOf(ids: ReadonlyMap<string, string>, ref: ServiceFileRef): string {
  return ids.get(ref.name) ?? ''
}

function resourcesWire(r: ServiceResourceSettings | undefined, limits: boolean): Wire | undefined {
  if (r === undefined) return undefined
  return compact({
    NanoCPUs: r.nanoCpus,
    MemoryBytes: r.memoryBytes,
    ...(limits ? { Pids: r.pids } : {}),
  })
}

function rolloutWire(r: ServiceRolloutSettings): Wire {
  return compact({
    Parallelism: r.parallelism,
    Delay: r.delayNs,
    FailureAction: r.failureAction,
    Monitor: r.monitorNs,
    MaxFailureRatio: r.maxFailureRatio,
    Order: r.order,
  })
}

/** The object without its undefined entries (JSON would drop them; tests compare cleaner). */
function compact(object: Wire): Wire {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined))
}

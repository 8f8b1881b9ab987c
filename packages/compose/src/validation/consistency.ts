import type { ComposePath, Issues } from '../issues.ts'
import type { ComposeService } from '../model/service.ts'
import type { ProjectData } from '../normalise/project.ts'
import type { SourceMap } from '../source-map.ts'

/**
 * What compose checks once the model is built (compose-go `loader/validate.go`): every service
 * has an image or a build, refers only to networks, volumes, secrets, configs and services that
 * exist and are enabled, and the dependencies have no cycle. Mutates `dependsOn`: adds the
 * dependency `network_mode: service:x` implies, drops optional dependencies on disabled services.
 */
export function checkConsistency(project: ProjectData, sources: SourceMap, issues: Issues): void {
  const report = (model: ComposePath, yaml: ComposePath, message: string, warn = false) => {
    const at = sources.lookup(model) ?? { line: 1, column: 1 }
    if (warn) issues.warn(message, at, yaml)
    else issues.error(message, at, yaml)
  }
  for (const service of Object.values(project.services)) {
    const base = ['services', service.name]
    if (service.image === undefined && service.build === undefined) {
      report(base, base, `service "${service.name}" has neither an image nor a build context`)
    }
    checkNetworks(project, service, report)
    for (const [index, mount] of service.volumes.entries()) {
      if (mount.type !== 'volume' || mount.source === undefined || mount.source in project.volumes)
        continue
      const at = [...base, 'volumes', index]
      report(at, at, `service "${service.name}" refers to undefined volume "${mount.source}"`)
    }
    for (const kind of ['secrets', 'configs'] as const) {
      for (const [index, grant] of service[kind].entries()) {
        if (grant.source in project[kind]) continue
        const at = [...base, kind, index]
        report(
          at,
          at,
          `service "${service.name}" refers to undefined ${kind.slice(0, -1)} "${grant.source}"`,
        )
      }
    }
    checkDependencies(project, service, report)
  }
  checkCycles(project, report)
}

type Report = (model: ComposePath, yaml: ComposePath, message: string, warn?: boolean) => void

function checkNetworks(project: ProjectData, service: ComposeService, report: Report) {
  const base = ['services', service.name]
  const names = Object.keys(service.networks)
  if (service.networkMode !== undefined && names.length > 0) {
    const at = [...base, 'networks']
    report(
      at,
      at,
      `service "${service.name}" declares mutually exclusive "network_mode" and "networks"`,
    )
  }
  for (const name of names) {
    if (name in project.networks) continue
    report(
      [...base, 'networks', name],
      [...base, 'networks', name],
      `service "${service.name}" refers to undefined network "${name}"`,
    )
  }
  const shared = service.networkMode?.startsWith('service:')
    ? service.networkMode.slice(8)
    : undefined
  if (shared === undefined) return
  if (!(shared in project.services)) {
    report(
      [...base, 'networkMode'],
      [...base, 'network_mode'],
      `service "${shared}" not found for network_mode "service:${shared}"`,
    )
  } else {
    service.dependsOn[shared] ??= { condition: 'service_started', restart: true, required: true }
  }
}

function checkDependencies(project: ProjectData, service: ComposeService, report: Report) {
  for (const [name, dependency] of Object.entries(service.dependsOn)) {
    if (name in project.services) continue
    const model = ['services', service.name, 'dependsOn', name]
    const yaml = ['services', service.name, 'depends_on', name]
    if (!project.disabledServices.includes(name)) {
      report(model, yaml, `service "${service.name}" depends on undefined service "${name}"`)
    } else if (dependency.required) {
      report(
        model,
        yaml,
        `service "${service.name}" depends on service "${name}", which the active profiles disable`,
      )
    } else {
      report(
        model,
        yaml,
        `optional dependency "${name}" is disabled by the active profiles and is ignored`,
        true,
      )
      // The planner gets only dependencies it can act on.
      Reflect.deleteProperty(service.dependsOn, name)
    }
  }
}

function checkCycles(project: ProjectData, report: Report) {
  const done = new Set<string>()
  const visit = (name: string, chain: string[]): boolean => {
    if (chain.includes(name)) {
      const cycle = [...chain.slice(chain.indexOf(name)), name]
      const first = cycle[0] ?? name
      const model = ['services', first, 'dependsOn', cycle[1] ?? name]
      report(
        model,
        ['services', first, 'depends_on'],
        `dependency cycle detected: ${cycle.join(' -> ')}`,
      )
      return false
    }
    if (done.has(name)) return true
    done.add(name)
    const service = project.services[name]
    return Object.keys(service?.dependsOn ?? {}).every((next) =>
      next in project.services ? visit(next, [...chain, name]) : true,
    )
  }
  for (const name of Object.keys(project.services)) if (!visit(name, [])) return
}

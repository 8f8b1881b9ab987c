import type { SwarmNode, SwarmService, SwarmTask } from '@harbormaster/contract'

/** Replicas as `docker service ls` shows them: running/desired (`?` where the engine is silent). */
export function replicasText(service: SwarmService): string {
  return `${service.runningTasks ?? '?'}/${service.desiredTasks ?? service.replicas ?? '?'}`
}

/** Names for the ids a task row carries, falling back to the short id like the CLI. */
export function taskNamers(services: SwarmService[], nodes: SwarmNode[]) {
  const serviceNames = new Map(services.map((s) => [s.id, s.name]))
  const nodeNames = new Map(nodes.map((n) => [n.id, n.hostname]))
  return {
    serviceName: (id: string) => serviceNames.get(id) ?? id.slice(0, 12),
    nodeName: (id: string | undefined) =>
      id === undefined ? '—' : (nodeNames.get(id) ?? id.slice(0, 12)),
  }
}

/** `docker service ps` order: by service, then slot, newest attempt first within a slot. */
export function sortTasks(tasks: SwarmTask[], serviceName: (id: string) => string): SwarmTask[] {
  return [...tasks].sort(
    (a, b) =>
      serviceName(a.serviceId).localeCompare(serviceName(b.serviceId)) ||
      (a.slot ?? 0) - (b.slot ?? 0) ||
      b.timestamp.localeCompare(a.timestamp),
  )
}

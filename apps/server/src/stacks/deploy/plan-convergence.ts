import { containerName } from '../compose-objects.ts'
import type {
  ContainerOp,
  DesiredService,
  DesiredState,
  ObservedContainer,
  ObservedState,
  PlanOptions,
  ResourcePlan,
  ServicePlan,
  ServicesPlan,
  Wait,
} from './plan-types.ts'

/**
 * Networks, volumes and images before any container: create the file's networks and volumes the
 * host lacks (an external one must exist: an error, and nothing is done); pull each image once,
 * as the services' pull policies say (a missing image of a `never` service is an error); then
 * build each built image the host lacks, or whose context changed since we built it.
 */
export function planResources(
  desired: DesiredState,
  observed: ObservedState,
  options: Pick<PlanOptions, 'pull' | 'refresh'>,
  now = Date.now(),
): ResourcePlan {
  const errors: string[] = []
  const steps: ResourcePlan['steps'] = []
  for (const [kind, resources, existing] of [
    ['network', desired.networks, observed.networks],
    ['volume', desired.volumes, observed.volumes],
  ] as const) {
    for (const resource of resources) {
      if (existing.has(resource.name)) continue
      if (resource.external) {
        errors.push(`external ${kind} ${resource.name} not found: create it first`)
        continue
      }
      steps.push({ kind: `create-${kind}`, key: resource.key, name: resource.name })
    }
  }
  const active = desired.services.filter((s) => s.replicas > 0)
  const built = builders(active)
  const pulls = new Set<string>()
  for (const service of active) {
    if (built.has(service.image)) continue
    const present = observed.images.has(service.image)
    const source = service.source?.kind === 'pull' ? service.source : undefined
    const policy = source?.policy ?? 'default'
    if (policy === 'never' && !present) {
      errors.push(
        `image ${service.image} is not on the host and service ${service.name} has pull_policy never: pull or load it first`,
      )
    }
    // As compose: a tag time the engine does not give (zero, absent) makes the refresh due.
    const tagged = observed.tagTimes?.get(service.image) ?? 0
    const pull =
      policy === 'always' ||
      (policy === 'default' && options.pull === 'always') ||
      (policy === 'refresh' && now >= tagged + (source?.everyMs ?? 0)) ||
      (policy !== 'never' && (!present || options.refresh?.has(service.image) === true))
    if (pull) pulls.add(service.image)
  }
  for (const image of [...pulls].sort()) steps.push({ kind: 'pull', image })
  for (const [image, service] of [...built].sort(([a], [b]) => a.localeCompare(b))) {
    if (service.source?.kind !== 'build') continue
    const current =
      observed.images.has(image) && observed.buildDigests?.get(image) === service.source.digest
    if (service.source.rebuild || !current)
      steps.push({ kind: 'build', service: service.name, image })
  }
  return { errors, steps }
}

/**
 * The service that builds each built image: the first by name when two build one name (compose
 * builds it twice, the last one winning). A service that only names an image another builds
 * uses the built one and is not pulled (compose's `isServiceImageToBuild`).
 */
function builders(services: readonly DesiredService[]): Map<string, DesiredService> {
  const built = new Map<string, DesiredService>()
  const byName = [...services].sort((a, b) => a.name.localeCompare(b.name))
  for (const service of byName) {
    if (service.source?.kind === 'build' && !built.has(service.image))
      built.set(service.image, service)
  }
  return built
}

/**
 * Each service's containers, in dependency order, once the images are on the host (their ids in
 * `observed.images`). Per service: a container is kept when its config hash and image id match
 * and its name is the canonical one, else recreated; the lowest numbers are kept up to the
 * replicas and the rest removed (highest numbers first); missing replicas are created with the
 * lowest free numbers; kept containers that are not running are started, except one that
 * completed (exited 0) where another service waits for its completion. Services that depend with
 * `restart: true` on a recreated service have their kept running containers restarted. Orphans
 * (containers of services not in the file) are removed only with `removeOrphans`.
 */
export function planServices(
  desired: DesiredState,
  observed: ObservedState,
  options: Pick<PlanOptions, 'removeOrphans'>,
): ServicesPlan {
  const wanted = new Set(desired.services.map((s) => s.name))
  const live = observed.containers.filter((c) => !c.oneoff)
  const completions = completionServices(desired)
  const recreated = new Set<string>()
  const services: ServicePlan[] = []
  for (const service of inDependencyOrder(desired.services)) {
    const ops = containerOps(
      desired.project,
      service,
      live,
      observed,
      completions.has(service.name),
    )
    if (ops.some((op) => op.kind === 'recreate')) recreated.add(service.name)
    ops.push(...restartsFor(service, ops, live, recreated))
    services.push({
      service: service.name,
      after: Object.keys(service.dependsOn).filter((name) => wanted.has(name)),
      waits: waitsOf(service, desired, ops),
      ops,
    })
  }
  const orphans: ContainerOp[] = options.removeOrphans
    ? live
        .filter((c) => !wanted.has(c.service))
        .sort(byNumberDescending)
        .map((container) => ({ kind: 'remove', service: container.service, container }))
    : []
  return { services, orphans }
}

function containerOps(
  project: string,
  service: DesiredService,
  live: readonly ObservedContainer[],
  observed: ObservedState,
  completes: boolean,
): ContainerOp[] {
  const name = service.name
  const mine = live.filter((c) => c.service === name && c.state !== 'removing')
  const canonical = (c: ObservedContainer) => c.name === containerName(project, name, c.number)
  // One container per number (the canonical one first), lowest numbers first.
  const ordered = [...mine].sort(
    (a, b) =>
      a.number - b.number ||
      Number(canonical(b)) - Number(canonical(a)) ||
      a.name.localeCompare(b.name),
  )
  const kept: ObservedContainer[] = []
  const removed: ObservedContainer[] = []
  for (const container of ordered) {
    const duplicate = kept.some((k) => k.number === container.number)
    if (duplicate || container.number < 1 || kept.length >= service.replicas)
      removed.push(container)
    else kept.push(container)
  }
  const ops: ContainerOp[] = removed
    .sort(byNumberDescending)
    .map((container) => ({ kind: 'remove', service: name, container }))
  const imageId = observed.images.get(service.image) ?? ''
  for (const container of kept) {
    const current =
      canonical(container) &&
      container.hash === service.hash &&
      container.imageId === imageId &&
      container.state !== 'dead'
    const number = container.number
    if (!current) {
      ops.push({
        kind: 'recreate',
        service: name,
        number,
        name: containerName(project, name, number),
        old: container,
      })
    } else if (needsStart(container, completes)) {
      ops.push({ kind: 'start', service: name, container })
    }
  }
  const taken = new Set(live.filter((c) => c.service === name).map((c) => c.number))
  for (let number = 1, missing = service.replicas - kept.length; missing > 0; number++) {
    if (taken.has(number)) continue
    ops.push({ kind: 'create', service: name, number, name: containerName(project, name, number) })
    missing--
  }
  return ops
}

/** Created or exited containers start; a completed one (exit 0) of a completion service stays. */
function needsStart(container: ObservedContainer, completes: boolean): boolean {
  if (container.state === 'created') return true
  if (container.state !== 'exited') return false
  return !(completes && container.exitCode === 0)
}

/** Services another service waits on with `service_completed_successfully`. */
function completionServices(desired: DesiredState): Set<string> {
  return new Set(
    desired.services.flatMap((s) =>
      Object.entries(s.dependsOn)
        .filter(([, dep]) => dep.condition === 'service_completed_successfully')
        .map(([name]) => name),
    ),
  )
}

/** Kept running containers of a service whose `restart: true` dependency was recreated. */
function restartsFor(
  service: DesiredService,
  ops: readonly ContainerOp[],
  live: readonly ObservedContainer[],
  recreated: ReadonlySet<string>,
): ContainerOp[] {
  const restarts = Object.entries(service.dependsOn).some(
    ([name, dep]) => dep.restart && recreated.has(name),
  )
  if (!restarts) return []
  const touched = new Set(
    ops.map((op) =>
      'container' in op ? op.container.id : op.kind === 'recreate' ? op.old.id : '',
    ),
  )
  return live
    .filter((c) => c.service === service.name && c.state === 'running' && !touched.has(c.id))
    .sort((a, b) => a.number - b.number)
    .map((container) => ({ kind: 'restart', service: service.name, container }))
}

/** A service that starts or creates anything first waits for the conditions the file asks. */
function waitsOf(
  service: DesiredService,
  desired: DesiredState,
  ops: readonly ContainerOp[],
): Wait[] {
  if (!ops.some((op) => op.kind !== 'remove')) return []
  const replicas = new Map(desired.services.map((s) => [s.name, s.replicas]))
  return Object.entries(service.dependsOn)
    .filter(([name]) => (replicas.get(name) ?? 0) > 0)
    .flatMap(([name, dep]): Wait[] =>
      dep.condition === 'service_started' ? [] : [{ service: name, condition: dep.condition }],
    )
}

/**
 * Services with each after those it depends on; ties, and a cycle (which the reader refuses),
 * by name, so the order is the same every time.
 */
export function inDependencyOrder(services: readonly DesiredService[]): DesiredService[] {
  const byName = new Map(services.map((s) => [s.name, s]))
  const names = [...byName.keys()].sort((a, b) => a.localeCompare(b))
  const placed = new Set<string>()
  const ordered: DesiredService[] = []
  while (ordered.length < names.length) {
    const ready = names.filter(
      (name) =>
        !placed.has(name) &&
        Object.keys(byName.get(name)?.dependsOn ?? {}).every(
          (dep) => placed.has(dep) || !byName.has(dep),
        ),
    )
    const next = ready.length > 0 ? ready : names.filter((name) => !placed.has(name)).slice(0, 1)
    for (const name of next) {
      placed.add(name)
      const service = byName.get(name)
      if (service) ordered.push(service)
    }
  }
  return ordered
}

function byNumberDescending(a: ObservedContainer, b: ObservedContainer): number {
  return b.number - a.number || a.name.localeCompare(b.name)
}

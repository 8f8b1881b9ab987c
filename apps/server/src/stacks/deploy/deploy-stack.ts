import type { StackStep } from '@harbormaster/contract'
import type { RegistryAuth } from '@harbormaster/engine'
import type { HostContext } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { labelsWithinScope } from '../../policy/index.ts'
import { networkLabels, volumeLabels } from '../compose-objects.ts'
import { planResources, planServices } from './plan-convergence.ts'
import type {
  DesiredService,
  DesiredState,
  PlanOptions,
  ResourceStep,
  ServicePlan,
} from './plan-types.ts'
import { type Operation, line, messageOf } from '../operations/stack-operations.ts'
import { pullImage } from './stack-pull.ts'
import { type ContainerWork, runOp } from './deploy-containers.ts'
import { observe, observeImages } from './deploy-observe.ts'
import type { BuildContext } from '../build/build-context.ts'
import type { ImageSource } from '../build/image-source.ts'
import { buildImage } from '../build/stack-build.ts'
import type { LoadedStack } from '../stack-project.ts'
import { runTasks } from './deploy-tasks.ts'
import { waitFor } from './deploy-waits.ts'

/** A deploy of a loaded, policy-checked stack (up, redeploy, scale). */
export interface Deploy {
  c: HostContext
  op: Operation
  stack: LoadedStack
  dir: string
  /** Labels every object of the stack carries. */
  labels: Record<string, string>
  options: PlanOptions
  /** Replicas that override the file's for this deploy (scale). */
  replicas?: Record<string, number>
  /** Each built service's context, read before the deploy began (stack-build.ts readContexts). */
  contexts: ReadonlyMap<string, BuildContext>
  /** Credentials for an image's pull (a stack's Update: those the update checker uses). */
  registryAuth?: (image: string) => RegistryAuth | undefined
}

/**
 * `up`: observe, plan, act. Networks and volumes first, then pulls and builds (with progress), then each
 * service's containers once the services it depends on are done, independent services at once
 * within the host's slots. A failure stops the deploy with the engine's message; what was
 * created stays, labelled, and the next `up` converges from there. An unchanged stack makes no
 * mutating call: every step comes from a difference the planner found.
 */
export async function* deployStack(deploy: Deploy): AsyncGenerator<StackStep> {
  const { op, c } = deploy
  const desired = desiredState(deploy.stack, deploy.replicas, deploy.contexts)
  const observed = await observe(op, desired, c.var.grant)
  const resources = planResources(desired, observed.state, deploy.options)
  const blocking = [...observed.errors, ...resources.errors]
  if (blocking.length > 0) throw new ApiError(409, 'conflict', blocking.join('; '))
  for (const step of resources.steps) yield* resourceStep(deploy, step)
  const changed = resources.steps.some((step) => step.kind === 'pull' || step.kind === 'build')
  const images = changed ? (await observeImages(op, desired)).images : observed.state.images
  const plan = planServices(desired, { ...observed.state, images }, deploy.options)
  const emitted: StackStep[] = []
  const work = (emit: (line: StackStep) => void): ContainerWork => ({
    c,
    op,
    stack: deploy.stack,
    dir: deploy.dir,
    labels: deploy.labels,
    images,
    emit,
  })
  for (const orphan of plan.orphans) {
    await runOp(
      work((l) => emitted.push(l)),
      orphan,
    )
    yield* emitted.splice(0)
  }
  const tasks = plan.services.map((service) => ({
    id: service.service,
    after: service.after,
    run: (emit: (line: StackStep) => void) => runService(deploy, service, work(emit)),
  }))
  yield* runTasks(tasks, (task) => c.var.host.stackSlots.run(op.signal, task))
}

async function runService(deploy: Deploy, plan: ServicePlan, work: ContainerWork) {
  const removes = plan.ops.filter((op) => op.kind === 'remove')
  for (const op of removes) await runOp(work, op)
  for (const wait of plan.waits) {
    await waitFor(deploy.op, deploy.stack.project.name, wait, deploy.c.var.grant, work.emit, {
      timeoutMs: deploy.c.var.config.stackWaitTimeoutSeconds * 1000,
    })
  }
  for (const op of plan.ops) if (op.kind !== 'remove') await runOp(work, op)
}

/** What the file asks for, in the planner's terms: used networks and volumes only, as compose. */
export function desiredState(
  stack: Pick<LoadedStack, 'project' | 'hashes' | 'images'>,
  replicas: Record<string, number> = {},
  contexts: ReadonlyMap<string, BuildContext> = new Map(),
): DesiredState {
  const { project } = stack
  const services = Object.values(project.services)
  const usedNetworks = new Set(services.flatMap((s) => Object.keys(s.networks)))
  const usedVolumes = new Set(
    services.flatMap((s) =>
      s.volumes.flatMap((m) => (m.type === 'volume' && m.source ? [m.source] : [])),
    ),
  )
  return {
    project: project.name,
    services: services.map((s) => ({
      name: s.name,
      replicas: replicas[s.name] ?? s.replicas,
      hash: stack.hashes.get(s.name) ?? '',
      image: stack.images.get(s.name)?.name ?? s.image ?? '',
      ...sourceOf(stack.images.get(s.name)?.source, contexts.get(s.name)),
      dependsOn: s.dependsOn,
    })),
    networks: Object.entries(project.networks)
      .filter(([key]) => usedNetworks.has(key))
      .map(([key, n]) => ({ key, name: n.name, external: n.external })),
    volumes: Object.entries(project.volumes)
      .filter(([key]) => usedVolumes.has(key))
      .map(([key, v]) => ({ key, name: v.name, external: v.external })),
  }
}

/** The planner's image source; a built service without a read context has none to build. */
function sourceOf(
  source: ImageSource | undefined,
  context: BuildContext | undefined,
): Pick<DesiredService, 'source'> {
  if (source === undefined) return {}
  if (source.kind === 'pull') return { source }
  if (context === undefined) return { source: { kind: 'pull', policy: 'never' } }
  return { source: { kind: 'build', digest: context.digest, rebuild: source.rebuild } }
}

async function* resourceStep(deploy: Deploy, step: ResourceStep): AsyncGenerator<StackStep> {
  if (step.kind === 'pull') {
    yield* pullImage(deploy.op, step.image, deploy.registryAuth?.(step.image))
    return
  }
  if (step.kind === 'build') {
    const context = deploy.contexts.get(step.service)
    if (!context) throw new Error(`no build context read for ${step.service}`)
    yield* buildImage({
      c: deploy.c,
      op: deploy.op,
      project: deploy.stack.project.name,
      service: step.service,
      image: step.image,
      context,
      labels: deploy.labels,
    })
    return
  }
  const { op, c, stack } = deploy
  const project = stack.project
  const scope = c.var.grant.labelScope
  const what = {
    object: step.kind === 'create-network' ? 'network' : 'volume',
    name: step.name,
    action: 'create',
  } as const
  op.signal.throwIfAborted()
  yield line(what, 'started')
  op.changes++
  try {
    if (step.kind === 'create-network') {
      const network = project.networks[step.key]
      if (!network) throw new Error(`no network ${step.key}`)
      const ipam = network.ipam?.config[0]
      await op.engine.networks.create(
        {
          name: step.name,
          driver: network.driver,
          internal: network.internal,
          attachable: network.attachable,
          options: network.driverOpts,
          labels: labelsWithinScope(
            { ...deploy.labels, ...networkLabels(project.name, step.key, network) },
            scope,
          ),
          ...(ipam?.subnet === undefined
            ? {}
            : { ipam: { subnet: ipam.subnet, gateway: ipam.gateway, ipRange: ipam.ipRange } }),
        },
        { signal: op.signal },
      )
    } else {
      const volume = project.volumes[step.key]
      if (!volume) throw new Error(`no volume ${step.key}`)
      await op.engine.volumes.create(
        {
          name: step.name,
          driver: volume.driver,
          driverOpts: volume.driverOpts,
          labels: labelsWithinScope(
            { ...deploy.labels, ...volumeLabels(project.name, step.key, volume) },
            scope,
          ),
        },
        { signal: op.signal },
      )
    }
  } catch (err) {
    if (!op.signal.aborted) yield line(what, 'failed', messageOf(err))
    throw err
  }
  yield line(what, 'done')
}

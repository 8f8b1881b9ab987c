import type { Container, Service } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { visibleContainers } from '../containers/index.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope, requirePrincipal } from '../policy/index.ts'
import { COMPOSE, groupByProject } from './compose-labels.ts'
import { type StackAuthor, StackStore, type StoredStack, notStored } from './stack-store.ts'
import type { StackView } from './stack-views.ts'
import { namespaceServices, swarmStackServices } from './swarm/swarm-stacks.ts'

export function stackStore(c: HostContext): StackStore {
  return new StackStore(c.var.db)
}

/** The caller, as a version or deploy records them. */
export function authorOf(c: HostContext): StackAuthor {
  const principal = requirePrincipal(c)
  return { id: principal.userId, name: principal.username }
}

/**
 * Every stack the caller may see on the host: the compose projects among the containers in
 * their scope (from the host's model, no engine call beyond it), and the stored stacks whose
 * labels are in their scope, even with no container yet.
 */
export async function visibleStacks(c: HostContext): Promise<StackView[]> {
  const projects = groupByProject(await visibleContainers(c))
  const stored = new Map(storedInScope(c).map((stack) => [stack.name, stack]))
  const swarm = await swarmStackServices(c)
  const names = new Set([...projects.keys(), ...stored.keys(), ...swarm.keys()])
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((name) =>
      withSwarm(
        { name, stored: stored.get(name), containers: projects.get(name) ?? [] },
        swarm.get(name),
      ),
    )
}

/** A stack stored as a swarm stack, or with services of its name on the swarm, is a swarm one. */
function withSwarm(view: StackView, services: Service[] | undefined): StackView {
  if (view.stored?.target !== 'swarm' && services === undefined) return view
  return { ...view, swarmServices: services ?? [] }
}

/**
 * One stack as the caller may see it; a 404 when it is neither stored in their scope nor has
 * a container in it, exactly as for a name nobody uses. Its containers come from the host's
 * model, or `from` the engine for what acts on them: the model may not have taken in a change
 * made a moment ago (a restart's start, under load past the model's short wait), and a stop
 * that read such a container as exited would keep it running.
 */
export async function resolveStack(
  c: HostContext,
  name: string,
  from: 'model' | 'engine' = 'model',
): Promise<StackView> {
  const stored = storedStack(c, name)
  const containers =
    from === 'engine'
      ? (await projectContainers(c, name)).filter((container) =>
          inScope(c.var.grant, container.labels),
        )
      : (await visibleContainers(c)).filter(
          (container) => container.labels[COMPOSE.project] === name,
        )
  const services = (await swarmStackServices(c)).get(name)
  if (!stored && containers.length === 0 && services === undefined) throw notStored(name)
  return withSwarm({ name, stored, containers }, services)
}

/** The stored stack of that name in the caller's scope, or undefined. */
export function storedStack(c: HostContext, name: string): StoredStack | undefined {
  const stack = stackStore(c).get(c.var.hostId, name)
  return stack && inScope(c.var.grant, stack.labels) ? stack : undefined
}

/** The stored stack of that name in the caller's scope; a 404 otherwise. */
export function requireStoredStack(c: HostContext, name: string): StoredStack {
  const stack = storedStack(c, name)
  if (!stack) throw notStored(name)
  return stack
}

/**
 * Every container of the project on the host, whoever may see it: whether a name is free, or a
 * stack may be forgotten, does not depend on who asks. Asked of the engine, not the model: a
 * container made a moment ago must count, whether or not its event has arrived.
 */
export async function projectContainers(c: HostContext, name: string): Promise<Container[]> {
  const containers = await c.var.engine.containers.list({
    all: true,
    filters: { label: [`${COMPOSE.project}=${name}`] },
    signal: c.req.raw.signal,
  })
  return containers.filter((container) => container.labels[COMPOSE.project] === name)
}

/** A 409 while the project has containers. */
export async function assertNoContainers(c: HostContext, name: string, why: string) {
  if ((await projectContainers(c, name)).length > 0) throw new ApiError(409, 'conflict', why)
}

/** A 409 while the swarm has services of the stack (whoever may see them). */
export async function assertNoServices(c: HostContext, name: string, why: string) {
  const op = { engine: c.var.engine, signal: c.req.raw.signal }
  if ((await namespaceServices(op, name)).length > 0) throw new ApiError(409, 'conflict', why)
}

function storedInScope(c: HostContext): StoredStack[] {
  return stackStore(c)
    .list(c.var.hostId)
    .filter((stack) => inScope(c.var.grant, stack.labels))
}

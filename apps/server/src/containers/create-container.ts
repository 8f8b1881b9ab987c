import type { ContainerCreateInput, ContainerCreated } from '@harbormaster/contract'
import type { HostContext } from '../app-env.ts'
import { labelsWithinScope } from '../policy/index.ts'
import type { Engine } from '@harbormaster/engine'
import { type NetworkToConnect, checkedCreateSpec } from './create-checks.ts'

/**
 * Creates a container from a validated spec, once it has passed the caller's role and scope
 * (create-checks.ts). The engine receives the object we validated, re-serialised by the engine
 * package, never the client's body.
 */
export async function createContainer(
  c: HostContext,
  spec: ContainerCreateInput,
  start: boolean,
): Promise<ContainerCreated> {
  c.set('auditDetails', { parameters: { ...spec } })
  const checked = await checkedCreateSpec(c, spec)
  const signal = c.req.raw.signal
  const labels = labelsWithinScope(checked.spec.labels, c.var.grant.labelScope)
  const created = await c.var.engine.containers.create({ ...checked.spec, labels }, { signal })
  c.set('auditDetails', { target: created.id, parameters: { ...spec } })
  await connectNetworks(c.var.engine, created.id, checked.connect, signal)
  if (start) await c.var.engine.containers.start(created.id, { signal })
  c.var.host.containers.touch(created.id)
  return created
}

/**
 * Connects a new container to its networks beyond the first, before it starts. A failed connect
 * leaves the container created, labelled and unstarted, and the engine's error is the answer.
 */
export async function connectNetworks(
  engine: Engine,
  id: string,
  networks: readonly NetworkToConnect[],
  signal: AbortSignal,
): Promise<void> {
  for (const { network, aliases, ipv4Address } of networks) {
    await engine.networks.connect(network, id, { aliases, ipv4Address, signal })
  }
}

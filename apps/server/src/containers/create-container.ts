import type { ContainerCreateInput, ContainerCreated } from '@harbormaster/contract'
import { EngineNotFoundError } from '@harbormaster/engine'
import type { Context } from 'hono'
import type { AppEnv } from '../platform/app-env.ts'
import { ApiError } from '../platform/errors.ts'
import {
  isHostPathVolume,
  labelsWithinScope,
  namedVolumesOf,
  refusedContainerSettings,
} from '../policy/index.ts'

/**
 * Creates a container from a validated spec. Non-admins are checked against the settings policy
 * first, including the named volumes they mount (a local volume with bind options is a host path
 * in disguise). The engine receives the object we validated, re-serialised by the engine
 * package, never the client's body.
 */
export async function createContainer(
  c: Context<AppEnv>,
  spec: ContainerCreateInput,
  start: boolean,
): Promise<ContainerCreated> {
  if (c.var.grant.role !== 'admin') await assertAllowedForOperator(c, spec)
  const signal = c.req.raw.signal
  const labels = labelsWithinScope(spec.labels, c.var.grant.labelScope)
  const created = await c.var.engine.containers.create(
    { ...spec, ...(labels ? { labels } : {}) },
    { signal },
  )
  c.set('auditDetails', { target: created.id, parameters: { ...spec } })
  if (start) await c.var.engine.containers.start(created.id, { signal })
  c.var.host.containers.touch(created.id)
  return created
}

async function assertAllowedForOperator(
  c: Context<AppEnv>,
  spec: ContainerCreateInput,
): Promise<void> {
  const host = c.var.hosts.get(c.var.hostId)
  const refused = refusedContainerSettings(spec, {
    allowedBindPrefixes: host?.allowedBindPrefixes ?? [],
  })
  for (const name of namedVolumesOf(spec)) {
    if (await isBindVolume(c, name))
      refused.push(`volume "${name}" (local driver with bind options)`)
  }
  if (refused.length > 0) {
    throw new ApiError(403, 'forbidden', `Only an admin may use: ${refused.join(', ')}`)
  }
}

async function isBindVolume(c: Context<AppEnv>, name: string): Promise<boolean> {
  try {
    const volume = await c.var.engine.volumes.inspect(name, { signal: c.req.raw.signal })
    return isHostPathVolume(volume.driver, volume.options)
  } catch (err) {
    // A volume that does not exist yet is created plain by the engine: nothing to refuse.
    if (err instanceof EngineNotFoundError) return false
    throw err
  }
}

import type { ServiceUpdateInput } from '@harbormaster/contract'
import type { ServiceDetails, ServiceSettings, ServiceWriteOptions } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { callerEnvVisibility, restoreWithheldEnv } from '../policy/index.ts'
import { judgedSettings } from './service-policy.ts'

/**
 * Changes a service's spec the way the edit form does (PATCH .../services/:id): each field the
 * change names replaced whole, env values the caller was shown masked kept, and the spec that
 * results judged by the service policy before it is sent. `expect` looks at the service as it
 * is first (an image update checks it still runs what was checked). The engine's warnings.
 */
export function changeService(
  c: HostContext,
  id: string,
  change: ServiceUpdateInput,
  options: { expect?: (current: ServiceDetails) => void; write?: ServiceWriteOptions } = {},
): Promise<string[]> {
  return c.var.engine.services.update(
    id,
    async (current) => {
      options.expect?.(current)
      if (current.spec.unmodelled.length > 0) throw unmodelledRefusal(current.spec.unmodelled)
      const next = withChanges(current.spec.settings, withheldKept(c, change, current.spec))
      return judgedSettings(c, { settings: next, unmodelled: [] })
    },
    { signal: c.req.raw.signal, ...options.write },
  )
}

/** A spec with fields we cannot read back would lose them if rewritten from settings. */
function unmodelledRefusal(fields: readonly string[]): ApiError {
  return new ApiError(
    409,
    'conflict',
    `This service has settings Harbormaster cannot change (${fields.join(', ')}): update it with the docker CLI`,
  )
}

/** The change with each env value the caller was shown masked and sent back as it is kept. */
function withheldKept(
  c: HostContext,
  change: ServiceUpdateInput,
  current: { settings: ServiceSettings },
): ServiceUpdateInput {
  if (change.env === undefined) return change
  const env = restoreWithheldEnv(change.env, current.settings.env ?? [], callerEnvVisibility(c))
  return { ...change, env }
}

/** The settings with each field the change names replaced whole; JSON has no `undefined`. */
function withChanges(settings: ServiceSettings, change: ServiceUpdateInput): ServiceSettings {
  const given = Object.entries(change).filter(([, value]) => value !== undefined)
  return { ...settings, ...(Object.fromEntries(given) as Partial<ServiceSettings>) }
}

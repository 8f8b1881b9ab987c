import {
  type SwarmFileCreated,
  swarmFileCreateSchema,
  swarmFileParamsSchema,
  hostParamsSchema,
} from '@harbormaster/contract'
import { EngineNotFoundError, type SwarmSecret } from '@harbormaster/engine'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import {
  inScope,
  labelsWithinScope,
  may,
  refusalMessage,
  requireHostAction,
  reservedLabels,
} from '../policy/index.ts'

type Kind = 'secret' | 'config'

/**
 * Mounted at `/api/hosts/:hostId/swarm/secrets` and `/swarm/configs` (lists are on the swarm
 * read routes): create and remove. A value goes to the engine once and is in no answer and no
 * audit record; a label-scoped caller's carry the scope label and only theirs can be removed.
 */
export const swarmFileRoutes = (kind: Kind) =>
  new Hono<AppEnv>()
    .post(
      '/',
      audited(`${kind}.create`, (c) => c.var.auditDetails?.target),
      requireHostAction('swarm-file.change'),
      validate('param', hostParamsSchema),
      validate('json', swarmFileCreateSchema),
      async (c) => {
        const { name, labels, value, valueBase64 } = c.req.valid('json')
        c.set('auditDetails', { target: name, parameters: { name, labels } })
        const reserved = reservedLabels(labels)
        if (reserved.length > 0 && !may(c, 'container.create.unrestricted'))
          throw new ApiError(403, 'forbidden', refusalMessage(reserved))
        const data =
          valueBase64 === undefined
            ? Buffer.from(value ?? '', 'utf8')
            : Buffer.from(valueBase64, 'base64')
        const created = await api(c, kind).create(
          { name, labels: labelsWithinScope(labels, c.var.grant.labelScope), data },
          { signal: c.req.raw.signal },
        )
        return c.json<SwarmFileCreated>(created, 201)
      },
    )
    .delete(
      '/:id',
      audited(`${kind}.remove`, (c) => c.req.param('id')),
      requireHostAction('swarm-file.change'),
      validate('param', swarmFileParamsSchema),
      async (c) => {
        const { id } = c.req.valid('param')
        const found = await resolve(c, kind, id)
        c.set('auditDetails', { target: found.id })
        await api(c, kind).remove(found.id, { signal: c.req.raw.signal })
        return c.body(null, 204)
      },
    )

function api(c: HostContext, kind: Kind) {
  return kind === 'secret' ? c.var.engine.secrets : c.var.engine.configs
}

/** By id or name, hidden (404) outside the caller's label scope. */
async function resolve(c: HostContext, kind: Kind, idOrName: string): Promise<SwarmSecret> {
  try {
    const found = await api(c, kind).inspect(idOrName, { signal: c.req.raw.signal })
    if (inScope(c.var.grant, found.labels)) return found
  } catch (err) {
    if (!(err instanceof EngineNotFoundError)) throw err
  }
  throw new ApiError(404, 'not_found', `No such ${kind}: ${idOrName}`)
}

import {
  MASKED_ENV_VALUE,
  type StackAdoption,
  type StackFiles,
  stackAdoptSchema,
  stackParamsSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { validate } from '../../platform/validate.ts'
import { labelsWithinScope, requireHostAction } from '../../policy/index.ts'
import { restoreMaskedEnv } from '../env-text.ts'
import { toStackFiles, writeDirectory } from '../routes.ts'
import { authorOf, stackStore } from '../stack-access.ts'

/**
 * Adoption (the compose generator, the YAML writer, the reader of a CLI project's files) is
 * loaded on the first adoption, not at start: most servers never adopt, and it is megabytes of
 * resident memory.
 */
const adoption = () => import('./adoption.ts')

const target = (c: Context<AppEnv>) => c.req.param('name')

/**
 * Mounted at `/api/hosts/:hostId/stacks`: adopting a compose CLI project. Both routes need
 * `stack.change`: the adoption is only ever read to be saved, and it holds environment values
 * of the project's containers, which a viewer does not see.
 */
export const stackAdoptionRoutes = new Hono<AppEnv>()
  .get(
    '/:name/adoption',
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const { adoptionOf, requireCliProject, toStackAdoption } = await adoption()
      const containers = await requireCliProject(c, name)
      const proposed = await adoptionOf(c, name, containers)
      return c.json<StackAdoption>(toStackAdoption(c, proposed), 200)
    },
  )
  .post(
    '/:name/adopt',
    audited('stack.adopt', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('json', stackAdoptSchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const { compose, env, comment } = c.req.valid('json')
      c.set('auditDetails', { parameters: { version: 1 } })
      const { adoptionOf, requireCliProject } = await adoption()
      const containers = await requireCliProject(c, name)
      // A mask keeps the value the adoption found, found again now: the caller never saw it.
      const found = env.includes(MASKED_ENV_VALUE)
        ? (await adoptionOf(c, name, containers)).env
        : ''
      const files = { compose, env: restoreMaskedEnv(env, found), comment }
      const labels = labelsWithinScope(undefined, c.var.grant.labelScope) ?? {}
      const stored = stackStore(c).create(
        { hostId: c.var.hostId, name, labels },
        files,
        authorOf(c),
        writeDirectory(c, name),
      )
      return c.json<StackFiles>(toStackFiles(c, stored), 201)
    },
  )

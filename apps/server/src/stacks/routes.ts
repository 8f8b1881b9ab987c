import {
  type StackDetails,
  type StackFiles,
  type StackSummary,
  type StackTarget,
  type StackVersion,
  hostParamsSchema,
  stackCreateSchema,
  stackParamsSchema,
  stackSaveSchema,
  stackVersionParamsSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { callerEnvVisibility, labelsWithinScope, may, requireHostAction } from '../policy/index.ts'
import { maskEnvText, restoreMaskedEnv } from './env-text.ts'
import { fileServices } from './file-services.ts'
import { claimStack } from './operations/stack-claims.ts'
import {
  assertNoContainers,
  assertNoServices,
  authorOf,
  requireStoredStack,
  resolveStack,
  stackStore,
  visibleStacks,
} from './stack-access.ts'
import {
  COMPOSE_FILE,
  ENV_FILE,
  ensureStackDirectory,
  removeStackDirectory,
  writeStackFiles,
} from './stack-dir.ts'
import { type StoredVersion, notStored } from './stack-store.ts'
import { toStackDetails, toStackSummary } from './stack-views.ts'
import { containersBehind, updatesField } from './stack-updates.ts'

const target = (c: Context<AppEnv>) => c.req.param('name')

/**
 * Mounted at `/api/hosts/:hostId/stacks`: the stacks of a host (ours and the compose CLI's) and
 * the stored files of ours, with every saved version. Lifecycle is in operation-routes.ts.
 */
export const stackRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('stack.read'), validate('param', hostParamsSchema), async (c) => {
    const stacks = await visibleStacks(c)
    const behind = containersBehind(c)
    const summaries = stacks.map((view) => ({
      ...toStackSummary(view),
      ...updatesField(c, view, behind),
    }))
    return c.json<StackSummary[]>(summaries, 200)
  })
  .post(
    '/',
    audited('stack.create', (c) => c.var.auditDetails?.target),
    requireHostAction('stack.change'),
    validate('param', hostParamsSchema),
    validate('json', stackCreateSchema),
    async (c) => {
      const { name, compose, env, comment } = c.req.valid('json')
      const target = await stackTarget(c, c.req.valid('json').target)
      c.set('auditDetails', { target: name, parameters: { version: 1, target } })
      // Whoever stored it (in the caller's scope or not), the name is taken on this host.
      if (stackStore(c).get(c.var.hostId, name)) {
        throw new ApiError(409, 'conflict', `A stack named ${name} exists on this host`)
      }
      await assertNoContainers(
        c,
        name,
        `Containers of a compose project named ${name} exist on this host: adopt the project ` +
          'instead of creating a stack of that name',
      )
      if (target === 'swarm')
        await assertNoServices(
          c,
          name,
          `Services of a swarm stack named ${name} exist on this swarm: remove that stack first`,
        )
      // A mask means "the stored value", and a new stack has none: a 400 naming the line.
      const files = { compose, env: restoreMaskedEnv(env, ''), comment }
      const labels = labelsWithinScope(undefined, c.var.grant.labelScope) ?? {}
      const stored = stackStore(c).create(
        { hostId: c.var.hostId, name, labels, target },
        files,
        authorOf(c),
        writeDirectory(c, name),
      )
      return c.json<StackFiles>(toStackFiles(c, stored), 201)
    },
  )
  .get(
    '/:name',
    requireHostAction('stack.read'),
    validate('param', stackParamsSchema),
    async (c) => {
      const view = await resolveStack(c, c.req.valid('param').name)
      const details = toStackDetails(view, await fileServices(c, view))
      return c.json<StackDetails>({ ...details, ...updatesField(c, view) }, 200)
    },
  )
  .put(
    '/:name',
    audited('stack.save', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('json', stackSaveSchema),
    (c) => {
      const { name } = c.req.valid('param')
      const { compose, env, baseVersion, comment } = c.req.valid('json')
      c.set('auditDetails', { parameters: { baseVersion } })
      requireStoredStack(c, name)
      const store = stackStore(c)
      const latest = store.latest(c.var.hostId, name)
      if (!latest) throw notStored(name)
      // Checked against the latest version again inside the store's transaction.
      const files = { compose, env: restoreMaskedEnv(env, latest.env), comment }
      const stored = store.save(
        { hostId: c.var.hostId, name },
        baseVersion,
        files,
        authorOf(c),
        writeDirectory(c, name),
      )
      c.set('auditDetails', { parameters: { baseVersion, version: stored.version } })
      return c.json<StackFiles>(toStackFiles(c, stored), 200)
    },
  )
  .delete(
    '/:name',
    audited('stack.delete', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const stack = requireStoredStack(c, name)
      c.set('auditDetails', { parameters: { version: stack.saved.version } })
      // Not while a deploy may be creating the containers checked for below.
      const release = claimStack(c, name, 'removal')
      try {
        await assertNoContainers(
          c,
          name,
          `Stack ${name} still has containers: take it down first, so nothing keeps running ` +
            'without its file',
        )
        if (stack.target === 'swarm')
          await assertNoServices(
            c,
            name,
            `Stack ${name} still has services: take it down first, so nothing keeps running ` +
              'without its file',
          )
        stackStore(c).remove(c.var.hostId, name, () => {
          removeStackDirectory(c.var.config.dataDir, c.var.hostId, name)
        })
      } finally {
        release()
      }
      return c.body(null, 204)
    },
  )
  .get(
    '/:name/files',
    requireHostAction('stack.read'),
    validate('param', stackParamsSchema),
    (c) => {
      const { name } = c.req.valid('param')
      requireStoredStack(c, name)
      const latest = stackStore(c).latest(c.var.hostId, name)
      if (!latest) throw notStored(name)
      return c.json<StackFiles>(toStackFiles(c, latest), 200)
    },
  )
  .get(
    '/:name/versions',
    requireHostAction('stack.read'),
    validate('param', stackParamsSchema),
    (c) => {
      const { name } = c.req.valid('param')
      requireStoredStack(c, name)
      const versions = stackStore(c).versions(c.var.hostId, name)
      return c.json<StackVersion[]>(
        versions.map(({ savedAt, ...version }) => ({
          ...version,
          savedAt: new Date(savedAt).toISOString(),
        })),
        200,
      )
    },
  )
  .get(
    '/:name/versions/:version',
    requireHostAction('stack.read'),
    validate('param', stackVersionParamsSchema),
    (c) => {
      const { name, version } = c.req.valid('param')
      requireStoredStack(c, name)
      const stored = stackStore(c).version(c.var.hostId, name, version)
      if (!stored) throw new ApiError(404, 'not_found', `No version ${version} of stack ${name}`)
      return c.json<StackFiles>(toStackFiles(c, stored), 200)
    },
  )

/**
 * How a new stack deploys: as asked (swarm only on a manager), else `swarm` on a swarm manager
 * (what a stack there is for), `compose` elsewhere.
 */
async function stackTarget(c: HostContext, asked: StackTarget | undefined): Promise<StackTarget> {
  if (asked === 'compose') return 'compose'
  const manager = await c.var.engine.swarm.isManager({ signal: c.req.raw.signal })
  if (asked === 'swarm' && !manager)
    throw new ApiError(
      400,
      'invalid_request',
      'This host is not a swarm manager: a swarm stack cannot deploy here',
    )
  return manager ? 'swarm' : 'compose'
}

/** A version's files as the caller may see them: `.env` values masked like container env. */
export function toStackFiles(c: HostContext, stored: StoredVersion): StackFiles {
  const visibility = callerEnvVisibility(c)
  const { env, maskedEnv } = maskEnvText(stored.env, visibility, may(c, 'env.secret-values'))
  return {
    version: stored.version,
    compose: stored.compose,
    env,
    maskedEnv,
    savedAt: new Date(stored.savedAt).toISOString(),
    savedBy: stored.savedBy,
    ...(stored.comment === undefined ? {} : { comment: stored.comment }),
  }
}

/** Writes a stored version's files into the stack's directory (inside the store's transaction). */
export function writeDirectory(c: HostContext, name: string) {
  return (stored: StoredVersion) => {
    const dir = ensureStackDirectory(c.var.config.dataDir, c.var.hostId, name)
    writeStackFiles(dir, { [COMPOSE_FILE]: stored.compose, [ENV_FILE]: stored.env })
  }
}

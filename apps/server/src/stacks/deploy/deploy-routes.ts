import {
  type StackStep,
  type StackValidation,
  hostParamsSchema,
  stackParamsSchema,
  stackScaleSchema,
  stackUpSchema,
  stackValidateSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { describeIssues } from './describe-issues.ts'
import { audited } from '../../audit/index.ts'
import type { AppEnv, HostContext } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { abortWithClient, streamNdjson } from '../../platform/ndjson-response.ts'
import { validate } from '../../platform/validate.ts'
import { requireHostAction } from '../../policy/index.ts'
import { type Deploy, deployStack } from './deploy-stack.ts'
import { policyIssues } from './deploy-policy.ts'
import { readContexts } from '../build/stack-build.ts'
import { type LoadedStack, loadStack } from '../stack-project.ts'
import { restoreMaskedEnv } from '../env-text.ts'
import {
  authorOf,
  requireStoredStack,
  resolveStack,
  stackStore,
  storedStack,
} from '../stack-access.ts'
import { stackImageUpdates, updateCredentials } from '../stack-updates.ts'
import {
  COMPOSE_FILE,
  ENV_FILE,
  ensureStackDirectory,
  stackDirectory,
  writeStackFiles,
} from '../stack-dir.ts'
import { claimStack, releasing } from '../operations/stack-claims.ts'
import { swarmIssues, swarmUp } from '../swarm/swarm-up.ts'
import { swarmUpdate } from '../swarm/swarm-update.ts'
import { type Operation, withDone } from '../operations/stack-operations.ts'
import type { StoredStack, StoredVersion } from '../stack-store.ts'

const target = (c: Context<AppEnv>) => c.req.param('name')

/**
 * Mounted at `/api/hosts/:hostId/stacks`: deploying a managed stack from its file. `validate`
 * answers the editor (nothing created); `up` and `scale` check the whole plan against the
 * caller's policy before the first engine call, then stream NDJSON `StackLine`s as the plan is
 * carried out. Redeploy is `up` with `pull: always`.
 */
export const stackDeployRoutes = new Hono<AppEnv>()
  .post(
    '/validate',
    // Interpolated values in messages may quote `.env` values: only callers who may read them.
    requireHostAction('stack.change'),
    validate('param', hostParamsSchema),
    validate('json', stackValidateSchema),
    async (c) => {
      const { name, compose, env } = c.req.valid('json')
      // Another team's stack of that name is not ours to read files from: as if none existed.
      const stored = storedStack(c, name)
      const target = c.req.valid('json').target ?? stored?.target ?? 'compose'
      const latest = stored && stackStore(c).latest(c.var.hostId, name)
      const loaded = await loadStack({
        name,
        compose,
        env: restoreMaskedEnv(env, latest?.env ?? ''),
        dir: stackDirectory(c.var.config.dataDir, c.var.hostId, name),
        dirExists: latest !== undefined,
        visibleToEngine: c.var.host.seesServerFiles && target !== 'swarm',
        target,
      })
      if (!loaded.ok) return c.json<StackValidation>({ issues: loaded.issues, services: [] }, 200)
      const issues =
        target === 'swarm'
          ? await swarmIssues(c, loaded.stack, stored?.labels ?? {})
          : await policyIssues(c, loaded.stack)
      const services = Object.keys(loaded.stack.project.services)
      return c.json<StackValidation>({ issues, services }, 200)
    },
  )
  .post(
    '/:name/up',
    audited('stack.up', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    validate('json', stackUpSchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const { version, pull, removeOrphans } = c.req.valid('json')
      const stack = requireStoredStack(c, name)
      const files = versionOf(c, stack, version ?? stack.saved.version)
      c.set('auditDetails', { parameters: { version: files.version, pull, removeOrphans } })
      if (stack.target === 'swarm') return swarmUp(c, stack, files)
      return whileClaimed(c, name, async (release) => {
        const dir = ensureStackDirectory(c.var.config.dataDir, c.var.hostId, name)
        writeStackFiles(dir, { [COMPOSE_FILE]: files.compose, [ENV_FILE]: files.env })
        const loaded = await checkedStack(c, name, files, dir)
        const options = { pull, removeOrphans }
        return streamDeploy(c, { stack, loaded, dir, options, release }, () => {
          stackStore(c).recordDeploy({ hostId: c.var.hostId, name }, files.version, authorOf(c))
        })
      })
    },
  )
  .post(
    '/:name/scale',
    audited('stack.scale', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    validate('json', stackScaleSchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const { service, replicas } = c.req.valid('json')
      const stack = requireStoredStack(c, name)
      if (stack.target === 'swarm') {
        const how = `scale its services (/swarm/services/${name}_${service}/scale)`
        throw new ApiError(400, 'invalid_request', `Stack ${name} runs on a swarm: ${how}`)
      }
      // The version running now: scaling must not deploy a version saved since.
      const files = versionOf(c, stack, stack.deployed?.version ?? stack.saved.version)
      c.set('auditDetails', { parameters: { version: files.version, service, replicas } })
      return whileClaimed(c, name, async (release) => {
        const dir = ensureStackDirectory(c.var.config.dataDir, c.var.hostId, name)
        const loaded = await checkedStack(c, name, files, dir)
        if (!(service in loaded.project.services)) {
          throw new ApiError(404, 'not_found', `No service ${service} in stack ${name}`)
        }
        const options = { pull: 'missing', removeOrphans: false } as const
        const scaled = { [service]: replicas }
        return streamDeploy(c, { stack, loaded, dir, options, replicas: scaled, release })
      })
    },
  )
  .post(
    '/:name/update',
    audited('stack.update', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const stack = requireStoredStack(c, name)
      if (stack.target === 'swarm') return swarmUpdate(c, stack)
      // The version running now, as scale: an update must not deploy a version saved since.
      const files = versionOf(c, stack, stack.deployed?.version ?? stack.saved.version)
      const view = await resolveStack(c, name, 'engine')
      const images = [...new Set(stackImageUpdates(c, view.containers).values())].sort()
      if (images.length === 0) {
        throw new ApiError(
          409,
          'conflict',
          `The last image update check found no update for stack ${name}: check again first`,
        )
      }
      c.set('auditDetails', { parameters: { version: files.version, images } })
      return whileClaimed(c, name, async (release) => {
        const dir = ensureStackDirectory(c.var.config.dataDir, c.var.hostId, name)
        const loaded = await checkedStack(c, name, files, dir)
        // Only these images are pulled; the planner then recreates the containers whose image
        // id moved (and restarts those that depend on them with `restart: true`, as `up`).
        const options = { pull: 'missing', refresh: new Set(images), removeOrphans: false } as const
        const registryAuth = (image: string) => updateCredentials(c, image)
        return streamDeploy(c, { stack, loaded, dir, options, release, registryAuth })
      })
    },
  )

function versionOf(c: HostContext, stack: StoredStack, version: number): StoredVersion {
  const files = stackStore(c).version(c.var.hostId, stack.name, version)
  if (!files) throw new ApiError(404, 'not_found', `No version ${version} of stack ${stack.name}`)
  return files
}

/** A stack checked whole, with its build contexts read. */
type CheckedStack = LoadedStack & { contexts: Deploy['contexts'] }

/**
 * The stack read and checked whole before anything is done: a file error is a 400, a setting
 * this caller may not use a 403, each naming the service's key and its line; then each build
 * context is read (a context that cannot be packed is a 400 at its `build`).
 */
async function checkedStack(
  c: HostContext,
  name: string,
  files: StoredVersion,
  dir: string,
): Promise<CheckedStack> {
  const loaded = await loadStack({
    name,
    compose: files.compose,
    env: files.env,
    dir,
    dirExists: true,
    visibleToEngine: c.var.host.seesServerFiles,
  })
  if (!loaded.ok) throw new ApiError(400, 'invalid_request', describeIssues(loaded.issues))
  const issues = await policyIssues(c, loaded.stack)
  const errors = issues.filter((issue) => issue.kind === 'error')
  if (errors.length > 0) throw new ApiError(400, 'invalid_request', describeIssues(errors))
  if (issues.length > 0) throw new ApiError(403, 'forbidden', describeIssues(issues))
  return { ...loaded.stack, contexts: await readContexts(c, loaded.stack) }
}

/**
 * `compose.yaml:12 services.web.privileged: Only an admin may use: privileged; …`: the path
 * once, from the issue's `path` (messages do not repeat it), none for the file as a whole.
 */

interface DeployRequest {
  stack: StoredStack
  loaded: CheckedStack
  dir: string
  options: Deploy['options']
  replicas?: Record<string, number>
  registryAuth?: Deploy['registryAuth']
  /** Ends the deploy's claim on the stack (see whileClaimed), once its steps are over. */
  release: () => void
}

/**
 * Runs `start` holding the stack's claim on this host (stack-claims.ts): a deploy while another
 * operation of the same stack runs is refused (409) before it reads or writes anything. `start`
 * hands `release` to the stream, which lets go when its steps end (done, failed or the client
 * gone); a refusal before the stream lets go at once.
 */
async function whileClaimed(
  c: HostContext,
  name: string,
  start: (release: () => void) => Promise<Response>,
): Promise<Response> {
  const release = claimStack(c, name, 'deploy')
  try {
    return await start(release)
  } catch (err) {
    release()
    throw err
  }
}

/** Streams the deploy's steps with the client's signal; `onDone` runs once it succeeded. */
function streamDeploy(
  c: HostContext,
  request: DeployRequest,
  onDone: () => void = () => undefined,
) {
  const work = abortWithClient(c)
  const host = c.var.host
  const op: Operation = {
    engine: c.var.engine,
    signal: work.signal,
    touch: (id) => {
      host.containers.touch(id)
    },
    changes: 0,
  }
  const deploy: Deploy = {
    c,
    op,
    stack: request.loaded,
    dir: request.dir,
    labels: request.stack.labels,
    options: request.options,
    contexts: request.loaded.contexts,
    ...(request.replicas ? { replicas: request.replicas } : {}),
    ...(request.registryAuth ? { registryAuth: request.registryAuth } : {}),
  }
  async function* steps(): AsyncGenerator<StackStep> {
    yield* deployStack(deploy)
    onDone()
  }
  return streamNdjson(c, withDone(op, releasing(steps, request.release)), work)
}

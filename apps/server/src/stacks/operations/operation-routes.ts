import { type StackStep, stackDownSchema, stackParamsSchema } from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv, HostContext } from '../../app-env.ts'
import { abortWithClient, streamNdjson } from '../../platform/ndjson-response.ts'
import { validate } from '../../platform/validate.ts'
import { requireHostAction } from '../../policy/index.ts'
import { removeNetworks, removeVolumes } from './down-resources.ts'
import { serviceOf } from '../compose-labels.ts'
import { deployedProject } from '../file-services.ts'
import { resolveStack } from '../stack-access.ts'
import { type StackWork, claimStack, releasing } from './stack-claims.ts'
import {
  type Operation,
  removeContainers,
  restartContainers,
  startContainers,
  stopContainers,
  withDone,
} from './stack-operations.ts'
import { pullImages } from '../deploy/stack-pull.ts'
import type { StackView } from '../stack-views.ts'
import { removeSwarmStack } from '../swarm/swarm-stacks.ts'

const target = (c: Context<AppEnv>) => c.req.param('name')

type Steps = (op: Operation, view: StackView) => AsyncIterable<StackStep>

/**
 * Mounted at `/api/hosts/:hostId/stacks`: lifecycle without a file, for the compose CLI's
 * projects and ours alike, from the labels of the project's containers in the caller's scope.
 * Each answers NDJSON `StackLine`s: a step per object, then `done` with the count of mutating
 * engine calls, or an error envelope as the last line. A client that goes away ends the
 * operation: nothing more is started, and the call in flight is aborted.
 */
export const stackOperationRoutes = new Hono<AppEnv>()
  .post(
    '/:name/start',
    audited('stack.start', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    (c) => operate(c, 'start', (op, view) => startContainers(op, view.containers)),
  )
  .post(
    '/:name/stop',
    audited('stack.stop', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    (c) => operate(c, 'stop', (op, view) => stopContainers(op, view.containers)),
  )
  .post(
    '/:name/restart',
    audited('stack.restart', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    (c) => operate(c, 'restart', (op, view) => restartContainers(op, view.containers)),
  )
  .post(
    '/:name/down',
    audited('stack.down', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    validate('json', stackDownSchema),
    (c) => {
      const { volumes, removeOrphans } = c.req.valid('json')
      const { grant } = c.var
      return operate(
        c,
        'down',
        async function* (op, view) {
          if (view.swarmServices) {
            yield* removeSwarmStack(op, view.name, grant)
            return
          }
          const services = removeOrphans ? undefined : await deployedServices(c, view)
          const containers = services
            ? view.containers.filter((container) => services.has(serviceOf(container)))
            : view.containers
          yield* down(op, { ...view, containers }, { volumes, grant })
        },
        { volumes, removeOrphans },
      )
    },
  )
  .post(
    '/:name/pull',
    audited('stack.pull', target),
    requireHostAction('stack.operate'),
    validate('param', stackParamsSchema),
    (c) => operate(c, 'pull', (op, view) => pullImages(op, view.containers)),
  )

/**
 * Resolves the stack (a 404 before anything streams), takes its claim (a 409 while a deploy or
 * another operation of it runs, stack-claims.ts), records the version it is at for the audit,
 * and streams the steps with the client's signal; the claim ends with the stream.
 */
async function operate(
  c: HostContext,
  what: StackWork,
  steps: Steps,
  parameters: Record<string, unknown> = {},
) {
  const view = await resolveStack(c, c.req.param('name') ?? '', 'engine')
  c.set('auditDetails', {
    parameters: { ...parameters, ...(view.stored ? { version: view.stored.saved.version } : {}) },
  })
  const release = claimStack(c, view.name, what)
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
  return streamNdjson(
    c,
    withDone(
      op,
      releasing(() => steps(op, view), release),
    ),
    work,
  )
}

/**
 * The services of a managed stack's deployed version (or its latest, before any deploy), so a
 * down without `removeOrphans` leaves the containers of services the file no longer has, as
 * `docker compose down` does. Undefined for a CLI stack, or a file that no longer reads.
 */
async function deployedServices(c: HostContext, view: StackView): Promise<Set<string> | undefined> {
  const project = await deployedProject(c, view)
  return project && new Set(Object.keys(project.services))
}

/**
 * `docker compose down` without a file: stop the containers (dependents first), remove them,
 * then the project's networks (one still in use stays, said so), and its volumes only when
 * asked; external networks and volumes are never the project's. Without a file every container
 * labelled with the project is one of its services; a managed stack's route leaves out the
 * orphans of its file unless `removeOrphans` (deployedServices).
 */
async function* down(
  op: Operation,
  view: StackView,
  options: { volumes: boolean; grant: HostContext['var']['grant'] },
): AsyncGenerator<StackStep> {
  yield* stopContainers(op, view.containers)
  yield* removeContainers(op, view.containers, options.volumes)
  yield* removeNetworks(op, view.name, options.grant)
  if (options.volumes) yield* removeVolumes(op, view.name, options.grant)
}

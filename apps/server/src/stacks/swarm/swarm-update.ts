import type { StackStep } from '@harbormaster/contract'
import type { HostContext } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { abortWithClient, streamNdjson } from '../../platform/ndjson-response.ts'
import { changeService, changedSinceCheck, serviceUpdates } from '../../swarm/index.ts'
import { claimStack, releasing } from '../operations/stack-claims.ts'
import { type Operation, perform, withDone } from '../operations/stack-operations.ts'
import { resolveStack } from '../stack-access.ts'
import type { StoredStack } from '../stack-store.ts'
import { updateCredentials } from '../stack-updates.ts'
import { serviceKey } from './swarm-stacks.ts'

/**
 * Update of a swarm stack: each of its services the last check found behind its tag gets the
 * tag at the new digest, as `docker stack deploy --resolve-image always` pins it on a redeploy;
 * the others, and the rest of every spec, stay as they are (no file is read: the stack's
 * version does not change). Each change goes through the service edit path, so the service
 * policy judges it; Swarm rolls each service over with its own update config. Streamed as
 * NDJSON steps, as a deploy is.
 */
export async function swarmUpdate(c: HostContext, stack: StoredStack): Promise<Response> {
  const view = await resolveStack(c, stack.name)
  const updates = serviceUpdates(c, view.swarmServices ?? [])
  if (updates.length === 0) {
    throw new ApiError(
      409,
      'conflict',
      `The last image update check found no update for stack ${stack.name}: check again first`,
    )
  }
  c.set('auditDetails', {
    parameters: { images: updates.map((update) => update.image).sort() },
  })
  const release = claimStack(c, stack.name, 'deploy')
  try {
    const work = abortWithClient(c)
    const op: Operation = {
      engine: c.var.engine,
      signal: work.signal,
      touch: () => undefined,
      changes: 0,
    }
    async function* steps(): AsyncGenerator<StackStep> {
      for (const { service, checkedImage, image } of updates) {
        const step = {
          object: 'service' as const,
          name: service.name,
          service: serviceKey(stack.name, service.name),
          action: 'update' as const,
        }
        yield* perform(op, step, async () => {
          await changeService(
            c,
            service.id,
            { image },
            {
              expect: (current) => {
                if (current.spec.settings.image !== checkedImage)
                  throw changedSinceCheck(service.name)
              },
              write: { registryAuth: updateCredentials(c, image), signal: op.signal },
            },
          )
        })
      }
    }
    return streamNdjson(c, withDone(op, releasing(steps, release)), work)
  } catch (err) {
    release()
    throw err
  }
}

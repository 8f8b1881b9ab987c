import type { ComposePath } from '../issues.ts'
import type { RolloutConfig, SwarmDeploy } from '../model/service.ts'
import type { Cursor } from './cursor.ts'
import { durationOf, keyValues } from './service-parts.ts'

const MODES = ['replicated', 'global', 'replicated-job', 'global-job']
const FAILURE_ACTIONS = ['pause', 'continue', 'rollback']
const ORDERS = ['stop-first', 'start-first']
const CONDITIONS = ['none', 'on-failure', 'any']

/**
 * The `deploy:` keys a swarm honours beyond `replicas` and `resources` (read by
 * normaliseDeploy): mode, service labels, endpoint mode, placement, update and rollback
 * configs and the restart policy. Undefined when the file sets none of them.
 */
export function normaliseSwarmDeploy(
  deploy: Cursor | undefined,
  model: ComposePath,
): SwarmDeploy | undefined {
  if (deploy?.node.kind !== 'map') return undefined
  // Model paths keep the file's keys (`services.web.deploy.update_config`), for `sourceOf`.
  const at = (key: string) => {
    const field = deploy.get(key)?.as([...model, 'deploy', key])
    field?.record()
    return field
  }
  const result: SwarmDeploy = {}
  const mode = oneOf(at('mode'), MODES)
  if (mode !== undefined) result.mode = mode
  const labels = at('labels')
  if (labels) result.labels = keyValues(labels)
  const endpointMode = oneOf(at('endpoint_mode'), ['vip', 'dnsrr'])
  if (endpointMode !== undefined) result.endpointMode = endpointMode
  const placement = at('placement')
  if (placement) {
    const spread = placement
      .get('preferences')
      ?.items()
      .flatMap((item) => {
        const text = item.get('spread')?.text()
        return text === undefined ? [] : [text]
      })
    const max = placement.get('max_replicas_per_node')?.integer()
    result.placement = {
      constraints: placement.get('constraints')?.strings() ?? [],
      preferences: spread ?? [],
      ...(max === undefined ? {} : { maxReplicasPerNode: max }),
    }
  }
  const update = rollout(at('update_config'))
  if (update) result.updateConfig = update
  const rollback = rollout(at('rollback_config'))
  if (rollback) result.rollbackConfig = rollback
  const restart = at('restart_policy')
  if (restart) {
    const condition = oneOf(restart.get('condition'), CONDITIONS)
    const delay = durationOf(restart.get('delay'))
    const maxAttempts = restart.get('max_attempts')?.integer()
    const window = durationOf(restart.get('window'))
    result.restartPolicy = prune({ condition, delay, maxAttempts, window })
  }
  return Object.keys(result).length > 0 ? result : undefined
}

function rollout(field: Cursor | undefined): RolloutConfig | undefined {
  if (!field) return undefined
  field.record()
  const ratio = field.get('max_failure_ratio')
  const ratioText = ratio?.text()
  const maxFailureRatio = ratioText === undefined ? undefined : Number(ratioText)
  if (ratio && maxFailureRatio !== undefined && !(maxFailureRatio >= 0 && maxFailureRatio <= 1))
    ratio.error('must be a number from 0 to 1')
  return prune({
    parallelism: field.get('parallelism')?.integer(),
    delay: durationOf(field.get('delay')),
    failureAction: oneOf(field.get('failure_action'), FAILURE_ACTIONS),
    monitor: durationOf(field.get('monitor')),
    maxFailureRatio,
    order: oneOf(field.get('order'), ORDERS),
  })
}

function oneOf(field: Cursor | undefined, allowed: readonly string[]): string | undefined {
  const text = field?.text()
  if (!field || text === undefined) return undefined
  if (allowed.includes(text)) return text
  field.error(`must be one of ${allowed.join(', ')}, not ${JSON.stringify(text)}`)
  return undefined
}

function prune<T extends object>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}

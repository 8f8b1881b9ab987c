import type { StackIssue, StackStep } from '@harbormaster/contract'
import { EngineNotFoundError } from '@harbormaster/engine'
import type { HostContext } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { abortWithClient, streamNdjson } from '../../platform/ndjson-response.ts'
import { refusalMessage } from '../../policy/index.ts'
import { serviceRefusals } from '../../swarm/index.ts'
import { describeIssues } from '../deploy/describe-issues.ts'
import { policyIssues } from '../deploy/deploy-policy.ts'
import { claimStack, releasing } from '../operations/stack-claims.ts'
import { type Operation, withDone } from '../operations/stack-operations.ts'
import { authorOf, stackStore } from '../stack-access.ts'
import {
  COMPOSE_FILE,
  ENV_FILE,
  ensureStackDirectory,
  readStackFile,
  writeStackFiles,
} from '../stack-dir.ts'
import { type LoadedStack, displayPath, issueAt, loadStack } from '../stack-project.ts'
import type { StoredStack, StoredVersion } from '../stack-store.ts'
import { type SwarmStackPlan, toSwarmStack } from './swarm-convert.ts'
import { deploySwarmStack } from './swarm-deploy.ts'

/**
 * `POST /stacks/:name/up` of a swarm stack: the file read, converted and checked whole (400 for
 * what a swarm cannot take, 403 for what the caller may not deploy, each at its line) before the
 * first engine change, then deployed as `docker stack deploy --prune` would, streamed as NDJSON.
 */
export async function swarmUp(
  c: HostContext,
  stack: StoredStack,
  files: StoredVersion,
): Promise<Response> {
  if (!(await c.var.engine.swarm.isManager({ signal: c.req.raw.signal })))
    throw new ApiError(
      400,
      'invalid_request',
      `Stack ${stack.name} deploys to a swarm, and this host is not a swarm manager`,
    )
  const release = claimStack(c, stack.name, 'deploy')
  try {
    const dir = ensureStackDirectory(c.var.config.dataDir, c.var.hostId, stack.name)
    writeStackFiles(dir, { [COMPOSE_FILE]: files.compose, [ENV_FILE]: files.env })
    const checked = await checkedSwarmStack(c, stack, files, dir)
    const work = abortWithClient(c)
    const op: Operation = {
      engine: c.var.engine,
      signal: work.signal,
      touch: () => undefined,
      changes: 0,
    }
    async function* steps(): AsyncGenerator<StackStep> {
      yield* deploySwarmStack({ c, op, namespace: stack.name, ...checked })
      stackStore(c).recordDeploy(
        { hostId: c.var.hostId, name: stack.name },
        files.version,
        authorOf(c),
      )
    }
    return streamNdjson(c, withDone(op, releasing(steps, release)), work)
  } catch (err) {
    release()
    throw err
  }
}

interface CheckedSwarmStack {
  plan: SwarmStackPlan
  values: Map<string, Buffer>
}

async function checkedSwarmStack(
  c: HostContext,
  stack: StoredStack,
  files: StoredVersion,
  dir: string,
): Promise<CheckedSwarmStack> {
  const loaded = await loadStack({
    name: stack.name,
    compose: files.compose,
    env: files.env,
    dir,
    dirExists: true,
    // A bind names a path on whichever node runs the task, never the stack's folder here.
    visibleToEngine: false,
    target: 'swarm',
  })
  if (!loaded.ok) throw new ApiError(400, 'invalid_request', describeIssues(loaded.issues))
  const { project } = loaded.stack
  const plan = toSwarmStack(project, stack.labels)
  const problems = plan.problems.map((p) => issueAt(project, p.path, p.message, 'error'))
  problems.push(...(await externalNetworkIssues(c, loaded.stack, plan)))
  if (problems.length > 0) throw new ApiError(400, 'invalid_request', describeIssues(problems))
  const refused = await swarmPolicyIssues(c, loaded.stack, plan)
  const errors = refused.filter((issue) => issue.kind === 'error')
  if (errors.length > 0) throw new ApiError(400, 'invalid_request', describeIssues(errors))
  if (refused.length > 0) throw new ApiError(403, 'forbidden', describeIssues(refused))
  const values = new Map<string, Buffer>()
  for (const file of [...plan.secrets, ...plan.configs]) {
    try {
      values.set(file.name, readStackFile(dir, file.file))
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const kind = plan.secrets.includes(file) ? 'secrets' : 'configs'
      const issue = issueAt(project, [kind, file.key], err.message, 'error')
      throw new ApiError(400, 'invalid_request', describeIssues([issue]))
    }
  }
  return { plan, values }
}

/** The editor's check of a swarm stack: what a swarm cannot take, then what the caller may not. */
export async function swarmIssues(
  c: HostContext,
  loaded: LoadedStack,
  labels: Record<string, string>,
): Promise<StackIssue[]> {
  const plan = toSwarmStack(loaded.project, labels)
  const problems = plan.problems.map((p) => issueAt(loaded.project, p.path, p.message, 'error'))
  return [...problems, ...(await swarmPolicyIssues(c, loaded, plan))]
}

/**
 * What this caller may not deploy: the compose stack's own check of every service (the
 * container policy at each key's line; `build` left out, a swarm ignores it), then each
 * converted service spec through the service policy, for what only its swarm form says.
 */
export async function swarmPolicyIssues(
  c: HostContext,
  loaded: LoadedStack,
  plan: SwarmStackPlan,
): Promise<StackIssue[]> {
  const { project } = loaded
  const builds = new Set(
    Object.keys(project.services).map((name) => displayPath(['services', name, 'build'])),
  )
  const issues = (await policyIssues(c, loaded)).filter((issue) => !builds.has(issue.path))
  for (const { key, settings } of plan.services) {
    const at = displayPath(['services', key])
    if (issues.some((issue) => issue.path === at || issue.path.startsWith(`${at}.`))) continue
    for (const refusal of await serviceRefusals(c, { settings, unmodelled: [] }))
      issues.push(issueAt(project, ['services', key], refusalMessage([refusal]), 'policy'))
  }
  return issues
}

/** As the CLI: an external network must exist and be swarm-scoped. */
async function externalNetworkIssues(
  c: HostContext,
  loaded: LoadedStack,
  plan: SwarmStackPlan,
): Promise<StackIssue[]> {
  const issues: StackIssue[] = []
  for (const name of plan.externalNetworks) {
    if (['host', 'bridge', 'none'].includes(name)) continue
    const key =
      Object.entries(loaded.project.networks).find(([, n]) => n.name === name)?.[0] ?? name
    try {
      const network = await c.var.engine.networks.inspect(name, { signal: c.req.raw.signal })
      if (network.scope === 'swarm') continue
      const message = `external network ${name} is not swarm-scoped (${network.scope})`
      issues.push(issueAt(loaded.project, ['networks', key], message, 'error'))
    } catch (err) {
      if (!(err instanceof EngineNotFoundError)) throw err
      const message = `external network ${name} not found: create a swarm-scoped network first`
      issues.push(issueAt(loaded.project, ['networks', key], message, 'error'))
    }
  }
  return issues
}

import type { ComposePath, ComposeProject } from '@harbormaster/compose'
import type { StackIssue } from '@harbormaster/contract'
import { EngineNotFoundError } from '@harbormaster/engine'
import type { HostContext } from '../../app-env.ts'
import { hostPathVolumeSettings, settingRefusals } from '../../containers/index.ts'
import {
  type SettingRefusal,
  inScope,
  may,
  refusalMessage,
  refusedVolumeSettings,
  reservedLabels,
} from '../../policy/index.ts'
import { originKey } from './service-spec.ts'
import { buildIssues } from '../build/stack-build.ts'
import { type LoadedStack, issueAt } from '../stack-project.ts'

/**
 * What this caller may not deploy, each at the compose key and line that asked for it: every
 * service's create request judged by the container create's own policy (settingRefusals), the
 * networks and volumes the file defines by the network and volume routes' rules, and external
 * objects by the scope and host-path checks a create makes, and built services by the rules of
 * `POST /images/build` (stack-build.ts). Nothing is created here; the engine is only read (its
 * data root for host paths, external objects, base images).
 */
export async function policyIssues(c: HostContext, stack: LoadedStack): Promise<StackIssue[]> {
  const { project } = stack
  const issues: StackIssue[] = []
  const refuse = (path: ComposePath, refusal: SettingRefusal | string) =>
    issues.push(issueAt(project, path, refusalMessage([refusal]), 'policy'))
  for (const spec of stack.specs) {
    for (const refusal of await settingRefusals(c, spec.spec)) {
      const path = spec.origins.get(originKey(refusal.setting, refusal)) ??
        spec.origins.get(refusal.setting) ?? ['services', spec.service]
      refuse(path, refusal)
    }
  }
  for (const [key, network] of Object.entries(project.networks)) {
    if (network.external || may(c, 'network.create.reserved-labels')) continue
    for (const refusal of reservedLabels(network.labels))
      refuse(['networks', key, 'labels', refusal.key ?? ''], refusal)
  }
  for (const [key, volume] of Object.entries(project.volumes)) {
    if (volume.external || may(c, 'volume.create.unrestricted')) continue
    for (const refusal of refusedVolumeSettings(volume)) {
      const at = refusal.setting === 'driverOpts' ? 'driverOpts' : refusal.setting
      refuse(['volumes', key, at, ...(refusal.key === undefined ? [] : [refusal.key])], refusal)
    }
  }
  issues.push(...(await externalIssues(c, project)))
  issues.push(...(await buildIssues(c, stack)))
  return issues
}

/**
 * External networks and volumes must exist in the caller's scope (one outside it is "not found",
 * as for any lookup), and an operator may not mount an external volume that is a host path in
 * disguise (local driver with bind options).
 */
async function externalIssues(c: HostContext, project: ComposeProject): Promise<StackIssue[]> {
  const issues: StackIssue[] = []
  const signal = c.req.raw.signal
  const missing = (kind: string, key: string, name: string) =>
    issueAt(
      project,
      [`${kind}s`, key],
      `external ${kind} ${name} not found: create it first`,
      'error',
    )
  for (const [key, network] of Object.entries(project.networks)) {
    if (!network.external) continue
    const found = await orMissing(() => c.var.engine.networks.inspect(network.name, { signal }))
    if (!found || !inScope(c.var.grant, found.labels))
      issues.push(missing('network', key, network.name))
  }
  for (const [key, volume] of Object.entries(project.volumes)) {
    if (!volume.external) continue
    const found = await orMissing(() => c.var.engine.volumes.inspect(volume.name, { signal }))
    if (!found || !inScope(c.var.grant, found.labels)) {
      issues.push(missing('volume', key, volume.name))
      continue
    }
    if (may(c, 'container.create.unrestricted')) continue
    for (const text of hostPathVolumeSettings(new Map([[volume.name, found]])))
      issues.push(issueAt(project, ['volumes', key], refusalMessage([text]), 'policy'))
  }
  return issues
}

async function orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (err) {
    if (err instanceof EngineNotFoundError) return undefined
    throw err
  }
}

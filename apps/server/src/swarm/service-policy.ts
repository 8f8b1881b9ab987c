import type { ContainerCreateInput } from '@harbormaster/contract'
import {
  EngineNotFoundError,
  type ReadServiceSpec,
  type ServiceSettings,
  apiAtLeast,
} from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { settingRefusals } from '../containers/index.ts'
import { ApiError } from '../platform/errors.ts'
import {
  type SettingRefusal,
  inScope,
  labelsWithinScope,
  may,
  refusalMessage,
} from '../policy/index.ts'

/**
 * The container settings policy applied to a service (issue 18): every spec a caller makes or
 * changes (create, update, rollback to the previous spec, scale and force-redeploy of the spec
 * as it is) is judged as the create request of one of its tasks' containers would be, by the
 * same function (containers/create-checks.ts `settingRefusals`), with the same privilege
 * (`container.create.unrestricted`). A service is a container on some node, so a second policy
 * would only be a second place to forget a setting (the hole Portainer shipped).
 */

/** The service field a container setting is spelled as, where they differ. */
const SERVICE_FIELD: Readonly<Record<string, string>> = { logging: 'logDriver' }

/** A task's container create request, as the container policy reads it. */
export function serviceAsContainer(s: ServiceSettings): ContainerCreateInput {
  const labels = { ...s.labels, ...s.containerLabels }
  return prune({
    image: s.image,
    entrypoint: s.command,
    cmd: s.args,
    env: s.env,
    user: s.user,
    hostname: s.hostname,
    workingDir: s.workdir,
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    mounts: s.mounts?.map((m) =>
      prune({
        type: m.type,
        source: m.source,
        target: m.target,
        readOnly: m.readOnly,
      }),
    ),
    networks:
      s.networks === undefined || s.networks.length === 0
        ? undefined
        : s.networks.map((n) => ({ name: n.name })),
    // Both publish modes bind the port on nodes' own addresses (the mesh on every node).
    ports: s.ports?.map((p) =>
      prune({ containerPort: p.targetPort, hostPort: p.publishedPort, protocol: p.protocol }),
    ),
    capAdd: s.capAdd,
    capDrop: s.capDrop,
    sysctls: s.sysctls,
    logging: s.logDriver && prune({ driver: s.logDriver.name, options: s.logDriver.options }),
  })
}

/**
 * What this caller may not put in a service spec, named by the service's fields: the container
 * policy's refusals, and every spec field our settings cannot say (PluginSpec, Privileges,
 * generic resources…), since what the policy cannot read it cannot allow.
 */
export async function serviceRefusals(c: HostContext, spec: ReadServiceSpec): Promise<string[]> {
  if (may(c, 'container.create.unrestricted')) return []
  const refused = await settingRefusals(c, serviceAsContainer(spec.settings))
  return [
    ...refused.map(asServiceField),
    ...spec.unmodelled.map((field) => `${field} (not settable here)`),
  ]
}

/**
 * Judges a spec this caller is about to make current, and returns the settings to send: a 403
 * naming each refused field, a 404 for a secret, config or network outside the caller's label
 * scope, and for an operator, read-only host paths bound without the mounts below them.
 */
export async function judgedSettings(
  c: HostContext,
  spec: ReadServiceSpec,
): Promise<ServiceSettings> {
  const refused = await serviceRefusals(c, spec)
  if (refused.length > 0) throw new ApiError(403, 'forbidden', refusalMessage(refused))
  await assertReferencesInScope(c, spec.settings)
  const scope = c.var.grant.labelScope
  const settings = {
    ...spec.settings,
    labels: labelsWithinScope(spec.settings.labels, scope),
    containerLabels: labelsWithinScope(spec.settings.containerLabels, scope),
  }
  return may(c, 'container.create.unrestricted') ? settings : confined(c, settings)
}

/**
 * Judges a spec the engine will make current without our sending it (a rollback restores the
 * previous spec; scale and redeploy start more tasks of the spec as it is): the same refusals,
 * and for a label-scoped caller, a spec that stays within the scope.
 */
export async function judgeExistingSpec(c: HostContext, spec: ReadServiceSpec): Promise<void> {
  const refused = await serviceRefusals(c, spec)
  if (!inScope(c.var.grant, spec.settings.labels ?? {}))
    refused.push('labels (the spec is outside your label scope)')
  if (refused.length > 0) throw new ApiError(403, 'forbidden', refusalMessage(refused))
  await assertReferencesInScope(c, spec.settings)
}

function asServiceField(refusal: SettingRefusal): string {
  const field = SERVICE_FIELD[refusal.setting]
  return field === undefined ? refusal.text : field + refusal.text.slice(refusal.setting.length)
}

/** An operator's read-only binds without the mounts below them (containers/confine-binds.ts). */
async function confined(c: HostContext, settings: ServiceSettings): Promise<ServiceSettings> {
  const readOnlyBind = (m: { type: string; readOnly?: boolean | undefined }) =>
    m.type === 'bind' && m.readOnly === true
  if (!(settings.mounts ?? []).some(readOnlyBind)) return settings
  if (!apiAtLeast((await c.var.engine.connect()).apiVersion, '1.40'))
    throw new ApiError(
      403,
      'forbidden',
      refusalMessage(['mounts (read-only host paths need API 1.40)']),
    )
  return {
    ...settings,
    mounts: settings.mounts?.map((m) => (readOnlyBind(m) ? { ...m, nonRecursive: true } : m)),
  }
}

/**
 * Secrets, configs and networks the spec names: each must be one the caller may see, as a
 * lookup by name would be; out of scope is a 404 like a missing one. Unscoped callers see all.
 */
async function assertReferencesInScope(c: HostContext, s: ServiceSettings): Promise<void> {
  if (c.var.grant.labelScope === undefined) return
  const signal = c.req.raw.signal
  const check = async (kind: 'secret' | 'config', names: readonly string[]) => {
    if (names.length === 0) return
    const api = kind === 'secret' ? c.var.engine.secrets : c.var.engine.configs
    const listed = await api.list({ filters: { name: [...names] }, signal })
    for (const name of names) {
      const found = listed.find((item) => item.name === name)
      if (!found || !inScope(c.var.grant, found.labels)) throw noSuch(kind, name)
    }
  }
  await check(
    'secret',
    (s.secrets ?? []).map((r) => r.name),
  )
  await check(
    'config',
    (s.configs ?? []).map((r) => r.name),
  )
  for (const { name } of s.networks ?? []) {
    try {
      const network = await c.var.engine.networks.inspect(name, { signal })
      if (inScope(c.var.grant, network.labels)) continue
    } catch (err) {
      if (!(err instanceof EngineNotFoundError)) throw err
    }
    throw noSuch('network', name)
  }
}

function noSuch(kind: string, name: string): ApiError {
  return new ApiError(404, 'not_found', `No such ${kind}: ${name}`)
}

function prune<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T
}

import {
  type NetworkCreated,
  type NetworkDetails,
  type NetworkSummary,
  type PruneResult,
  hostParamsSchema,
  networkConnectSchema,
  networkCreateSchema,
  networkDisconnectSchema,
  networkParamsSchema,
} from '@harbormaster/contract'
import { eventsCoverNetworkChanges } from '@harbormaster/engine'
import { type Context, Hono } from 'hono'
import { audited } from '../audit/index.ts'
import { containerTarget, visibleContainers } from '../containers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { EVENT_KEPT_LIST_MS } from '../platform/single-flight.ts'
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
import { countByNetwork, networkTarget, resolveNetwork } from './network-scope.ts'
import { toNetworkDetails, toNetworkSummary } from './to-network-dto.ts'

const target = (c: Context<AppEnv>) => c.req.param('id')

/** Mounted at `/api/hosts/:hostId/networks`; label-scoped like containers (out of scope = 404). */
export const networkRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('network.read'), validate('param', hostParamsSchema), async (c) => {
    // Kept until a network event (or a change through us) says otherwise, on an engine that
    // reports every network change; Podman does not (docs/engine.md#podman): asked each time.
    const keptMs = eventsCoverNetworkChanges(await c.var.engine.connect()) ? EVENT_KEPT_LIST_MS : 0
    const [networks, containers] = await Promise.all([
      c.var.host.reads.run('networks', () => c.var.engine.networks.list(), keptMs),
      visibleContainers(c),
    ])
    const counts = countByNetwork(containers, networks)
    const rows = networks
      .filter((network) => inScope(c.var.grant, network.labels))
      .map((network) => toNetworkSummary(network, counts.get(network.id) ?? 0))
    return c.json<NetworkSummary[]>(rows, 200)
  })
  .get(
    '/:id',
    requireHostAction('network.read'),
    validate('param', networkParamsSchema),
    async (c) => {
      const network = await resolveNetwork(c, c.req.valid('param').id)
      // Scoped callers see only their own containers on it; that costs one filtered list.
      const visible =
        c.var.grant.labelScope === undefined
          ? undefined
          : new Set((await visibleContainers(c)).map((container) => container.id))
      const details = toNetworkDetails(network, (id) => visible?.has(id) ?? true)
      return c.json<NetworkDetails>(details, 200)
    },
  )
  .post(
    '/',
    audited('network.create', (c) => c.var.auditDetails?.target),
    requireHostAction('network.change'),
    validate('param', hostParamsSchema),
    validate('json', networkCreateSchema),
    async (c) => {
      const spec = c.req.valid('json')
      c.set('auditDetails', { target: spec.name, parameters: { ...spec } })
      const reserved = reservedLabels(spec.labels)
      if (reserved.length > 0 && !may(c, 'network.create.reserved-labels')) {
        throw new ApiError(403, 'forbidden', refusalMessage(reserved))
      }
      const { subnet, gateway, ipRange, ...rest } = spec
      const labels = labelsWithinScope(rest.labels, c.var.grant.labelScope)
      const created = await c.var.engine.networks.create({
        ...rest,
        labels,
        ...(subnet === undefined ? {} : { ipam: { subnet, gateway, ipRange } }),
      })
      return c.json<NetworkCreated>(created, 201)
    },
  )
  .post(
    '/:id/connect',
    audited('network.connect', target),
    requireHostAction('network.change'),
    validate('param', networkParamsSchema),
    validate('json', networkConnectSchema),
    async (c) => {
      const { container, aliases, ipv4Address } = c.req.valid('json')
      c.set('auditDetails', { parameters: { container, aliases, ipv4Address } })
      const network = await networkTarget(c, c.req.valid('param').id)
      await c.var.engine.networks.connect(network, await containerTarget(c, container), {
        aliases,
        ipv4Address: ipv4Address || undefined,
      })
      // The engine reports connects of running containers only: refresh the row ourselves.
      c.var.host.containers.touch(container)
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/disconnect',
    audited('network.disconnect', target),
    requireHostAction('network.change'),
    validate('param', networkParamsSchema),
    validate('json', networkDisconnectSchema),
    async (c) => {
      const { container, force } = c.req.valid('json')
      c.set('auditDetails', { parameters: { container, force } })
      const network = await networkTarget(c, c.req.valid('param').id)
      await c.var.engine.networks.disconnect(network, await containerTarget(c, container), {
        force,
      })
      c.var.host.containers.touch(container)
      return c.body(null, 204)
    },
  )
  .delete(
    '/:id',
    audited('network.remove', target),
    requireHostAction('network.change'),
    validate('param', networkParamsSchema),
    async (c) => {
      await c.var.engine.networks.remove(await networkTarget(c, c.req.valid('param').id))
      return c.body(null, 204)
    },
  )
  .post(
    '/prune',
    audited('network.prune'),
    requireHostAction('network.change'),
    validate('param', hostParamsSchema),
    async (c) => {
      // A caller with a label scope may only prune inside it.
      const scope = c.var.grant.labelScope
      const { deleted } = await c.var.engine.networks.prune(
        scope === undefined ? {} : { filters: { label: [scope] } },
      )
      return c.json<PruneResult>({ deleted, spaceReclaimed: 0 }, 200)
    },
  )

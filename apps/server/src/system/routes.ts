import {
  type DiskUsage,
  type EngineInfo,
  type EngineVersion,
  type SystemEvents,
  hostParamsSchema,
  systemEventsQuerySchema,
} from '@harbormaster/contract'
import type { DiskUsage as EngineDiskUsage } from '@harbormaster/engine'
import { Hono } from 'hono'
import { visibleContainers } from '../containers/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { inScope, requireHostAction } from '../policy/index.ts'
import { measureDiskUsage } from './disk-usage-cache.ts'
import { toDiskUsage, toEngineInfo, toEngineVersion, toSystemEvent } from './to-system-dto.ts'

/** At most this many events per answer: the engine's buffer holds a few hundred anyway. */
export const MAX_EVENTS = 500
const EVENTS_TIMEOUT_MS = 30_000

/** Mounted at `/api/hosts/:hostId/system`: engine-wide facts, all read-only. */
export const systemRoutes = new Hono<AppEnv>()
  .get(
    '/info',
    requireHostAction('system.read'),
    validate('param', hostParamsSchema),
    async (c) => {
      const info = await c.var.engine.system.info({ signal: c.req.raw.signal })
      return c.json<EngineInfo>(toEngineInfo(info), 200)
    },
  )
  .get(
    '/version',
    requireHostAction('system.read'),
    validate('param', hostParamsSchema),
    async (c) => {
      const version = await c.var.engine.system.version({ signal: c.req.raw.signal })
      return c.json<EngineVersion>(toEngineVersion(version), 200)
    },
  )
  .get('/df', requireHostAction('system.read'), validate('param', hostParamsSchema), async (c) => {
    const { usage, measuredAt } = await measureDiskUsage(c.var.host)
    const visible = await visibleUsage(c, usage)
    return c.json<DiskUsage>(toDiskUsage(visible, measuredAt), 200)
  })
  .get(
    '/events',
    requireHostAction('system.read'),
    validate('param', hostParamsSchema),
    validate('query', systemEventsQuerySchema),
    async (c) => {
      const { since, until } = c.req.valid('query')
      // Never later than now: the engine would hold the request open until then.
      const now = Date.now() / 1000
      const end = Math.min(until ?? now, now)
      const stream = c.var.engine.events.subscribe({
        ...(since === undefined ? {} : { since: since.toFixed(3) }),
        until: end.toFixed(3),
        signal: c.req.raw.signal,
        timeoutMs: EVENTS_TIMEOUT_MS,
      })
      const answer: SystemEvents = { events: [], truncated: false }
      for await (const event of stream) {
        // Container and image events carry the object's labels; others are hidden from scoped callers.
        if (!inScope(c.var.grant, event.attributes)) continue
        if (answer.events.length === MAX_EVENTS) {
          answer.truncated = true
          break
        }
        answer.events.push(toSystemEvent(event))
      }
      return c.json<SystemEvents>(answer, 200)
    },
  )

/**
 * The cached measurement is the whole host's; a caller with a label scope sees only the
 * containers and volumes inside it (images are host-wide, as in the image views).
 */
async function visibleUsage(c: HostContext, usage: EngineDiskUsage): Promise<EngineDiskUsage> {
  const scope = c.var.grant.labelScope
  if (scope === undefined) return usage
  const mine = await visibleContainers(c)
  const ids = new Set(mine.map((container) => container.id))
  return {
    ...usage,
    containers: usage.containers.filter((container) => ids.has(container.id)),
    volumes: usage.volumes.filter((volume) => inScope(c.var.grant, volume.labels)),
  }
}

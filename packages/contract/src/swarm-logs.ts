import { z } from 'zod'
import { apiErrorSchema } from './errors.ts'
import { logLineSchema, logsQuerySchema } from './live.ts'

/**
 * `GET /swarm/services/:id/logs/live` (WebSocket): the container logs' options; `until` is not
 * offered, as the engine's service logs take none.
 */
export const serviceLiveLogsQuerySchema = logsQuerySchema.omit({ until: true }).strict()
export type ServiceLiveLogsQuery = z.infer<typeof serviceLiveLogsQuerySchema>

/** A line of one task of the service, with what the web shows as its prefix. */
export const serviceLogLiveLineSchema = logLineSchema.extend({
  task: z.string(),
  node: z.string(),
  /** The task's replica number (`web.2`), when known; global tasks have none. */
  slot: z.int().optional(),
  /** The node's host name, when known. */
  hostname: z.string().optional(),
})
export type ServiceLogLiveLine = z.infer<typeof serviceLogLiveLineSchema>

export const serviceLogsServerMessageSchema = z.discriminatedUnion('type', [
  /** Lines of every task, merged by the engine in arrival order, batched. */
  z.object({ type: z.literal('lines'), lines: z.array(serviceLogLiveLineSchema) }),
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('error'), error: apiErrorSchema.shape.error }),
])
export type ServiceLogsServerMessage = z.infer<typeof serviceLogsServerMessageSchema>

import { z } from 'zod'
import { apiErrorSchema } from './errors.ts'
import { swarmTaskSchema } from './swarm.ts'
import { serviceDetailsSchema } from './swarm-services.ts'

/** A service's rolling update as the engine reports it (`UpdateStatus`). */
export const serviceUpdateStatusSchema = serviceDetailsSchema.shape.updateStatus.unwrap()
export type ServiceUpdateStatus = z.infer<typeof serviceUpdateStatusSchema>

/** Where a service's tasks are: moving (an update, a scale, a task starting) or settled. */
export const serviceTasksSnapshotSchema = z.object({
  /** Every task the engine keeps for the service, old ones (shut down) included. */
  tasks: z.array(swarmTaskSchema),
  updateStatus: serviceUpdateStatusSchema.optional(),
  /** The engine's spec version: it moves on each change of the service. */
  version: z.number(),
  /**
   * Whether every task is where it is meant to be and no update runs: the server then reads
   * again only on an engine event, and otherwise about twice a second.
   */
  settled: z.boolean(),
})
export type ServiceTasksSnapshot = z.infer<typeof serviceTasksSnapshotSchema>

/**
 * `GET /swarm/services/:id/tasks/live` (WebSocket): the whole task list each time it changes
 * (small: a few rows per replica), never a diff, so a browser that missed one is whole again
 * with the next. The service's removal ends the socket with an error (`not_found`, 4404).
 */
export const serviceTasksServerMessageSchema = z.discriminatedUnion('type', [
  serviceTasksSnapshotSchema.extend({ type: z.literal('tasks') }),
  z.object({ type: z.literal('error'), error: apiErrorSchema.shape.error }),
])
export type ServiceTasksServerMessage = z.infer<typeof serviceTasksServerMessageSchema>

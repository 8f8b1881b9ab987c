import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'
import { swarmNodeSchema, swarmTaskSchema } from './swarm.ts'

const nodeIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected a node id or host name')

export const nodeParamsSchema = hostParamsSchema.extend({ id: nodeIdSchema })

/** A node label key as the CLI accepts it (`docker node update --label-add key=value`). */
const labelKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^=\s]+$/, 'expected a label key without `=` or spaces')

/** `PATCH /swarm/nodes/:id`: what to change; fields left out keep their value. */
export const nodeUpdateSchema = z
  .object({
    availability: z.enum(['active', 'pause', 'drain']).optional(),
    role: z.enum(['manager', 'worker']).optional(),
    labels: z
      .object({
        add: z.record(labelKeySchema, z.string().max(4096)).optional(),
        remove: z.array(labelKeySchema).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: 'name at least one of availability, role, labels',
  })
export type NodeUpdate = z.infer<typeof nodeUpdateSchema>

export const nodeRemoveQuerySchema = z.object({ force: z.stringbool().default(false) }).strict()

/**
 * What draining a node does to the tasks that should run on it: a replicated service's task is
 * rescheduled on another node (`moves`), a global service's task just stops (`stops`).
 */
export const drainEffectSchema = z.object({
  moves: z.array(swarmTaskSchema.extend({ serviceName: z.string() })),
  stops: z.array(swarmTaskSchema.extend({ serviceName: z.string() })),
})
export type DrainEffect = z.infer<typeof drainEffectSchema>

/** `GET /swarm/nodes/:id`: the node, its labels and the tasks placed on it. */
export const swarmNodeDetailsSchema = swarmNodeSchema.extend({
  labels: z.record(z.string(), z.string()),
  tasks: z.array(swarmTaskSchema),
})
export type SwarmNodeDetails = z.infer<typeof swarmNodeDetailsSchema>

/** The answer of a node update: the node afterwards, and what a drain asked to move. */
export const nodeUpdatedSchema = z.object({
  node: swarmNodeDetailsSchema,
  drained: drainEffectSchema.optional(),
})
export type NodeUpdated = z.infer<typeof nodeUpdatedSchema>

/** The cluster settings an admin may change (a typed subset of `SwarmSpec`); seconds. */
export const clusterSettingsSchema = z.object({
  taskHistoryLimit: z.number().int().min(0).max(1000),
  heartbeatPeriodSeconds: z.number().min(1).max(3600),
  // The swarm CA refuses certificates that live less than an hour.
  nodeCertExpirySeconds: z
    .number()
    .int()
    .min(3600)
    .max(10 * 365 * 24 * 3600),
  autolock: z.boolean(),
})
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>

export const clusterSettingsChangeSchema = clusterSettingsSchema
  .partial()
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: 'name at least one setting',
  })

/** `GET /swarm/cluster`: the swarm and its settings, never its join tokens. */
export const swarmClusterSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  settings: clusterSettingsSchema,
})
export type SwarmClusterView = z.infer<typeof swarmClusterSchema>

/** `GET /swarm/cluster/join-tokens`: revealed on request, to admins only. */
export const joinTokensSchema = z.object({
  worker: z.string(),
  manager: z.string(),
  /** Set when the swarm is autolocked: what a restarted manager needs. */
  unlockKey: z.string().optional(),
})
export type JoinTokens = z.infer<typeof joinTokensSchema>

export const rotateTokensSchema = z
  .object({ worker: z.boolean().default(false), manager: z.boolean().default(false) })
  .strict()
  .refine((rotate) => rotate.worker || rotate.manager, {
    message: 'name the token to rotate: worker, manager or both',
  })

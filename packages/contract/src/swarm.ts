import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'

const idOrNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected an id or name of letters, digits, _ . -')

/** `GET /swarm`: whether the swarm views work on this host. */
export const swarmStatusSchema = z.object({ manager: z.boolean() })
export type SwarmStatus = z.infer<typeof swarmStatusSchema>

export const serviceParamsSchema = hostParamsSchema.extend({ id: idOrNameSchema })

export const swarmServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']),
  replicas: z.number().optional(),
  runningTasks: z.number().optional(),
  desiredTasks: z.number().optional(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  ports: z.array(
    z.object({
      protocol: z.enum(['tcp', 'udp', 'sctp']),
      targetPort: z.number(),
      publishedPort: z.number().optional(),
      publishMode: z.string().optional(),
    }),
  ),
})
export type SwarmService = z.infer<typeof swarmServiceSchema>

export const swarmTaskSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  nodeId: z.string().optional(),
  slot: z.number().optional(),
  desiredState: z.string(),
  state: z.string(),
  message: z.string(),
  error: z.string().optional(),
  containerId: z.string().optional(),
  exitCode: z.number().optional(),
  timestamp: z.string(),
})
export type SwarmTask = z.infer<typeof swarmTaskSchema>

export const swarmTasksQuerySchema = z.object({ service: idOrNameSchema.optional() }).strict()

export const swarmNodeSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  availability: z.enum(['active', 'pause', 'drain']),
  state: z.enum(['unknown', 'down', 'ready', 'disconnected']),
  addr: z.string(),
  leader: z.boolean(),
  managerReachability: z.enum(['unknown', 'unreachable', 'reachable']).optional(),
  engineVersion: z.string().optional(),
  /** Managers only: the address `docker swarm join` names (`ip:2377`). */
  managerAddr: z.string().optional(),
  /** What the node offers to tasks; absent in answers from before it was sent. */
  resources: z
    .object({ nanoCpus: z.number().optional(), memoryBytes: z.number().optional() })
    .optional(),
  platform: z.object({ os: z.string().optional(), architecture: z.string().optional() }).optional(),
  /** The node's labels (placement constraints name them); the server always sends them. */
  labels: z.record(z.string(), z.string()).optional(),
})
export type SwarmNode = z.infer<typeof swarmNodeSchema>

/** Secrets and configs: metadata only, never their data. */
export const swarmObjectMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type SwarmObjectMeta = z.infer<typeof swarmObjectMetaSchema>

/** `GET /swarm/services/:id/logs`: the last lines of every task, then the answer ends. */
export const serviceLogsQuerySchema = z
  .object({
    tail: z.union([z.literal('all'), z.coerce.number().int().min(0).max(100_000)]).default(200),
    timestamps: z.stringbool().default(false),
  })
  .strict()

/** One line of a service logs answer (`application/x-ndjson`). */
export const serviceLogLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
})
export type ServiceLogLine = z.infer<typeof serviceLogLineSchema>

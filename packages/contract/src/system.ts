import { z } from 'zod'
import { liveEventSchema } from './live.ts'

/** `GET /system/info`: what a host overview shows. */
export const engineInfoSchema = z.object({
  name: z.string(),
  serverVersion: z.string(),
  operatingSystem: z.string(),
  osType: z.string(),
  architecture: z.string(),
  kernelVersion: z.string(),
  ncpu: z.number(),
  /** Bytes. */
  memTotal: z.number(),
  containers: z.number(),
  containersRunning: z.number(),
  containersPaused: z.number(),
  containersStopped: z.number(),
  images: z.number(),
  storageDriver: z.string(),
  cgroupVersion: z.string().optional(),
  cgroupDriver: z.string().optional(),
  dockerRootDir: z.string(),
  swarm: z.object({ localNodeState: z.string(), manager: z.boolean() }),
  warnings: z.array(z.string()),
})
export type EngineInfo = z.infer<typeof engineInfoSchema>

/** `GET /system/version`. */
export const engineVersionSchema = z.object({
  version: z.string(),
  apiVersion: z.string(),
  minApiVersion: z.string().optional(),
  gitCommit: z.string(),
  goVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string(),
  platformName: z.string().optional(),
  components: z.array(z.object({ name: z.string(), version: z.string() })),
})
export type EngineVersion = z.infer<typeof engineVersionSchema>

/**
 * `GET /system/df`: measured at most every 30 s per host (the engine walks every layer and
 * volume); `measuredAt` (RFC 3339) says how old the figures are.
 */
export const diskUsageSchema = z.object({
  /** Bytes of all image layers, shared ones counted once. */
  layersSize: z.number(),
  images: z.array(
    z.object({
      id: z.string(),
      repoTags: z.array(z.string()),
      created: z.number(),
      size: z.number(),
      sharedSize: z.number().optional(),
      containers: z.number().optional(),
    }),
  ),
  containers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      image: z.string(),
      state: z.string(),
      status: z.string(),
      sizeRw: z.number().optional(),
      sizeRootFs: z.number().optional(),
    }),
  ),
  volumes: z.array(
    z.object({
      name: z.string(),
      driver: z.string(),
      size: z.number().optional(),
      refCount: z.number().optional(),
    }),
  ),
  buildCache: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      description: z.string(),
      inUse: z.boolean(),
      shared: z.boolean(),
      size: z.number(),
      lastUsedAt: z.string().optional(),
    }),
  ),
  measuredAt: z.string(),
})
export type DiskUsage = z.infer<typeof diskUsageSchema>

/**
 * `GET /system/events`: recent events from the engine's buffer. Unix seconds (fractions allowed);
 * `until` defaults to now and is never later than now, so the call always returns.
 */
export const systemEventsQuerySchema = z
  .object({
    since: z.coerce.number().min(0).optional(),
    until: z.coerce.number().min(0).optional(),
  })
  .strict()

/** A past event: the live event shape, with its time in seconds as well. */
export const systemEventSchema = liveEventSchema.extend({
  /** Unix seconds. */
  time: z.number(),
})
export type SystemEvent = z.infer<typeof systemEventSchema>

export const systemEventsSchema = z.object({
  events: z.array(systemEventSchema),
  /** More events matched than the 500 returned (the oldest 500 are kept). */
  truncated: z.boolean(),
})
export type SystemEvents = z.infer<typeof systemEventsSchema>

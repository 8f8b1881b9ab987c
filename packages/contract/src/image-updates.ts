import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'
import { stackParamsSchema } from './stacks.ts'

/**
 * Whether the tag an image in use was pulled by now names another digest (issue 19).
 * `unknown`: nothing to compare (built locally, pulled by digest, no repo digest recorded);
 * `error`: the registry could not answer (unreachable, refused, rate limited: see `reason`).
 */
export const imageUpdateStatusSchema = z.enum([
  'update-available',
  'up-to-date',
  'unknown',
  'error',
])
export type ImageUpdateStatus = z.infer<typeof imageUpdateStatusSchema>

/** One image reference in use on a host, as the last check found it. */
export const imageUpdateSchema = z.object({
  /** The reference containers were created from: `registry.example.com/app:1`. */
  image: z.string(),
  status: imageUpdateStatusSchema,
  /** Why `unknown` or `error`, in words. */
  reason: z.string().optional(),
  /** The repo digest the engine recorded at pull. */
  currentDigest: z.string().optional(),
  /** The digest the registry serves for the tag (when it answered). */
  newDigest: z.string().optional(),
  /** Containers using it, in the caller's scope (ids). */
  containerIds: z.array(z.string()),
  /**
   * Swarm services whose spec names it (`repo:tag@sha256:…` as `docker service create` pins
   * it), in the caller's scope (ids): checked on a host that is a swarm manager, by comparing
   * the pinned digest with the registry's digest for the tag.
   */
  serviceIds: z.array(z.string()).optional(),
  /** When this image was last asked about (ISO 8601). */
  checkedAt: z.string(),
  /** When the registry's current digest was first seen differ from ours (ISO 8601). */
  foundAt: z.string().optional(),
  /**
   * When the new digest's image was created, as its config says (ISO 8601). Not asked of
   * Docker Hub, where the manifest GET it takes counts against the pull limit: `foundAt` there.
   */
  newCreatedAt: z.string().optional(),
})
export type ImageUpdate = z.infer<typeof imageUpdateSchema>

export const imageUpdateReportSchema = z.object({
  hostId: z.string(),
  /** The last check of the host; null before the first one. */
  checkedAt: z.string().nullable(),
  images: z.array(imageUpdateSchema),
  /**
   * When opted-in containers (label `harbormaster.auto-update=true`) and stacks are updated
   * automatically: `02:00-05:00 UTC`. Absent: no window is set, never automatically.
   */
  autoUpdateWindow: z.string().optional(),
})
export type ImageUpdateReport = z.infer<typeof imageUpdateReportSchema>

/** A registry host as images name it: `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
export const registryParamsSchema = hostParamsSchema.extend({
  registry: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[a-zA-Z0-9.-]+(?::\d{1,5})?$/, 'a registry host, with an optional port'),
})

/** Credentials the checker uses for a registry on one host. The password is write-only. */
export const registryCredentialInputSchema = z.strictObject({
  username: z.string().min(1).max(255),
  password: z.string().min(1).max(4096),
})
export type RegistryCredentialInput = z.infer<typeof registryCredentialInputSchema>

export const registryCredentialSchema = z.object({
  registry: z.string(),
  username: z.string(),
  hasPassword: z.boolean(),
  updatedAt: z.string(),
})
export type RegistryCredential = z.infer<typeof registryCredentialSchema>

export const containerImageUpdateParamsSchema = hostParamsSchema.extend({
  id: z.string().min(1).max(256),
})

/**
 * What Update did to a container: `updated` (recreated on the new image, healthy when it has a
 * healthcheck), `rolled-back` (the new one failed: the old container is back, as it was, and
 * `reason` says why), or `current` (the pull brought nothing new; nothing changed).
 */
export const containerImageUpdateResultSchema = z.object({
  outcome: z.enum(['updated', 'rolled-back', 'current']),
  /** The container now: the new one once updated, the old one otherwise. */
  containerId: z.string(),
  name: z.string(),
  image: z.string(),
  previousImageId: z.string(),
  imageId: z.string(),
  reason: z.string().optional(),
})
export type ContainerImageUpdateResult = z.infer<typeof containerImageUpdateResultSchema>

export const serviceImageUpdateParamsSchema = hostParamsSchema.extend({
  id: z.string().min(1).max(256),
})

/**
 * What Update did to a swarm service: its spec now names `image` (the tag at the digest the
 * registry serves), and Swarm rolls the tasks over with the service's own update config
 * (its UpdateStatus on the service page says how that goes, a rollback included).
 * `current`: the spec already named that digest; nothing changed.
 */
export const serviceImageUpdateResultSchema = z.object({
  outcome: z.enum(['updated', 'current']),
  serviceId: z.string(),
  name: z.string(),
  previousImage: z.string(),
  image: z.string(),
  warnings: z.array(z.string()),
})
export type ServiceImageUpdateResult = z.infer<typeof serviceImageUpdateResultSchema>

/** `PUT .../updates/stacks/:name/auto-update`: whether the stack's containers update themselves. */
export const stackAutoUpdateParamsSchema = stackParamsSchema
export const stackAutoUpdateInputSchema = z.strictObject({ enabled: z.boolean() })
export type StackAutoUpdateInput = z.infer<typeof stackAutoUpdateInputSchema>

export const stackAutoUpdateSchema = z.object({
  enabled: z.boolean(),
  /** The maintenance window (`02:00-05:00 UTC`); null: none is set, so never automatically. */
  window: z.string().nullable(),
})
export type StackAutoUpdate = z.infer<typeof stackAutoUpdateSchema>

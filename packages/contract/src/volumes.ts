import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'

const volumeNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected a volume name of letters, digits, _ . -')

export const volumeParamsSchema = hostParamsSchema.extend({ name: volumeNameSchema })

/** A container using a volume, as the volume views show it. */
export const volumeUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Where the volume is mounted inside the container. */
  destination: z.string(),
  readWrite: z.boolean(),
})

/** A row of the volumes table. */
export const volumeSummarySchema = z.object({
  name: z.string(),
  driver: z.string(),
  /** `local` or `global`. */
  scope: z.string(),
  createdAt: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  /** Containers (any state) mounting the volume that the caller may see. */
  containers: z.array(volumeUserSchema),
})
export type VolumeSummary = z.infer<typeof volumeSummarySchema>

export const volumeDetailsSchema = volumeSummarySchema.extend({
  /** Path on the engine's host. */
  mountpoint: z.string(),
  /** Driver options given at creation (`type`, `device`, `o`). */
  options: z.record(z.string(), z.string()),
})
export type VolumeDetails = z.infer<typeof volumeDetailsSchema>

/**
 * `POST /volumes`. A non-admin may not create a volume of the local driver with bind options
 * (`o=bind`, `device=`): it is a host path in disguise (issue 9).
 */
export const volumeCreateSchema = z
  .object({
    name: volumeNameSchema.optional(),
    driver: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'expected a driver name')
      .optional(),
    driverOpts: z.record(z.string().min(1).max(256), z.string().max(4096)).optional(),
    labels: z.record(z.string().min(1).max(512), z.string().max(4096)).optional(),
  })
  .strict()
export type VolumeCreateInput = z.infer<typeof volumeCreateSchema>

export const removeVolumeQuerySchema = z.object({ force: z.stringbool().default(false) }).strict()
/** `all` also removes unused named volumes (engines with API 1.42+; older ones always do). */
export const pruneVolumesQuerySchema = z.object({ all: z.stringbool().default(false) }).strict()

import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'

const idOrNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected an id or name of letters, digits, _ . -')
const labelsSchema = z.record(z.string().min(1).max(512), z.string().max(4096))
const cidrSchema = z.union([z.cidrv4(), z.cidrv6()], { error: 'expected a CIDR subnet' })
const ipSchema = z.union([z.ipv4(), z.ipv6()], { error: 'expected an IP address' })

export const networkParamsSchema = hostParamsSchema.extend({ id: idOrNameSchema })

export const networkIpamConfigSchema = z.object({
  subnet: z.string().optional(),
  gateway: z.string().optional(),
  ipRange: z.string().optional(),
})

/** A row of the networks table. */
export const networkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  /** `local`, `global` or `swarm`. */
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ingress: z.boolean(),
  /** RFC 3339; absent for the predefined `host` and `none` networks. */
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  ipam: z.array(networkIpamConfigSchema),
  /** The engine's own `bridge`, `host` and `none` networks, which cannot be removed. */
  predefined: z.boolean(),
  /** Containers (any state) configured on this network that the caller may see. */
  containerCount: z.number(),
})
export type NetworkSummary = z.infer<typeof networkSummarySchema>

export const networkDetailsSchema = networkSummarySchema.omit({ containerCount: true }).extend({
  enableIPv6: z.boolean(),
  options: z.record(z.string(), z.string()),
  /** Containers attached now (the engine lists running ones), those the caller may see. */
  containers: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      ipv4Address: z.string().optional(),
      ipv6Address: z.string().optional(),
      macAddress: z.string().optional(),
    }),
  ),
})
export type NetworkDetails = z.infer<typeof networkDetailsSchema>

export const networkCreateSchema = z
  .object({
    name: idOrNameSchema,
    driver: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'expected a driver name')
      .optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    labels: labelsSchema.optional(),
    subnet: cidrSchema.optional(),
    gateway: ipSchema.optional(),
    ipRange: cidrSchema.optional(),
  })
  .strict()
  .refine((spec) => spec.subnet !== undefined || (!spec.gateway && !spec.ipRange), {
    message: 'gateway and ipRange need a subnet',
    path: ['subnet'],
  })
export type NetworkCreateInput = z.infer<typeof networkCreateSchema>

export const networkCreatedSchema = z.object({ id: z.string(), warning: z.string().optional() })
export type NetworkCreated = z.infer<typeof networkCreatedSchema>

export const networkConnectSchema = z
  .object({
    container: idOrNameSchema,
    aliases: z.array(idOrNameSchema).max(32).optional(),
    ipv4Address: z.ipv4().optional(),
  })
  .strict()
export type NetworkConnectInput = z.infer<typeof networkConnectSchema>

export const networkDisconnectSchema = z
  .object({ container: idOrNameSchema, force: z.boolean().default(false) })
  .strict()
export type NetworkDisconnectInput = z.infer<typeof networkDisconnectSchema>

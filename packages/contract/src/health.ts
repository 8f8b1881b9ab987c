import { z } from 'zod'

export const hostStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  reachable: z.boolean(),
  flavour: z.enum(['docker', 'podman']).optional(),
  engineVersion: z.string().optional(),
  /** The API version every request to this host is pinned to. */
  apiVersion: z.string().optional(),
  error: z.string().optional(),
})
export type HostStatus = z.infer<typeof hostStatusSchema>

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  hosts: z.array(hostStatusSchema),
})
export type Health = z.infer<typeof healthSchema>

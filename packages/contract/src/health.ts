import { z } from 'zod'
import { sshHostKeyProblemSchema } from './host-ssh.ts'

/**
 * What a host's engine can show at its negotiated API version (docs/architecture.md, "What each
 * API version can show"): the web app hides or explains a view the engine lacks.
 */
export const engineCapabilitiesSchema = z.object({
  volumes: z.boolean(),
  networks: z.boolean(),
  stats: z.boolean(),
  typedEvents: z.boolean(),
  swarm: z.boolean(),
  prune: z.boolean(),
  archive: z.boolean(),
})
export type EngineCapabilitiesInfo = z.infer<typeof engineCapabilitiesSchema>

export const hostStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  reachable: z.boolean(),
  flavour: z.enum(['docker', 'podman']).optional(),
  engineVersion: z.string().optional(),
  /** The API version every request to this host is pinned to. */
  apiVersion: z.string().optional(),
  /** Set with `apiVersion`: what the engine can show at that version. */
  capabilities: engineCapabilitiesSchema.optional(),
  error: z.string().optional(),
  /** An `ssh://` host held back by its server's host key (unknown or changed). */
  sshHostKey: sshHostKeyProblemSchema.optional(),
})
export type HostStatus = z.infer<typeof hostStatusSchema>

/**
 * `GET /api/health` without a session or token: only whether the dashboard and its hosts are
 * well, which a container HEALTHCHECK or a load balancer needs, and nothing about the engines.
 */
export const healthStatusSchema = z.object({ status: z.enum(['ok', 'degraded']) })
export type HealthStatus = z.infer<typeof healthStatusSchema>

/** `GET /api/health` for a signed-in caller: the version, uptime and the hosts they may see. */
export const healthSchema = healthStatusSchema.extend({
  version: z.string(),
  uptimeSeconds: z.number(),
  hosts: z.array(hostStatusSchema),
})
export type Health = z.infer<typeof healthSchema>

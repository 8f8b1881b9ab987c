import { z } from 'zod'

// TODO(#3): move into config.ts and read them from c.var.config; until then they are read here,
// once, when the auth services are created.
const sessionEnvSchema = z.object({
  HARBORMASTER_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(525_600).default(720),
  HARBORMASTER_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
})

export interface SessionConfig {
  /** Sliding: a session unused this long ends. */
  sessionIdleMinutes: number
  /** Absolute: a session ends this long after sign-in, however busy. */
  sessionMaxHours: number
}

/**
 * Session lifetimes from the environment.
 *
 * @throws {Error} naming the invalid variable.
 */
export function readSessionConfig(env: NodeJS.ProcessEnv = process.env): SessionConfig {
  const parsed = sessionEnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration: ${problems.join('; ')}`)
  }
  const value = parsed.data
  return {
    sessionIdleMinutes: value.HARBORMASTER_SESSION_IDLE_MINUTES,
    sessionMaxHours: value.HARBORMASTER_SESSION_MAX_HOURS,
  }
}

export const sessionIdleMinutes = (env?: NodeJS.ProcessEnv) =>
  readSessionConfig(env).sessionIdleMinutes
export const sessionMaxHours = (env?: NodeJS.ProcessEnv) => readSessionConfig(env).sessionMaxHours

import { z } from 'zod'

/**
 * What the server writes in place of an environment value the caller may not see, in `env`
 * lists and in the engine documents (`raw`) alike: `DB_PASSWORD=[masked]`. The name stays.
 */
export const MASKED_ENV_VALUE = '[masked]'

/**
 * The names of the environment entries whose value the server replaced by `MASKED_ENV_VALUE`
 * for this caller. Viewers get every value masked; operators those whose key matches one of the
 * host's `secretEnvPatterns`; admins none. A masked value never reaches the browser, so the web
 * cannot reveal it: only a role that may see it, asking again, gets it.
 */
export const maskedEnvSchema = z.array(z.string())

/**
 * A pattern of environment keys whose values only admins see: `*` stands for any run of
 * characters, letter case is ignored (`*_password` matches `DB_PASSWORD`).
 */
export const secretEnvPatternSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^=\s]+$/, 'expected a key pattern without "=" or spaces (* for any characters)')

export const secretEnvPatternsSchema = z.array(secretEnvPatternSchema).max(64)

/**
 * A host's secret patterns until an admin sets others. Words that name a secret wherever they
 * stand (PASSWORD, PASSWD, SECRET, TOKEN, CREDENTIAL, APIKEY) match anywhere in the key; the
 * shorter PASS and KEY only as a suffix after `_`, where they mean a secret (`REDIS_PASS`,
 * `AWS_SECRET_ACCESS_KEY`, `API_KEY`) and not `PASSENGER_COUNT` or `KEYCLOAK_URL`.
 */
export const DEFAULT_SECRET_ENV_PATTERNS: readonly string[] = [
  '*PASSWORD*',
  '*PASSWD*',
  '*_PASS',
  '*SECRET*',
  '*TOKEN*',
  '*CREDENTIAL*',
  '*APIKEY*',
  '*_KEY',
]

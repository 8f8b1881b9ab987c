import { z } from 'zod'
import { secretEnvPatternsSchema } from './env-masking.ts'
import { bindPrefixesSchema } from './bind-paths.ts'
import { hostStatusSchema } from './health.ts'
import { hostSshInputSchema, hostSshSchema } from './host-ssh.ts'

export const hostIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes')

const pemSchema = z
  .string()
  .min(1)
  .max(64 * 1024)
  .regex(/-----BEGIN [A-Z ]+-----/, 'expected PEM text')

/** TLS material for a tcp:// host; the key is write-only (never returned). */
const hostTlsFields = {
  ca: pemSchema.optional(),
  cert: pemSchema.optional(),
  key: pemSchema.optional(),
}

export const hostTlsInputSchema = z
  .object({ ...hostTlsFields, verify: z.boolean().default(true) })
  .strict()

export const hostAddressSchema = z
  .string()
  .max(1024)
  .regex(
    /^(unix:\/\/\/|tcp:\/\/|ssh:\/\/[^\s@/]+@)[^\s]+$/,
    'expected unix:///path/to/socket, tcp://host:port or ssh://user@host[:port]',
  )

/**
 * An API version to pin a host to ("1.24"), as `DOCKER_API_VERSION` does for the CLI: from 1.12
 * (the oldest Harbormaster speaks) to 1.51. Whether the engine serves it shows in its status.
 */
export const apiVersionPinSchema = z
  .string()
  .regex(/^1\.\d{1,2}$/, 'expected an API version such as 1.24')
  .refine((v) => Number(v.split('.')[1]) >= 12 && Number(v.split('.')[1]) <= 51, {
    message: 'expected an API version from 1.12 to 1.51',
  })

/**
 * Host paths operators may bind, one entry each: `/srv/data` read-only (and below), `/srv/app:rw`
 * writable (that path only). See bind-paths.ts.
 */
const allowedBindPrefixesSchema = bindPrefixesSchema

export const hostCreateSchema = z
  .object({
    id: hostIdSchema,
    name: z.string().min(1).max(128),
    address: hostAddressSchema,
    tls: hostTlsInputSchema.optional(),
    allowedBindPrefixes: allowedBindPrefixesSchema.default([]),
    /** Absent: the host follows `DEFAULT_SECRET_ENV_PATTERNS` (and any later change to them). */
    secretEnvPatterns: secretEnvPatternsSchema.optional(),
    /** For an `ssh://` address, which needs a private key. */
    ssh: hostSshInputSchema.optional(),
    /** Absent: the engine's newest version Harbormaster speaks. */
    apiVersion: apiVersionPinSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.address.startsWith('ssh://') && input.ssh?.privateKey === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ssh', 'privateKey'],
        message: 'an ssh:// host needs a private key',
      })
    }
  })
export type HostCreateInput = z.infer<typeof hostCreateSchema>

/**
 * A partial update: what is absent stays as stored. No defaults here (zod applies a default
 * even under `.partial()`), or renaming a host would reset its bind paths and TLS verification.
 */
export const hostUpdateSchema = z
  .object({
    name: z.string().min(1).max(128).optional(),
    address: hostAddressSchema.optional(),
    tls: z
      .object({ ...hostTlsFields, verify: z.boolean().optional() })
      .strict()
      .optional(),
    allowedBindPrefixes: allowedBindPrefixesSchema.optional(),
    secretEnvPatterns: secretEnvPatternsSchema.optional(),
    /** What is given replaces what is stored; what is absent stays. */
    ssh: hostSshInputSchema.optional(),
    /** `null` removes the pin. */
    apiVersion: apiVersionPinSchema.nullable().optional(),
  })
  .strict()
export type HostUpdateInput = z.infer<typeof hostUpdateSchema>

/** A host as listed: its settings (no secrets) and its live status. */
export const hostSchema = hostStatusSchema.extend({
  tls: z.object({ verify: z.boolean(), hasClientCertificate: z.boolean() }).optional(),
  /** For an `ssh://` host. */
  ssh: hostSshSchema.optional(),
  allowedBindPrefixes: z.array(z.string()),
  /**
   * Environment keys whose values only admins see on this host (viewers see none); the
   * defaults unless an admin set others.
   */
  secretEnvPatterns: z.array(z.string()),
  /** The API version an admin pinned, if any (`apiVersion` is the one in use). */
  pinnedApiVersion: z.string().optional(),
  /** The caller's role on this host. */
  role: z.enum(['viewer', 'operator', 'admin']),
})
export type Host = z.infer<typeof hostSchema>

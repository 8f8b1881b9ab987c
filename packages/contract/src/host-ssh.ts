import { z } from 'zod'

/** A host key fingerprint as `ssh-keygen -l` prints it (some tools add one `=` of padding). */
export const hostKeyFingerprintSchema = z
  .string()
  .trim()
  .regex(
    /^SHA256:[A-Za-z0-9+/]{43}=?$/,
    'expected SHA256:<43 characters> as ssh-keygen -l prints it',
  )

/** An OpenSSH (`ssh-keygen`'s default) or PEM private key: ed25519 or RSA. */
const sshPrivateKeySchema = z
  .string()
  .min(1)
  .max(64 * 1024)
  .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'expected an OpenSSH or PEM private key')

/**
 * How an `ssh://` host is reached: the private key and its passphrase are write-only (never
 * returned, like TLS keys); the fingerprint pins the server's host key.
 */
export const hostSshInputSchema = z
  .object({
    privateKey: sshPrivateKeySchema.optional(),
    /** Empty removes a stored passphrase. */
    passphrase: z.string().max(1024).optional(),
    hostKeyFingerprint: hostKeyFingerprintSchema.optional(),
  })
  .strict()
export type HostSshInput = z.infer<typeof hostSshInputSchema>

/** What a listed `ssh://` host shows of its SSH settings: never the key or passphrase. */
export const hostSshSchema = z.object({
  hasPrivateKey: z.boolean(),
  hasPassphrase: z.boolean(),
  /** The pinned host key; absent until an admin gives or accepts one. */
  hostKeyFingerprint: z.string().optional(),
})

/**
 * Why an `ssh://` host's key stopped it connecting, in its status: `unknown` (no key pinned yet:
 * an admin may accept `offered`) or `changed` (the server offered another key than the pinned
 * `expected` one: a reinstalled host, or someone in the middle).
 */
export const sshHostKeyProblemSchema = z.object({
  state: z.enum(['unknown', 'changed']),
  offered: z.string(),
  expected: z.string().optional(),
})
export type SshHostKeyProblem = z.infer<typeof sshHostKeyProblemSchema>

/**
 * `POST /api/hosts/:hostId/ssh-host-key`: pin the key the server offers now. The admin names the
 * fingerprint they checked; it must be the one offered. Replacing a pinned key (it changed) needs
 * `replacePinned: true` as well: a changed key is never taken by a click meant for a new host.
 */
export const sshHostKeyAcceptSchema = z
  .object({
    fingerprint: hostKeyFingerprintSchema,
    replacePinned: z.boolean().default(false),
  })
  .strict()
export type SshHostKeyAccept = z.infer<typeof sshHostKeyAcceptSchema>

import { createHash } from 'node:crypto'

/** `SHA256:<base64, unpadded>` of a host key blob, exactly as `ssh-keygen -l` prints it. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  const digest = createHash('sha256').update(keyBlob).digest('base64')
  return `SHA256:${digest.replace(/=+$/, '')}`
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/

/** True for a SHA256 fingerprint as `ssh-keygen -l` (or `-E sha256`) prints it. */
export function isHostKeyFingerprint(text: string): boolean {
  return FINGERPRINT.test(text.trim())
}

/** The comparable form: trimmed, without base64 padding (some tools print one `=`). */
export function normaliseFingerprint(text: string): string {
  return text.trim().replace(/=+$/, '')
}

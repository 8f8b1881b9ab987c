import type { SignInSession } from '@harbormaster/contract'
import type { SessionRecord } from '../sessions.ts'
import { describeDevice } from './device.ts'

const iso = (ms: number) => new Date(ms).toISOString()

/** A session as its list shows it: the public id only, never the hash its cookie is kept as. */
export function toSignInSession(record: SessionRecord, currentIdHash?: string): SignInSession {
  return {
    id: record.publicId,
    current: record.idHash === currentIdHash,
    device: describeDevice(record.userAgent),
    userAgent: record.userAgent,
    address: record.address,
    method: record.method,
    secondFactor: record.secondFactor ?? null,
    createdAt: iso(record.createdAt),
    lastUsedAt: iso(record.lastSeenAt),
    expiresAt: iso(record.expiresAt),
  }
}

import type { StackStamp } from '@harbormaster/contract'
import type { VersionStamp } from './stack-store.ts'

/** A stored version stamp as the API says it (compose and swarm stack views alike). */
export function toStamp(stamp: VersionStamp): StackStamp {
  return { version: stamp.version, at: new Date(stamp.at).toISOString(), by: stamp.by }
}

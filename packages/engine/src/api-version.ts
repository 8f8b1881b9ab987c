import { EngineVersionError } from './errors.ts'

/** The API versions this client speaks (docs/engine.md#version-negotiation). */
export const SUPPORTED_API = { oldest: '1.12', newest: '1.51' } as const

/** Compares dotted API versions numerically ("1.9" < "1.24"). */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number)
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number)
  return aMajor - bMajor || aMinor - bMinor
}

/** True when `version` is at least `minimum`: gates request features by negotiated version. */
export function apiAtLeast(version: string, minimum: string): boolean {
  return compareApiVersions(version, minimum) >= 0
}

export function isApiVersion(value: string): boolean {
  return /^\d+\.\d+$/.test(value)
}

/**
 * Picks the version to prefix every request with: the engine's own, capped at the newest one we
 * support, or the caller's pinned version when that is lower. Unversioned requests would get the
 * engine's newest shapes, which are not the ones our mappers were tested against.
 *
 * @throws {EngineVersionError} when the engine is older than SUPPORTED_API.oldest, or the pinned
 *   version is outside what both sides support.
 */
export function chooseApiVersion(engineVersion: string, pinned?: string): string {
  if (!isApiVersion(engineVersion)) {
    throw new EngineVersionError(`Engine reported an unreadable API version "${engineVersion}"`)
  }
  if (compareApiVersions(engineVersion, SUPPORTED_API.oldest) < 0) {
    throw new EngineVersionError(
      `Engine API ${engineVersion} is too old: Harbormaster needs API ${SUPPORTED_API.oldest} or newer`,
    )
  }
  const best =
    compareApiVersions(engineVersion, SUPPORTED_API.newest) > 0
      ? SUPPORTED_API.newest
      : engineVersion
  if (pinned === undefined) return best
  if (!isApiVersion(pinned) || compareApiVersions(pinned, SUPPORTED_API.oldest) < 0) {
    throw new EngineVersionError(
      `Cannot pin API ${pinned}: the oldest supported version is ${SUPPORTED_API.oldest}`,
    )
  }
  if (compareApiVersions(pinned, best) > 0) {
    throw new EngineVersionError(`Cannot pin API ${pinned}: the engine serves at most ${best}`)
  }
  return pinned
}

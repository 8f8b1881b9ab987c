import { apiAtLeast } from './api-version.ts'
import type { EngineFlavour } from './engine-client.ts'
import { EngineUnsupportedError } from './errors.ts'

/**
 * What an engine can show, by the API version every request is prefixed with
 * (docs/engine.md#what-each-version-lacks). The server answers a view the engine lacks with
 * `engine_unsupported`; the web app hides or explains it.
 */
export interface EngineCapabilities {
  /** `/volumes` (1.21). */
  volumes: boolean
  /** `/networks` (1.21). */
  networks: boolean
  /** `/containers/{id}/stats` (1.17). */
  stats: boolean
  /** Events carry `Type`, `Action` and `Actor`, and filter by `type` (1.22). */
  typedEvents: boolean
  /** Swarm mode: `/swarm`, `/nodes`, `/services`, `/tasks` (1.24). */
  swarm: boolean
  /** The prune endpoints and `/system/df` (1.25). */
  prune: boolean
  /** Copying files through `/containers/{id}/archive` (1.20). */
  archive: boolean
}

export type EngineFeature = keyof EngineCapabilities

/** The first API version with each feature. */
export const FEATURE_SINCE: Readonly<Record<EngineFeature, string>> = {
  volumes: '1.21',
  networks: '1.21',
  stats: '1.17',
  typedEvents: '1.22',
  swarm: '1.24',
  prune: '1.25',
  archive: '1.20',
}

/** How a missing feature is named in "This engine's API 1.15 has no networks". */
const FEATURE_NOUN: Readonly<Record<EngineFeature, string>> = {
  volumes: 'volumes',
  networks: 'networks',
  stats: 'stats',
  typedEvents: 'typed events',
  swarm: 'swarm mode',
  prune: 'prune or disk usage',
  archive: 'file copy (archive)',
}

/**
 * The capability map of an engine at a negotiated API version. Podman's compat API serves 1.41
 * shapes, so it has everything here; a Podman gap would be stated in this one place.
 */
export function engineCapabilities(
  apiVersion: string,
  flavour: EngineFlavour = 'docker',
): EngineCapabilities {
  // Swarm mode is Docker's alone: Podman has none (its /info has no Swarm, docs/engine.md#podman).
  const swarm = flavour === 'docker' && apiAtLeast(apiVersion, FEATURE_SINCE.swarm)
  const has = (feature: EngineFeature) => apiAtLeast(apiVersion, FEATURE_SINCE[feature])
  return {
    volumes: has('volumes'),
    networks: has('networks'),
    stats: has('stats'),
    typedEvents: has('typedEvents'),
    swarm,
    prune: has('prune'),
    archive: has('archive'),
  }
}

// Request paths (unversioned) that need a feature; checked in order, first match wins.
const PATH_FEATURES: readonly [RegExp, EngineFeature][] = [
  [/^\/(containers|images|volumes|networks)\/prune$/, 'prune'],
  [/^\/system\/df$/, 'prune'],
  [/^\/volumes(\/|$)/, 'volumes'],
  [/^\/networks(\/|$)/, 'networks'],
  [/^\/containers\/[^/]+\/stats$/, 'stats'],
  [/^\/containers\/[^/]+\/archive$/, 'archive'],
  [/^\/(swarm|nodes|services|tasks|secrets|configs)(\/|$)/, 'swarm'],
]

/** The feature a request path needs, if any. */
export function featureOfPath(path: string): EngineFeature | undefined {
  return PATH_FEATURES.find(([pattern]) => pattern.test(path))?.[1]
}

/**
 * Refuses, before anything is sent, a request the negotiated version does not have: an old
 * engine would answer 404 "page not found", which reads like a missing object.
 *
 * @throws {EngineUnsupportedError} naming the version and what it lacks.
 */
export function assertPathSupported(path: string, apiVersion: string): void {
  const feature = featureOfPath(path)
  if (feature === undefined || apiAtLeast(apiVersion, FEATURE_SINCE[feature])) return
  throw new EngineUnsupportedError(feature, apiVersion, FEATURE_NOUN[feature])
}

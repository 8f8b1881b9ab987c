import type { ComposePath, ComposeService } from '@harbormaster/compose'
import { type BuildPlace, buildPlace } from './build-context.ts'
import type { SpecProblem } from '../deploy/service-spec.ts'

/**
 * How a service's image reaches the host (docker/compose `pkg/compose/pull.go` mustPull and
 * `build.go`): pulled, with the service's pull policy, or built from its context.
 *
 * - `default`: no `pull_policy`; pulled when missing, and on a redeploy (stack-wide `always`).
 * - `missing` (`if_not_present`): pulled when missing, even on a redeploy.
 * - `always`: pulled on every deploy. `never`: never pulled; a missing image is an error.
 * - `refresh` (`daily`, `weekly`, `every_<duration>`): pulled when missing, or when the image's
 *   tag last moved (the engine's `LastTagTime`, which a pull sets) longer ago than `everyMs`.
 */
export type PullPolicy = 'default' | 'missing' | 'always' | 'never' | 'refresh'

export type ImageSource =
  | { kind: 'pull'; policy: PullPolicy; everyMs?: number }
  /** `rebuild`: `pull_policy: build`, built on every deploy; else when missing or changed. */
  | { kind: 'build'; rebuild: boolean }

/** `<project>-<service>` when the file names no image: compose v2's `GetImageNameOrDefault`. */
export function serviceImage(project: string, service: ComposeService): string {
  return service.image ?? `${project}-${service.name}`
}

const UNIT_MS: Record<string, number> = {
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
}

/** `daily`, `weekly`, `every_<n><w|d|h|m|s>…` as milliseconds; undefined for anything else. */
export function refreshInterval(policy: string): number | undefined {
  if (policy === 'daily') return UNIT_MS.d
  if (policy === 'weekly') return UNIT_MS.w
  const every = /^every_((?:\d+[wdhms])+)$/.exec(policy)?.[1]
  if (every === undefined) return undefined
  let total = 0
  for (const [, count, unit] of every.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(count) * (UNIT_MS[unit ?? ''] ?? 0)
  }
  return total > 0 ? total : undefined
}

/**
 * The service's image source, or the problem with its `pull_policy`. A built service is never
 * pulled (compose pulls one only when the file also names an image, and ignores the failure):
 * its image is ours, and a pull of that name could bring someone else's image or fail on a
 * name that exists only here.
 */
export function imageSourceOf(service: ComposeService): ImageSource | SpecProblem {
  const policy = service.pullPolicy
  const path: ComposePath = ['services', service.name, 'pullPolicy']
  const built = service.build !== undefined
  const everyMs = policy === undefined ? undefined : refreshInterval(policy)
  if (policy === 'refresh' || (policy?.startsWith('every_') === true && everyMs === undefined)) {
    return {
      path,
      message: `pull_policy ${policy}: give the interval, as daily, weekly or every_<n><w|d|h|m|s>`,
    }
  }
  if (policy === 'build') {
    return built
      ? { kind: 'build', rebuild: true }
      : { path, message: 'pull_policy build needs a build section to build the image from' }
  }
  if (built) {
    if (policy === 'always' || everyMs !== undefined) {
      return {
        path,
        message:
          `pull_policy ${policy} with build: the image is built here, never pulled; ` +
          'use pull_policy build to build it on every deploy',
      }
    }
    // `never`, `missing` and none: built when missing or changed (compose builds when missing).
    return { kind: 'build', rebuild: false }
  }
  if (everyMs !== undefined) return { kind: 'pull', policy: 'refresh', everyMs }
  if (policy === 'always' || policy === 'never') return { kind: 'pull', policy }
  if (policy === 'missing' || policy === 'if_not_present')
    return { kind: 'pull', policy: 'missing' }
  return { kind: 'pull', policy: 'default' }
}

/** A service's image: its name, how it reaches the host, and where a built one is built from. */
export interface ServiceImage {
  name: string
  source: ImageSource
  build?: BuildPlace
}

/** The service's image, or the problems at its `pull_policy` and `build` keys. */
export function serviceImageOf(
  project: string,
  service: ComposeService,
  stack: { dir: string; dirExists: boolean },
): ServiceImage | SpecProblem[] {
  const source = imageSourceOf(service)
  if ('message' in source) return [source]
  const name = serviceImage(project, service)
  if (source.kind === 'pull' || service.build === undefined) return { name, source }
  const place = buildPlace(stack.dir, stack.dirExists, service.build)
  if ('message' in place) {
    return [{ path: ['services', service.name, 'build', place.at], message: place.message }]
  }
  return { name, source, build: place }
}

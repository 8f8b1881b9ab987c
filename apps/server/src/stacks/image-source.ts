import type { ComposePath, ComposeService } from '@harbormaster/compose'
import { type BuildPlace, buildPlace } from './build-context.ts'
import type { SpecProblem } from './service-spec.ts'

/**
 * How a service's image reaches the host (docker/compose `pkg/compose/pull.go` mustPull and
 * `build.go`): pulled, with the service's pull policy, or built from its context.
 *
 * - `default`: no `pull_policy`; pulled when missing, and on a redeploy (stack-wide `always`).
 * - `missing` (`if_not_present`): pulled when missing, even on a redeploy.
 * - `always`: pulled on every deploy. `never`: never pulled; a missing image is an error.
 */
export type PullPolicy = 'default' | 'missing' | 'always' | 'never'

export type ImageSource =
  | { kind: 'pull'; policy: PullPolicy }
  /** `rebuild`: `pull_policy: build`, built on every deploy; else when missing or changed. */
  | { kind: 'build'; rebuild: boolean }

/** `<project>-<service>` when the file names no image: compose v2's `GetImageNameOrDefault`. */
export function serviceImage(project: string, service: ComposeService): string {
  return service.image ?? `${project}-${service.name}`
}

const REFRESH = /^(daily|weekly|refresh|every_.*)$/

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
  if (policy !== undefined && REFRESH.test(policy)) {
    return {
      path,
      message: `pull_policy ${policy} is not supported: use always, missing, never or build`,
    }
  }
  if (policy === 'build') {
    return built
      ? { kind: 'build', rebuild: true }
      : { path, message: 'pull_policy build needs a build section to build the image from' }
  }
  if (built) {
    if (policy === 'always') {
      return {
        path,
        message:
          'pull_policy always with build: the image is built here, never pulled; ' +
          'use pull_policy build to build it on every deploy',
      }
    }
    // `never`, `missing` and none: built when missing or changed (compose builds when missing).
    return { kind: 'build', rebuild: false }
  }
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

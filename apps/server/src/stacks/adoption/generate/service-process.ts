import { isDeepStrictEqual } from 'node:util'
import type { ContainerSnapshot, ImageSnapshot } from './project-snapshot.ts'
import { literal, literals } from './compose-values.ts'
import { COMPOSE } from '../../compose-labels.ts'

/** Service keys and notes, as each part of a container's settings contributes them. */
export interface ServicePart {
  keys: Record<string, unknown>
  notes: string[]
}

/**
 * What runs: the image, and the command, entrypoint, user and working directory only where
 * they differ from the image's, since the engine fills in the image's at create (a container
 * keeps the merged values, so the image's would otherwise be pinned in the file).
 */
export function processKeys(
  container: ContainerSnapshot,
  image: ImageSnapshot | undefined,
): ServicePart {
  const { config } = container.details
  const notes: string[] = []
  if (!image) {
    notes.push(
      `the image ${container.details.image} is no longer on the host: the command and ` +
        'entrypoint are written as the container has them',
    )
  }
  const keys: Record<string, unknown> = {
    image: literal(container.details.image),
    ...commandKeys(config.entrypoint, config.cmd, image),
  }
  if (image?.config.labels[COMPOSE.imageBuilder] !== undefined) {
    // Built by compose from a context we do not have: kept as the local image it is, which a
    // redeploy must not try to pull (no registry has it).
    keys.pull_policy = 'missing'
    notes.push(
      `the image ${container.details.image} was built by compose: the file uses it as built ` +
        "(pull_policy missing); to build it here, copy its context into the stack's folder and " +
        'add a build section',
    )
  }
  if (config.user !== '' && config.user !== image?.config.user) keys.user = literal(config.user)
  if (config.workingDir !== '' && config.workingDir !== image?.config.workingDir)
    keys.working_dir = literal(config.workingDir)
  if (config.hostname !== '' && config.hostname !== container.details.id.slice(0, 12))
    keys.hostname = literal(config.hostname)
  return { keys, notes }
}

/**
 * The engine takes the image's entrypoint when none is given, and its command too when neither
 * is: so a container whose entrypoint is the image's was given at most a command, and one with
 * another entrypoint was given exactly its command.
 */
function commandKeys(
  entrypoint: string[],
  cmd: string[],
  image: ImageSnapshot | undefined,
): Record<string, string[]> {
  if (!image) {
    return {
      ...(entrypoint.length > 0 ? { entrypoint: literals(entrypoint) } : {}),
      ...(cmd.length > 0 ? { command: literals(cmd) } : {}),
    }
  }
  const sameEntrypoint = isDeepStrictEqual(entrypoint, image.config.entrypoint)
  if (sameEntrypoint && isDeepStrictEqual(cmd, image.config.cmd)) return {}
  if (sameEntrypoint && cmd.length > 0) return { command: literals(cmd) }
  return {
    entrypoint: literals(entrypoint),
    ...(cmd.length > 0 ? { command: literals(cmd) } : {}),
  }
}

/**
 * The container's environment less what its image sets to the same value (the engine adds the
 * image's variables at create). Values are as the engine has them, not yet written for compose.
 */
export function environmentOf(
  container: ContainerSnapshot,
  image: ImageSnapshot | undefined,
): Record<string, string> {
  const inherited = new Set(image?.config.env ?? [])
  const environment: Record<string, string> = {}
  for (const entry of container.details.config.env) {
    if (inherited.has(entry)) continue
    const equals = entry.indexOf('=')
    if (equals <= 0) continue
    environment[entry.slice(0, equals)] = entry.slice(equals + 1)
  }
  return environment
}

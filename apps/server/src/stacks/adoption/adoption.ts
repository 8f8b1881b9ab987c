import { basename } from 'node:path'
import { type ComposeProject, loadComposeProject } from '@harbormaster/compose'
import type { StackAdoption } from '@harbormaster/contract'
import type { Container } from '@harbormaster/engine'
import type { HostContext } from '../../app-env.ts'
import { visibleContainers } from '../../containers/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { callerEnvVisibility, inScope, matchesKeyPattern, may } from '../../policy/index.ts'
import { COMPOSE, servicesOf } from '../compose-labels.ts'
import { maskEnvText } from '../env-text.ts'
import { generateCompose } from './generate/generate-compose.ts'
import type { GeneratedVariable } from './generate/project-snapshot.ts'
import { recoverProjectFiles } from './project-files.ts'
import { readProjectSnapshot } from './read-project.ts'
import { projectContainers, stackStore } from '../stack-access.ts'
import { notStored } from '../stack-store.ts'

/** An adoption before masking: the `.env` as found, and what each generated variable holds. */
export interface ProjectAdoption {
  source: StackAdoption['source']
  compose: string
  env: string
  notes: string[]
  variables: GeneratedVariable[]
}

/**
 * The containers of a compose CLI project the caller may adopt: a 404 when they see none of it
 * (as for a name nobody uses), a 409 when a stack of that name is stored (it has a file
 * already), a 403 when some of its containers are outside their label scope (adopting a
 * project means answering for all of it). The containers are listed from the engine, so one
 * made a moment ago counts.
 */
export async function requireCliProject(c: HostContext, name: string): Promise<Container[]> {
  const stored = stackStore(c).get(c.var.hostId, name)
  const visible = (await visibleContainers(c)).some(
    (container) => container.labels[COMPOSE.project] === name,
  )
  if (stored && inScope(c.var.grant, stored.labels)) {
    throw new ApiError(409, 'conflict', `Stack ${name} is managed already: it has a file`)
  }
  if (!visible) throw notStored(name)
  if (stored) throw new ApiError(409, 'conflict', `A stack named ${name} exists on this host`)
  const containers = await projectContainers(c, name)
  if (containers.some((container) => !inScope(c.var.grant, container.labels))) {
    throw new ApiError(
      403,
      'forbidden',
      `Some containers of project ${name} are outside your label scope: only someone who sees ` +
        'all of it may adopt it',
    )
  }
  if (containers.length === 0) throw notStored(name)
  return containers
}

/**
 * The project's file: recovered from the files its labels name when the server may read them,
 * otherwise generated from its containers' inspect data (secret values in the `.env`).
 */
export async function adoptionOf(
  c: HostContext,
  name: string,
  containers: readonly Container[],
): Promise<ProjectAdoption> {
  const running = containers.filter(
    (container) => container.labels[COMPOSE.oneoff]?.toLowerCase() !== 'true',
  )
  const services = servicesOf(running).map((service) => service.name)
  const files = await recoverProjectFiles(running, services, c.var.config.stackImportDirs)
  if (files.recovered) {
    const notes = recoveredNotes(name, files, containers[0], may(c, 'env.secret-values'))
    return { source: 'recovered', ...files, notes, variables: [] }
  }
  const snapshot = await readProjectSnapshot(c.var.engine, name, containers, c.req.raw.signal)
  const patterns = c.var.host.secretEnvPatterns
  const generated = generateCompose(snapshot, {
    isSecret: (key) => patterns.some((pattern) => matchesKeyPattern(pattern, key)),
  })
  return {
    source: 'generated',
    compose: generated.compose,
    env: generated.env,
    notes: [...files.notes, ...generated.notes],
    variables: generated.variables,
  }
}

/** The adoption as the caller may see it: `.env` values masked as a stack's and container env. */
export function toStackAdoption(c: HostContext, adoption: ProjectAdoption): StackAdoption {
  const visibility = callerEnvVisibility(c)
  const keyOf = new Map(adoption.variables.map((variable) => [variable.name, variable.key]))
  // A generated variable is hidden when either its name or the container variable it holds is.
  const hides = (name: string) =>
    visibility.hides(name) || visibility.hides(keyOf.get(name) ?? name)
  const { env, maskedEnv } = maskEnvText(adoption.env, { hides }, may(c, 'env.secret-values'))
  return {
    source: adoption.source,
    compose: adoption.compose,
    env,
    maskedEnv,
    notes: adoption.notes,
  }
}

/**
 * What the reviewer of a recovered file should know: that it does not load yet (the messages
 * only for those who may see every `.env` value, which interpolation can put in them), and the
 * paths it reads relative to its old directory, which a stack reads from its own.
 */
function recoveredNotes(
  name: string,
  files: { compose: string; env: string },
  container: Container | undefined,
  showMessages: boolean,
): string[] {
  const fileName = basename(container?.labels[COMPOSE.configFiles] ?? '')
  const loaded = loadComposeProject({
    projectName: name,
    file: { text: files.compose, ...(fileName === '' ? {} : { name: fileName }) },
    dotenv: files.env,
    readFile: () => undefined,
  })
  if (!loaded.ok) {
    if (!showMessages) {
      return [`the file has ${loaded.errors.length} problem(s) to fix before it deploys`]
    }
    return loaded.errors.map((error) => `${error.file} line ${error.line}: ${error.message}`)
  }
  const workingDir = container?.labels[COMPOSE.workingDir] ?? 'its directory'
  const builds = Object.values(loaded.project.services).flatMap((service) =>
    service.build
      ? [
          `service ${service.name}: the build context ${service.build.context} is read from ` +
            `the stack's own folder, not the project's (${workingDir}): copy the context into it`,
        ]
      : [],
  )
  const paths = relativePaths(loaded.project).map(
    (path) =>
      `${path} is relative to the project's directory (${workingDir}); a stack reads it from ` +
      'its own directory: write an absolute path or add the file to the stack',
  )
  return [...paths, ...builds]
}

function relativePaths(project: ComposeProject): string[] {
  return Object.values(project.services).flatMap((service) => [
    ...service.volumes.flatMap((mount) =>
      mount.type === 'bind' && !mount.source.startsWith('/')
        ? [`service ${service.name}: the bind source ${mount.source}`]
        : [],
    ),
    ...service.envFiles.map((file) => `service ${service.name}: env_file ${file.path}`),
  ])
}

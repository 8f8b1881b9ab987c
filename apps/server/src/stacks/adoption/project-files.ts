import { isAbsolute, join } from 'node:path'
import type { Container } from '@harbormaster/engine'
import { parse } from 'yaml'
import { COMPOSE } from '../compose-labels.ts'
import { readImportFile } from './import-files.ts'

/** The same caps as a stack's own files (the contract's `compose` and `env`). */
const MAX_COMPOSE_BYTES = 512 * 1024
const MAX_ENV_BYTES = 128 * 1024

/** `.project.environment_file`: written by newer compose CLIs, absent from compose v1's. */
const ENVIRONMENT_FILE = 'com.docker.compose.project.environment_file'

export type RecoveredFiles =
  { recovered: true; compose: string; env: string } | { recovered: false; notes: string[] }

/**
 * The compose file and `.env` the compose CLI made the project from, when the labels name one
 * file the server may read (`allowedDirs`) and it describes the project (a `services` map with
 * every service that has a container): a file that names other services is not this project's,
 * so a label cannot make us hand out an unrelated file. Compose v1 labels the file relative to
 * the working directory, newer CLIs absolutely. Otherwise, why not, as notes.
 */
export async function recoverProjectFiles(
  containers: readonly Container[],
  services: readonly string[],
  allowedDirs: readonly string[],
): Promise<RecoveredFiles> {
  const labels = agreedLabels(containers)
  if ('note' in labels) return { recovered: false, notes: [labels.note] }
  const files = labels.configFiles.split(',').filter((file) => file !== '')
  if (files.length === 0) return { recovered: false, notes: [] }
  const named = files.join(', ')
  if (allowedDirs.length === 0) {
    return notRecovered(
      `the project's file (${named}) was not read: no directory is allowed for import ` +
        '(HARBORMASTER_STACK_IMPORT_DIRS)',
    )
  }
  if (files.length > 1) {
    return notRecovered(
      `the project was made from ${files.length} files (${named}); a stack has one`,
    )
  }
  const path = resolveIn(labels.workingDir, files[0] ?? '')
  if (path === undefined) return notRecovered(`${named} is relative to no working directory`)
  const compose = await readImportFile(path, allowedDirs, MAX_COMPOSE_BYTES)
  if (!compose.ok) return notRecovered(`${path} was not read: ${compose.why}`)
  const missing = servicesMissingFrom(compose.text, services)
  if (missing.length > 0) {
    return notRecovered(`${path} does not describe the project: no service ${missing.join(', ')}`)
  }
  const envPath = resolveIn(labels.workingDir, labels.environmentFile || '.env')
  const env = envPath ? await readImportFile(envPath, allowedDirs, MAX_ENV_BYTES) : undefined
  return { recovered: true, compose: compose.text, env: env?.ok ? env.text : '' }
}

const notRecovered = (note: string): RecoveredFiles => ({ recovered: false, notes: [note] })

interface ProjectLabels {
  configFiles: string
  workingDir: string
  environmentFile: string
}

/** The project's file labels, which every container must carry alike. */
function agreedLabels(containers: readonly Container[]): ProjectLabels | { note: string } {
  const values = (key: string) => new Set(containers.map((c) => c.labels[key] ?? ''))
  const configFiles = values(COMPOSE.configFiles)
  const workingDir = values(COMPOSE.workingDir)
  const environmentFile = values(ENVIRONMENT_FILE)
  if (configFiles.size > 1 || workingDir.size > 1 || environmentFile.size > 1) {
    return { note: "the project's containers name different files, so none was read" }
  }
  const [first] = containers
  return {
    configFiles: first?.labels[COMPOSE.configFiles] ?? '',
    workingDir: first?.labels[COMPOSE.workingDir] ?? '',
    environmentFile: first?.labels[ENVIRONMENT_FILE] ?? '',
  }
}

function resolveIn(workingDir: string, file: string): string | undefined {
  if (isAbsolute(file)) return file
  return isAbsolute(workingDir) ? join(workingDir, file) : undefined
}

/** The services with containers that the file's `services` map lacks (all, if it has none). */
function servicesMissingFrom(text: string, services: readonly string[]): string[] {
  let document: unknown
  try {
    document = parse(text, { schema: 'failsafe', maxAliasCount: 1000 })
  } catch {
    return [...services]
  }
  const declared = isMap(document) && isMap(document.services) ? document.services : {}
  return services.filter((service) => !Object.hasOwn(declared, service))
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

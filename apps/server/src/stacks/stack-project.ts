import { createHash } from 'node:crypto'
import type { ComposePath, ComposeProject } from '@harbormaster/compose'
import { formatPath } from '@harbormaster/compose/issues'
import type { StackIssue, StackTarget } from '@harbormaster/contract'
import { ApiError } from '../platform/errors.ts'
import { configHash } from './compose-objects.ts'
import { COMPOSE_FILE, readStackFile } from './stack-dir.ts'
import { type ServiceImage, serviceImageOf } from './build/image-source.ts'
import {
  type FileCopy,
  type ServiceSpec,
  type StackPlace,
  serviceSpec,
} from './deploy/service-spec.ts'

/** A stack's files as one version has them, and where its directory is (or would be). */
export interface StackSource {
  name: string
  compose: string
  env: string
  /** The stack's directory on this server: relative paths of the file are read against it. */
  dir: string
  /** Whether the directory exists (a stack being written in the editor may have none yet). */
  dirExists: boolean
  /** Whether the engine's host sees the directory at that path (see StackPlace). */
  visibleToEngine: boolean
  /** Default `compose`: the swarm-only `deploy:` keys are then errors at their line. */
  target?: StackTarget | undefined
}

/** A secret or config with the content read from the stack's directory at load time. */
export interface LoadedFile extends FileCopy {
  content: Buffer
}

/** A stack read and turned into create requests, ready for the policy and the planner. */
export interface LoadedStack {
  project: ComposeProject
  specs: ServiceSpec[]
  /**
   * Each service's secrets and configs with their content, copied into every new container
   * before it starts: the engine's archive API works on any host, where a bind of the server's
   * directory works only beside a local engine.
   */
  files: Map<string, LoadedFile[]>
  /** Each service's `com.docker.compose.config-hash`, over its settings and its files' content. */
  hashes: Map<string, string>
  /** Each service's image: its name, pulled or built, and a built one's context. */
  images: Map<string, ServiceImage>
}

/** The largest secret or config copied into a container (swarm's own limit is 500 KB). */
export const MAX_STACK_FILE_BYTES = 1024 * 1024

/**
 * The compose reader (with the YAML parser and the schema validator) is loaded on the first
 * stack read, not at start: a server whose hosts have no stacks never holds it.
 */
const composeReader = () => import('@harbormaster/compose')

export type StackLoad = { ok: true; stack: LoadedStack } | { ok: false; issues: StackIssue[] }

/**
 * Reads the compose file with its `.env` (env_files through the confined reader of the stack's
 * directory), then turns each service into the create request its containers are made from.
 * Every problem is an issue at its file, line and key; none throws.
 */
export async function loadStack(source: StackSource): Promise<StackLoad> {
  const { loadComposeProject } = await composeReader()
  const read = (path: string) => {
    if (!source.dirExists) return undefined
    try {
      return readStackFile(source.dir, path).toString('utf8')
    } catch (err) {
      if (err instanceof ApiError) return undefined
      throw err
    }
  }
  const result = loadComposeProject({
    projectName: source.name,
    file: { text: source.compose, name: COMPOSE_FILE },
    dotenv: source.env,
    readFile: read,
  })
  if (!result.ok) {
    return {
      ok: false,
      issues: result.errors.map((e) => ({ ...e, path: displayPath(e.path), kind: 'error' })),
    }
  }
  const { project } = result
  const place: StackPlace = { dir: source.dir, visibleToEngine: source.visibleToEngine }
  const specs = Object.values(project.services).map((s) => serviceSpec(project, s, place))
  const issues = specs.flatMap((spec) =>
    spec.problems.map((p) => issueAt(project, p.path, p.message, 'error')),
  )
  if (source.target !== 'swarm') issues.push(...swarmOnlyIssues(project))
  for (const [key, network] of Object.entries(project.networks)) {
    const ipam = network.ipam
    const unsupported =
      ipam &&
      (ipam.config.length > 1 ||
        ipam.driver !== undefined ||
        Object.keys(ipam.options).length > 0 ||
        ipam.config.some((block) => Object.keys(block.auxAddresses).length > 0))
    if (unsupported) {
      const message =
        'ipam: one config block (subnet, ip_range, gateway) is supported, nothing else'
      issues.push(issueAt(project, ['networks', key, 'ipam'], message, 'error'))
    }
  }
  const images = new Map<string, ServiceImage>()
  for (const service of Object.values(project.services)) {
    const image = serviceImageOf(project.name, service, source)
    if (Array.isArray(image)) {
      issues.push(...image.map((p) => issueAt(project, p.path, p.message, 'error')))
    } else images.set(service.name, image)
  }
  const files = new Map<string, LoadedFile[]>()
  const hashes = new Map<string, string>()
  for (const spec of specs) {
    const loaded = spec.files.flatMap((file) => {
      const content = readGrantedFile(source, file.source)
      if (typeof content === 'string') {
        issues.push(issueAt(project, file.path, content, 'error'))
        return []
      }
      return [{ ...file, content }]
    })
    files.set(spec.service, loaded)
    const model = project.services[spec.service]
    if (model) hashes.set(spec.service, configHash(model, loaded.map(contentDigest)))
  }
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, stack: { project, specs, files, hashes, images } }
}

/**
 * The `deploy:` keys only a swarm honours, in a compose stack: `docker compose` would ignore
 * them, and a stack never half-applies its file.
 */
function swarmOnlyIssues(project: ComposeProject): StackIssue[] {
  return Object.values(project.services).flatMap((service) =>
    Object.keys(service.swarm ?? {}).map((key) => {
      const fileKey = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
      return issueAt(
        project,
        ['services', service.name, 'deploy', fileKey],
        `deploy.${fileKey} is honoured by swarm stacks only`,
        'error',
      )
    }),
  )
}

/** A secret's or config's content through the confined reader, or why it cannot be used. */
function readGrantedFile(source: StackSource, path: string): Buffer | string {
  try {
    if (!source.dirExists) return `"${path}": no such file in the stack's folder`
    const content = readStackFile(source.dir, path)
    if (content.length > MAX_STACK_FILE_BYTES) {
      return `"${path}": larger than ${MAX_STACK_FILE_BYTES / 1024 / 1024} MiB, the most copied into a container`
    }
    return content
  } catch (err) {
    if (err instanceof ApiError) return err.message
    throw err
  }
}

/** What of a file decides whether its containers are current: its content (the grant is in the service). */
function contentDigest(file: LoadedFile): string {
  return createHash('sha256').update(file.content).digest('hex')
}

/** An issue at the place in the file that supplied the value at `path`. */
export function issueAt(
  project: ComposeProject,
  path: ComposePath,
  message: string,
  kind: StackIssue['kind'],
): StackIssue {
  const at = project.sourceOf(path) ?? { file: COMPOSE_FILE, line: 1, column: 1 }
  return { message, file: at.file, line: at.line, column: at.column, path: displayPath(path), kind }
}

/** The model's camelCase service keys, as the compose file spells them. */
const FILE_KEYS: Record<string, string> = {
  capAdd: 'cap_add',
  capDrop: 'cap_drop',
  securityOpt: 'security_opt',
  networkMode: 'network_mode',
  workingDir: 'working_dir',
  stdinOpen: 'stdin_open',
  stopSignal: 'stop_signal',
  stopGracePeriod: 'stop_grace_period',
  envFiles: 'env_file',
  dependsOn: 'depends_on',
  resources: 'deploy.resources',
  pullPolicy: 'pull_policy',
}

/**
 * `services.web.cap_add[0]`: a model path in the file's own words; '' for the file as a whole
 * (a YAML error), so what shows an issue gives its message alone.
 */
export function displayPath(path: ComposePath): string {
  if (path.length === 0) return ''
  return formatPath(
    path.map((part, index) =>
      index === 2 && path[0] === 'services' && typeof part === 'string'
        ? (FILE_KEYS[part] ?? part)
        : part,
    ),
  )
}

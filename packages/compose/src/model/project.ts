import type { ComposeError, ComposePath, ComposeWarning, SourceLocation } from '../issues.ts'
import type { ComposeService } from './service.ts'

export interface IpamConfig {
  subnet?: string
  ipRange?: string
  gateway?: string
  auxAddresses: Record<string, string>
}

export interface ComposeNetwork {
  /** The engine's name: `name:`, else the key for an external network, else `<project>_<key>`. */
  name: string
  external: boolean
  driver?: string
  driverOpts: Record<string, string>
  ipam?: { driver?: string; config: IpamConfig[]; options: Record<string, string> }
  labels: Record<string, string>
  internal: boolean
  attachable: boolean
}

export interface ComposeVolume {
  /** The engine's name: `name:`, else the key for an external volume, else `<project>_<key>`. */
  name: string
  external: boolean
  driver?: string
  driverOpts: Record<string, string>
  labels: Record<string, string>
}

/** A top-level secret or config: a file of the stack (`file:`, relative to its directory). */
export interface ComposeFileObject {
  name: string
  file: string
}

export interface ComposeProject {
  name: string
  /** The services the active profiles enable, by name. */
  services: Record<string, ComposeService>
  /** Services left out by the active profiles. */
  disabledServices: string[]
  activeProfiles: string[]
  networks: Record<string, ComposeNetwork>
  volumes: Record<string, ComposeVolume>
  secrets: Record<string, ComposeFileObject>
  configs: Record<string, ComposeFileObject>
  /**
   * Where the value at `path` in this project (e.g. `['services', 'web', 'privileged']`) was read:
   * the YAML node that supplied it, through `extends`, anchors and merge keys, or the line of an
   * `env_file`/`.env`. A value derived from a short syntax (`"8080:80"`) answers with the position
   * of that string; a path with nothing recorded answers with its nearest recorded ancestor.
   */
  sourceOf(path: ComposePath): SourceLocation | undefined
}

export interface LoadComposeInput {
  /**
   * The project's name, like `docker compose -p`: it wins over `COMPOSE_PROJECT_NAME` and the
   * file's `name:`, and must already be valid (lowercase letters, digits, `-`, `_`, starting with
   * a letter or digit). Without it, the file must name the project.
   */
  projectName?: string | undefined
  /** The compose file: its text and the name errors give it (`compose.yaml` by default). */
  file: { text: string; name?: string }
  /** The stack's `.env` text: variables for interpolation. */
  dotenv?: string | undefined
  /** Variables that override the `.env` ones, as the shell's environment does for compose. */
  environment?: Readonly<Record<string, string>> | undefined
  /** Active profiles; default `COMPOSE_PROFILES` from the environment, else none. `*` is all. */
  profiles?: readonly string[] | undefined
  /**
   * Reads a file of the stack (an `env_file`) by the path the compose file gives, relative to
   * the stack's directory; `undefined` when there is no such file (or it may not be read).
   */
  readFile: (relativePath: string) => string | undefined
}

export type LoadComposeResult =
  | { ok: true; project: ComposeProject; warnings: ComposeWarning[] }
  | { ok: false; errors: ComposeError[]; warnings: ComposeWarning[] }

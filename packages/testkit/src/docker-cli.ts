import { runCommand, type CommandOutput } from './exec.ts'

const OVERRIDDEN = ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_TLS']

/** Options for {@link docker}. */
export interface DockerCliOptions {
  /** Written to the CLI's stdin (e.g. a tarball for `docker import -`). */
  input?: Buffer | string
  /** A DOCKER_CERT_PATH directory (ca.pem, cert.pem, key.pem): turns on DOCKER_TLS_VERIFY. */
  tlsCertPath?: string
  /** More environment for the CLI (e.g. DOCKER_BUILDKIT). */
  env?: Record<string, string>
  /** The directory to run in: where `docker-compose` looks for its file and `.env`. */
  cwd?: string
}

/**
 * Runs the docker CLI against one engine. Tests use it to arrange and check engine state
 * independently of the code under test. Rejects with a `CommandError` carrying stderr.
 */
export function docker(
  dockerHost: string,
  args: readonly string[],
  options: DockerCliOptions = {},
): Promise<CommandOutput> {
  return runCommand('docker', args, { env: cliEnv(dockerHost, options), input: options.input })
}

/**
 * Runs Debian's `docker-compose` (compose v1, 1.29) against one engine, the way {@link docker}
 * runs the docker CLI: the engine through DOCKER_HOST, and none of the developer's `COMPOSE_*`
 * variables. Tests use it to make projects the way people on the host make them.
 */
export function dockerCompose(
  dockerHost: string,
  args: readonly string[],
  options: DockerCliOptions = {},
): Promise<CommandOutput> {
  // COMPOSE_FILE, COMPOSE_PROJECT_NAME... would point it at other files or projects.
  const env = cliEnv(dockerHost, options, (key) => key.startsWith('COMPOSE_'))
  return runCommand('docker-compose', args, { env, input: options.input, cwd: options.cwd })
}

function cliEnv(
  dockerHost: string,
  options: DockerCliOptions,
  dropped: (key: string) => boolean = () => false,
): NodeJS.ProcessEnv {
  // Drop whatever the developer's shell points the CLI at, so only `dockerHost` is used.
  const inherited = Object.entries(process.env).filter(
    ([key]) => !OVERRIDDEN.includes(key) && !dropped(key),
  )
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    DOCKER_HOST: dockerHost,
    DOCKER_CLI_HINTS: 'false',
    ...options.env,
  }
  if (options.tlsCertPath !== undefined) {
    env.DOCKER_TLS_VERIFY = '1'
    env.DOCKER_CERT_PATH = options.tlsCertPath
  }
  return env
}

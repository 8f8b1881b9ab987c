import { docker } from '@harbormaster/testkit'

/** A main process that logs a line a second and ends at once on SIGTERM. */
const CHATTY = [
  'sh',
  '-c',
  'trap "exit 0" TERM; while true; do echo "hello from $SVC"; sleep 1; done',
]

/**
 * A project as `docker compose up -d` leaves it (apps/server/test/cli-project.ts): its network
 * and one container per service, with the compose CLI's labels and `label` (the run's), made
 * with the docker CLI. Returns the project's name.
 */
export async function makeCliProject(
  dockerHost: string,
  image: string,
  label: string,
  name: string,
  services: string[],
): Promise<string> {
  const project = ['--label', `com.docker.compose.project=${name}`]
  await docker(dockerHost, [
    'network',
    'create',
    '--label',
    label,
    ...project,
    '--label',
    'com.docker.compose.network=default',
    `${name}_default`,
  ])
  for (const service of services) {
    await docker(dockerHost, [
      'run',
      '-d',
      '--name',
      `${name}-${service}-1`,
      '--network',
      `${name}_default`,
      '-e',
      `SVC=${service}`,
      '--label',
      label,
      ...project,
      ...['--label', `com.docker.compose.service=${service}`],
      ...['--label', 'com.docker.compose.container-number=1'],
      ...['--label', 'com.docker.compose.oneoff=False'],
      ...['--label', `com.docker.compose.project.config_files=/srv/${name}/compose.yaml`],
      ...['--label', `com.docker.compose.project.working_dir=/srv/${name}`],
      image,
      ...CHATTY,
    ])
  }
  return name
}

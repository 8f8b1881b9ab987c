/** The host's own series (the sum of its containers), beside the containers' keys. */
export const HOST_SERIES_KEY = 'host'

const PROJECT = 'com.docker.compose.project'
const SERVICE = 'com.docker.compose.service'
const NUMBER = 'com.docker.compose.container-number'

/**
 * What a container's history is kept under, so it survives the container's recreation (a new
 * id, the same place): its compose project, service and number when compose made it (a
 * recreated replica keeps those, whatever its name), else its name, unique on the host.
 */
export function seriesKeyOf(name: string, labels: Readonly<Record<string, string>>): string {
  const project = labels[PROJECT]
  const service = labels[SERVICE]
  if (project !== undefined && service !== undefined) {
    return `compose:${project}/${service}/${labels[NUMBER] ?? '1'}`
  }
  return `name:${name}`
}

import type { AllHostsContainers, HostListing, HostedContainer } from '@harbormaster/contract'
import type { Container } from '@harbormaster/engine'
import { type VisibleHost, inScope } from '../policy/index.ts'
import { listHostContainers } from './container-list.ts'
import { toContainerSummary } from './to-container-dto.ts'

/** Why a host is left out when its engine's events stream is down. */
export const HOST_DOWN = 'The engine is not reachable (its events stream is down)'

export type HostContainers =
  { state: 'listed'; containers: Container[] } | { state: 'unavailable'; error: string }

/**
 * One host's containers inside the caller's label scope there, for a view across hosts. From
 * the host's model (no engine call while it is in sync); a host whose events stream is down is
 * reported unavailable at once rather than waited on, so one dead host never slows the others.
 */
export async function scopedHostContainers(
  visible: VisibleHost,
  all: boolean,
): Promise<HostContainers> {
  const { host, grant } = visible
  if (!host.events.connected) return { state: 'unavailable', error: HOST_DOWN }
  try {
    const containers = await listHostContainers(host, { all })
    return {
      state: 'listed',
      containers: containers.filter((container) => inScope(grant, container.labels)),
    }
  } catch (err) {
    return { state: 'unavailable', error: err instanceof Error ? err.message : String(err) }
  }
}

/** The containers of every host the caller may see, each row naming its host. */
export async function listAcrossHosts(
  hosts: readonly VisibleHost[],
  all: boolean,
): Promise<AllHostsContainers> {
  const answers = await Promise.all(hosts.map((visible) => scopedHostContainers(visible, all)))
  const containers: HostedContainer[] = []
  const listings: HostListing[] = hosts.map(({ host, role }, index) => {
    const answer = answers[index] ?? { state: 'unavailable', error: HOST_DOWN }
    const base = { id: host.id, name: host.name, role }
    if (answer.state === 'unavailable')
      return { ...base, state: 'unavailable', error: answer.error }
    for (const container of answer.containers) {
      containers.push({ ...toContainerSummary(container), hostId: host.id, hostName: host.name })
    }
    return { ...base, state: 'listed' }
  })
  return { containers, hosts: listings }
}

import type { SearchKind } from '@harbormaster/contract'
import type { Container } from '@harbormaster/engine'
import { type HostContainers, scopedHostContainers } from '../containers/index.ts'
import type { Db } from '../db/database.ts'
import { sharedImageList } from '../images/index.ts'
import { sharedNetworkList } from '../networks/index.ts'
import {
  type Action,
  type Principal,
  type VisibleHost,
  authorize,
  inScope,
} from '../policy/index.ts'
import { COMPOSE, StackStore } from '../stacks/index.ts'
import { sharedVolumeList } from '../volumes/index.ts'

/** An object a search can find on one host, before ranking. */
export interface Candidate {
  kind: SearchKind
  name: string
  ref: string
  detail: string
}

const READ_ACTION: Record<SearchKind, Action> = {
  container: 'container.read',
  image: 'image.read',
  volume: 'volume.read',
  network: 'network.read',
  stack: 'stack.read',
}

/**
 * Everything searchable on one host that the caller may see there, from what the server keeps:
 * containers and compose stacks from the host's model, stored stacks from SQLite, and images,
 * volumes and networks from the very answers their list pages share (no engine call while one
 * is kept; at most one per kind and reuse window otherwise). Throws when the host is down.
 */
export async function hostCandidates(
  visible: VisibleHost,
  principal: Principal,
  db: Db,
): Promise<Candidate[]> {
  const { host, grant } = visible
  const may = (kind: SearchKind) => authorize(principal, READ_ACTION[kind], host.id).allowed
  const listed: HostContainers = await scopedHostContainers(visible, true)
  if (listed.state === 'unavailable') throw new Error(listed.error)
  const [images, volumes, networks] = await Promise.all([
    may('image') ? sharedImageList(host) : undefined,
    may('volume') ? sharedVolumeList(host) : undefined,
    may('network') ? sharedNetworkList(host) : undefined,
  ])
  const stored = may('stack') ? new StackStore(db).list(host.id) : []
  return [
    ...(may('container') ? listed.containers.map(containerCandidate) : []),
    ...(images?.images ?? []).flatMap((image) =>
      image.repoTags.map((tag) => ({
        kind: 'image' as const,
        name: tag,
        ref: tag,
        detail: `${(image.size / 1e6).toFixed(1)} MB`,
      })),
    ),
    ...(volumes ?? [])
      .filter((volume) => inScope(grant, volume.labels))
      .map((volume) => ({
        kind: 'volume' as const,
        name: volume.name,
        ref: volume.name,
        detail: volume.driver,
      })),
    ...(networks ?? [])
      .filter((network) => inScope(grant, network.labels))
      .map((network) => ({
        kind: 'network' as const,
        name: network.name,
        ref: network.id,
        detail: network.driver,
      })),
    ...(may('stack')
      ? stackCandidates(
          listed.containers,
          stored.filter((s) => inScope(grant, s.labels)).map((s) => s.name),
        )
      : []),
  ]
}

function containerCandidate(container: Container): Candidate {
  return {
    kind: 'container',
    name: container.name.replace(/^\//, ''),
    ref: container.id,
    detail: `${container.image} · ${container.state}`,
  }
}

/** Compose projects among the caller's containers, and stored stacks in their scope. */
function stackCandidates(
  containers: readonly Container[],
  storedNames: readonly string[],
): Candidate[] {
  const counts = new Map<string, number>(storedNames.map((name) => [name, 0]))
  for (const container of containers) {
    const project = container.labels[COMPOSE.project]
    if (project !== undefined) counts.set(project, (counts.get(project) ?? 0) + 1)
  }
  return [...counts].map(([name, count]) => ({
    kind: 'stack' as const,
    name,
    ref: name,
    detail: `${count} container${count === 1 ? '' : 's'}`,
  }))
}

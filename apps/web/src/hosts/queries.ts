import type { Host } from '@harbormaster/contract'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const hostKeys = {
  all: ['hosts'] as const,
  list: () => ['hosts', 'list'] as const,
  host: (hostId: string) => ['hosts', hostId] as const,
}

export const hostListOptions = queryOptions({
  queryKey: hostKeys.list(),
  queryFn: ({ signal }) => unwrap(api.hosts.$get(undefined, { init: { signal } })),
  staleTime: 15_000,
})

export function useHosts() {
  return useQuery(hostListOptions)
}

/** The host with this id from the list (with the caller's role on it). */
export function useHost(hostId: string): Host | undefined {
  return useHosts().data?.find((h) => h.id === hostId)
}

/** Operators and admins may change things on a host; viewers only look. */
export function canChange(host: Host | undefined): boolean {
  return host?.role === 'operator' || host?.role === 'admin'
}

/** Admins may also change what reaches every team on a host: a swarm's nodes and settings. */
export function canAdminister(host: Host | undefined): boolean {
  return host?.role === 'admin'
}

export function hostSummary(host: Host): string {
  if (!host.reachable) return `unreachable${host.error ? `: ${host.error}` : ''}`
  const engine = host.flavour === 'podman' ? 'Podman' : 'Docker'
  const pinned = host.pinnedApiVersion === undefined ? '' : ' (pinned)'
  return `${engine} ${host.engineVersion ?? '?'} · API ${host.apiVersion ?? '?'}${pinned}`
}

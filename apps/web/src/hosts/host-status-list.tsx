import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

/** Each host's reachability, engine and negotiated API version. */
export function HostStatusList() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => unwrap(api.health.$get()),
  })
  if (health.isPending) return <p aria-busy="true">Checking hosts…</p>
  if (health.isError) return <p role="alert">Could not load host status: {health.error.message}</p>
  return (
    <ul className="hosts">
      {health.data.hosts.map((host) => (
        <li key={host.id} data-reachable={host.reachable}>
          <strong>{host.name}</strong> <code>{host.address}</code>{' '}
          {host.reachable
            ? `${host.flavour === 'podman' ? 'Podman' : 'Docker'} ${host.engineVersion ?? ''} · API ${host.apiVersion ?? ''}`
            : `unreachable: ${host.error ?? 'unknown error'}`}
        </li>
      ))}
    </ul>
  )
}

import { useLocation } from 'wouter'
import { hostSummary, useHosts } from './queries.ts'

/** Always in view: which host you are looking at, whether it answers, and its versions. */
export function HostSwitcher({ hostId }: { hostId: string | undefined }) {
  const hosts = useHosts()
  const [, navigate] = useLocation()
  if (hosts.isPending) return <span className="host-switcher muted">Hosts…</span>
  if (hosts.isError) return <span className="host-switcher bad">Hosts unavailable</span>
  const current = hosts.data.find((h) => h.id === hostId)
  return (
    <div className="host-switcher">
      {current && (
        <span
          className={`dot ${current.reachable ? 'dot-ok' : 'dot-bad'}`}
          aria-hidden="true"
          title={hostSummary(current)}
        />
      )}
      <label className="sr-only" htmlFor="host-select">
        Host
      </label>
      <select
        id="host-select"
        value={hostId ?? ''}
        onChange={(e) => {
          navigate(`/hosts/${encodeURIComponent(e.target.value)}/containers`)
        }}
      >
        {hostId === undefined && <option value="">Choose a host</option>}
        {hosts.data.map((h) => (
          <option key={h.id} value={h.id} title={hostSummary(h)}>
            {h.reachable ? '● ' : '○ '}
            {h.name}
          </option>
        ))}
      </select>
      {current && <span className="host-meta hide-phone">{hostSummary(current)}</span>}
    </div>
  )
}

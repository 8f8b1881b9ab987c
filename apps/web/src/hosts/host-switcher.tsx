import { clsx } from 'clsx'
import { useLocation } from 'wouter'
import { texts } from '../ui/index.ts'
import { hostSummary, useHosts } from './queries.ts'
import styles from './host-switcher.module.css'

/** The switcher's value for the pages across hosts (`*` is no host id: ids are [a-z0-9-]). */
const ALL_HOSTS = '*'

/**
 * Always in view: which host you are looking at, whether it answers, and its versions; or
 * "All hosts" (hostId `*`), the containers of every host in one list.
 */
export function HostSwitcher({ hostId }: { hostId: string | undefined }) {
  const hosts = useHosts()
  const [, navigate] = useLocation()
  if (hosts.isPending) return <span className={clsx(styles.switcher, texts.muted)}>Hosts…</span>
  if (hosts.isError)
    return <span className={clsx(styles.switcher, texts.bad)}>Hosts unavailable</span>
  const current = hosts.data.find((h) => h.id === hostId)
  return (
    <div className={styles.switcher}>
      {current && (
        <span
          className={clsx(styles.dot, current.reachable ? styles.reachable : styles.unreachable)}
          aria-hidden="true"
          title={hostSummary(current)}
        />
      )}
      <label className={texts.srOnly} htmlFor="host-select">
        Host
      </label>
      <select
        id="host-select"
        value={hostId ?? ''}
        onChange={(e) => {
          const chosen = e.target.value
          navigate(
            chosen === ALL_HOSTS
              ? '/all-hosts/containers'
              : `/hosts/${encodeURIComponent(chosen)}/containers`,
          )
        }}
      >
        {hostId === undefined && <option value="">Choose a host</option>}
        {(hosts.data.length > 1 || hostId === ALL_HOSTS) && (
          <option value={ALL_HOSTS}>All hosts</option>
        )}
        {hosts.data.map((h) => (
          <option key={h.id} value={h.id} title={hostSummary(h)}>
            {h.reachable ? '● ' : '○ '}
            {h.name}
          </option>
        ))}
      </select>
      {current && (
        <span className={clsx(styles.meta, texts.hidePhone)}>{hostSummary(current)}</span>
      )}
    </div>
  )
}

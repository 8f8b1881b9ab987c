import type { ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { AlertBell } from '../alerts/index.ts'
import { useLogout, useMe } from '../auth/index.ts'
import { useHostLink } from '../events/index.ts'
import { HostSwitcher } from '../hosts/index.ts'
import { GlobalSearch } from '../search/index.ts'
import { useIsSwarmManager } from '../swarm/index.ts'
import { bannerClass, buttonClass, texts } from '../ui/index.ts'
import styles from './layout.module.css'

const HOST_SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'containers', label: 'Containers' },
  { id: 'stacks', label: 'Stacks' },
  { id: 'images', label: 'Images' },
  { id: 'networks', label: 'Networks' },
  { id: 'volumes', label: 'Volumes' },
  { id: 'timeline', label: 'Timeline' },
  // Crash capsules (issue 20): containers that recently crashed or were removed.
  { id: 'capsules', label: 'Crashed' },
  // Only on swarm managers; other hosts have no swarm to show.
  { id: 'swarm', label: 'Swarm' },
] as const

/** The host switcher's value on the pages across hosts. */
const ALL_HOSTS = '*'

/** The frame of every signed-in page: host switcher, sections, the user and sign-out. */
export function Layout({
  hostId: routeHostId,
  children,
}: {
  hostId: string | undefined
  children: ReactNode
}) {
  // Pages outside a host (account, admin) keep the host the user came from in the switcher.
  const hostId = routeHostId ?? lastHostId()
  const me = useMe()
  const logout = useLogout()
  const [location] = useLocation()
  const section = /^\/hosts\/[^/]+\/([^/]+)/.exec(location)?.[1]
  const base = hostId === undefined ? undefined : `/hosts/${encodeURIComponent(hostId)}`
  const isSwarmManager = useIsSwarmManager(hostId)
  const sections = HOST_SECTIONS.filter((s) => s.id !== 'swarm' || isSwarmManager)
  return (
    <div className={styles.shell}>
      <header className={styles.topbar}>
        <Link href="/" className={texts.brand}>
          Harbormaster
        </Link>
        <HostSwitcher hostId={location.startsWith('/all-hosts') ? ALL_HOSTS : hostId} />
        <GlobalSearch />
        <div className={styles.topbarUser}>
          <AlertBell />
          <Link href="/account" className={styles.userLink} title={`Role: ${me.data?.role ?? ''}`}>
            {me.data?.username} <span className={styles.roleTag}>{me.data?.role}</span>
          </Link>
          <button
            type="button"
            className={buttonClass('ghost')}
            onClick={() => {
              logout.mutate()
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav className={styles.sections} aria-label="Sections">
        {base !== undefined &&
          sections.map((s) => (
            <Link
              key={s.id}
              href={`${base}/${s.id}`}
              className={styles.section}
              aria-current={section === s.id ? 'page' : undefined}
            >
              {s.label}
            </Link>
          ))}
        {me.data?.role === 'admin' && (
          <Link
            href="/admin/users"
            className={styles.section}
            aria-current={location.startsWith('/admin') ? 'page' : undefined}
          >
            Admin
          </Link>
        )}
      </nav>
      {routeHostId !== undefined && <HostLinkBanner />}
      <main className={styles.content}>{children}</main>
    </div>
  )
}

function HostLinkBanner() {
  const link = useHostLink()
  if (link === 'host-down')
    return (
      <div className={bannerClass('bad', styles.edgeToEdge)} role="alert">
        The host stopped answering. What you see may be out of date; it refreshes when the host is
        back.
      </div>
    )
  if (link === 'reconnecting')
    return (
      <div className={bannerClass('warn', styles.edgeToEdge)} role="status">
        Live updates interrupted. Reconnecting…
      </div>
    )
  return null
}

const LAST_HOST_KEY = 'harbormaster.lastHost'

/** Remembers the host last opened in this tab. */
export function rememberHost(hostId: string): void {
  try {
    sessionStorage.setItem(LAST_HOST_KEY, hostId)
  } catch {
    // Storage may be disabled; the switcher then shows "Choose a host".
  }
}

function lastHostId(): string | undefined {
  try {
    return sessionStorage.getItem(LAST_HOST_KEY) ?? undefined
  } catch {
    return undefined
  }
}

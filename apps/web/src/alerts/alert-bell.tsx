import { Link } from 'wouter'
import { useUnreadAlerts } from './alerts-api.ts'

/** The top bar's bell: unread alerts the user may see, live over the host's events socket. */
export function AlertBell() {
  const unread = useUnreadAlerts().data?.unread ?? 0
  const label = unread === 0 ? 'Alerts: none unread' : `Alerts: ${String(unread)} unread`
  return (
    <Link href="/alerts" aria-label={label} title={label}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && <strong data-testid="alert-count"> {unread > 99 ? '99+' : unread}</strong>}
    </Link>
  )
}

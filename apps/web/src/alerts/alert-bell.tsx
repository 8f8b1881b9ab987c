import { Link } from 'wouter'
import { Badge } from '../ui/index.ts'
import { useUnreadAlerts } from './alerts-api.ts'

/**
 * The top bar's bell: unread alerts the user may see, live over the host's events socket. A word
 * and a number, not an emoji: fonts without one showed an empty box.
 */
export function AlertBell() {
  const unread = useUnreadAlerts().data?.unread ?? 0
  const label = unread === 0 ? 'Alerts: none unread' : `Alerts: ${String(unread)} unread`
  return (
    <Link href="/alerts" aria-label={label} title={label}>
      Alerts {unread > 0 && <Badge tone="bad">{unread > 99 ? '99+' : String(unread)}</Badge>}
    </Link>
  )
}

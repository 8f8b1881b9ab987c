import { Link } from 'wouter'
import { useLiveHosts } from '../events/index.ts'
import { useHosts } from '../hosts/index.ts'
import { Badge } from '../ui/index.ts'
import { useUnreadAlerts } from './alerts-api.ts'
import { unreadPollMs } from './unread-poll.ts'

/**
 * The top bar's bell, on every page: unread alerts the user may see. Live over the events socket
 * of the host being looked at; the count is asked for on a slow timer only while some host the
 * user may see has no socket open (unread-poll.ts). A word and a number, not an emoji: fonts
 * without one showed an empty box.
 */
export function AlertBell() {
  const hostIds = useHosts().data?.map((host) => host.id)
  const unread = useUnreadAlerts(unreadPollMs(hostIds, useLiveHosts())).data?.unread ?? 0
  const label = unread === 0 ? 'Alerts: none unread' : `Alerts: ${String(unread)} unread`
  return (
    <Link href="/alerts" aria-label={label} title={label}>
      Alerts {unread > 0 && <Badge tone="bad">{unread > 99 ? '99+' : String(unread)}</Badge>}
    </Link>
  )
}

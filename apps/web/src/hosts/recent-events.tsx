import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { ErrorState, layout, Spinner, texts, TimeAgo } from '../ui/index.ts'
import { recentEventsOptions } from './overview-queries.ts'

const SHOWN = 25

/** The host's last events, newest first, as `docker events` words them. */
export function RecentEvents({ hostId }: { hostId: string }) {
  const events = useQuery(recentEventsOptions(hostId))
  return (
    <section className={layout.card}>
      <h2>Recent events</h2>
      <p>
        <Link href={`/hosts/${encodeURIComponent(hostId)}/timeline`}>
          Full timeline, with who did what →
        </Link>
      </p>
      {events.isPending && <Spinner />}
      {events.isError && <ErrorState error={events.error} />}
      {events.isSuccess &&
        (events.data.events.length === 0 ? (
          <p className={texts.muted}>Nothing in the last hour.</p>
        ) : (
          <div className={texts.scrollX}>
            <table className={layout.simpleTable}>
              <tbody>
                {[...events.data.events]
                  .reverse()
                  .slice(0, SHOWN)
                  .map((e) => (
                    <tr key={`${e.timeNano}-${e.actorId}-${e.action}`}>
                      <td>
                        <TimeAgo value={e.time} />
                      </td>
                      <td>{e.type}</td>
                      <td>{e.action}</td>
                      <td className={texts.truncate}>
                        {e.attributes.name ?? e.actorId.slice(0, 12)}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  )
}

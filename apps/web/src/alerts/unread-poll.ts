/** How often the bell asks for its count while some host's notices cannot reach it live. */
export const UNREAD_POLL_MS = 30_000

/**
 * Whether the bell must ask for its count on a timer: notices arrive live only on the events
 * sockets open in this tab (one per host, and only on that host's pages), so unless every host
 * the user may see has one open, a notice of another host would not move the count. The ask is
 * one SQLite read on the server, no engine call; a hidden tab does not ask (TanStack Query).
 * @param hostIds the hosts the user may see (undefined: not known yet)
 */
export function unreadPollMs(
  hostIds: readonly string[] | undefined,
  liveHosts: ReadonlySet<string>,
): number | false {
  if (hostIds === undefined) return UNREAD_POLL_MS
  return hostIds.every((id) => liveHosts.has(id)) ? false : UNREAD_POLL_MS
}

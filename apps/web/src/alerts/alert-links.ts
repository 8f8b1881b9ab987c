import type { AlertEntry } from '@harbormaster/contract'

/** Logs from a minute before the alert to a minute after: what led to it, and what followed. */
const LOGS_AROUND_MS = 60_000

/** Alerts of a container's end, whose capsule (issue 20) the server kept at its `die`. */
const CAPSULE_KINDS = new Set<AlertEntry['kind']>(['container.exit', 'container.oom'])

/**
 * Where an alert's subject lives in the app, and its logs around that moment (containers); for
 * an exit or an OOM kill, the capsules of the container's name on its host.
 */
export function alertLinks(alert: AlertEntry): {
  subject?: string
  logs?: string
  capsule?: string
} {
  const host = `/hosts/${encodeURIComponent(alert.hostId)}`
  const subject = alert.subject
  if (subject?.type === 'container') {
    const page = `${host}/containers/${encodeURIComponent(subject.id)}`
    const at = Date.parse(alert.at)
    const moment = new URLSearchParams({
      since: new Date(at - LOGS_AROUND_MS).toISOString(),
      until: new Date(at + LOGS_AROUND_MS).toISOString(),
      ts: '1',
    })
    const links = { subject: page, logs: `${page}/logs?${moment.toString()}` }
    if (!CAPSULE_KINDS.has(alert.kind)) return links
    const byName = new URLSearchParams({ name: subject.name })
    return { ...links, capsule: `${host}/capsules?${byName.toString()}` }
  }
  if (subject?.type === 'image') return { subject: `${host}/images` }
  return { subject: `${host}/containers` }
}

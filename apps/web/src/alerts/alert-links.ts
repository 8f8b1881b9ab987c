import type { AlertEntry } from '@harbormaster/contract'

/** Logs from a minute before the alert to a minute after: what led to it, and what followed. */
const LOGS_AROUND_MS = 60_000

/** Where an alert's subject lives in the app, and its logs around that moment (containers). */
export function alertLinks(alert: AlertEntry): { subject?: string; logs?: string } {
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
    return { subject: page, logs: `${page}/logs?${moment.toString()}` }
  }
  if (subject?.type === 'image') return { subject: `${host}/images` }
  return { subject: `${host}/containers` }
}

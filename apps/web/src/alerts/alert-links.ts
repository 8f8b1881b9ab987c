import type { AlertEntry } from '@harbormaster/contract'

/** Logs from a minute before the alert: what led to it. */
const LOGS_BEFORE_MS = 60_000

/** Where an alert's subject lives in the app, and its logs around that moment (containers). */
export function alertLinks(alert: AlertEntry): { subject?: string; logs?: string } {
  const host = `/hosts/${encodeURIComponent(alert.hostId)}`
  const subject = alert.subject
  if (subject?.type === 'container') {
    const page = `${host}/containers/${encodeURIComponent(subject.id)}`
    const since = new Date(Date.parse(alert.at) - LOGS_BEFORE_MS).toISOString()
    return { subject: page, logs: `${page}/logs?since=${encodeURIComponent(since)}&ts=1` }
  }
  if (subject?.type === 'image') return { subject: `${host}/images` }
  return { subject: `${host}/containers` }
}

import { Hono } from 'hono'
import type { RegisteredHost } from '../hosts/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireAction } from '../policy/index.ts'

/**
 * `GET /api/metrics`: what the dashboard costs its engines, in Prometheus text format, for
 * admins (or an admin's API token). Engine calls, the container model's full reads and the drift
 * its reconciliation repaired, stats streams, event subscriptions and open sockets.
 */
export const metricsRoutes = new Hono<AppEnv>().get('/', requireAction('metrics.read'), (c) => {
  const lines: string[] = []
  const metric = (
    name: string,
    help: string,
    type: 'counter' | 'gauge',
    rows: [string, number][],
  ) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    for (const [labels, value] of rows) lines.push(`${name}${labels} ${value}`)
  }
  const hosts = c.var.hosts.ids().flatMap((id) => {
    const host = c.var.hosts.get(id)
    return host ? [host] : []
  })
  const perHost = (value: (host: RegisteredHost) => number): [string, number][] =>
    hosts.map((host) => [`{host="${host.id}"}`, value(host)])

  metric(
    'harbormaster_engine_requests_total',
    'HTTP requests sent to the engine',
    'counter',
    perHost((h) => h.engine.callCounts.requests),
  )
  metric(
    'harbormaster_model_full_reads_total',
    'Full container list reads by the host model',
    'counter',
    perHost((h) => h.containers.counters.fullSyncs),
  )
  metric(
    'harbormaster_model_event_reads_total',
    'Targeted re-reads caused by events',
    'counter',
    perHost((h) => h.containers.counters.eventReads),
  )
  metric(
    'harbormaster_model_drift_repaired_total',
    'Containers the reconciliation found wrong and repaired',
    'counter',
    perHost((h) => h.containers.counters.driftRepairs),
  )
  metric(
    'harbormaster_stats_streams_opened_total',
    'Engine stats streams opened',
    'counter',
    perHost((h) => h.stats.counters.opened),
  )
  metric(
    'harbormaster_stats_streams_open',
    'Engine stats streams open now',
    'gauge',
    perHost((h) => h.stats.counters.open),
  )
  metric(
    'harbormaster_events_connected',
    'Whether the host events subscription is up',
    'gauge',
    perHost((h) => (h.events.connected ? 1 : 0)),
  )
  metric('harbormaster_live_sockets', 'Open browser WebSockets', 'gauge', [['', c.var.live.size]])
  metric('harbormaster_process_resident_bytes', 'Resident memory of the server', 'gauge', [
    ['', process.memoryUsage.rss()],
  ])
  return c.text(`${lines.join('\n')}\n`, 200, { 'Content-Type': 'text/plain; version=0.0.4' })
})

import { metricHistoryEstimateSchema, metricHistorySchema } from '@harbormaster/contract'
import { type RouteDoc, json } from './route-doc.ts'

const H = '/api/hosts/:hostId'

/**
 * Metric history (issue 20): a container's series, the host's, and the cost of turning it on.
 */
export const historyMetricsDocs: Record<string, RouteDoc> = {
  [`GET ${H}/containers/:id/history`]: {
    summary:
      'A container’s CPU, memory, network and block I/O over a range (its series survives recreation)',
    ok: { 200: json(metricHistorySchema, 'The series in the finest tier that covers the range') },
  },
  [`GET ${H}/history/metrics`]: {
    summary: 'The host’s figures over a range: its containers added up (those in your scope)',
    ok: { 200: json(metricHistorySchema, 'The series in the finest tier that covers the range') },
  },
  [`GET ${H}/history/metrics/estimate`]: {
    summary: 'What metric history would cost for the containers running now',
    ok: { 200: json(metricHistoryEstimateSchema, 'Engine CPU and database growth, estimated') },
  },
}

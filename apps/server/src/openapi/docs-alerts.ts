import {
  alertListSchema,
  alertRuleListSchema,
  alertRuleResponseSchema,
  unreadAlertsSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

/** Alerts (issue 19): the list and the bell for everyone, the rules for admins. */
export const alertDocs: Record<string, RouteDoc> = {
  'GET /api/alerts': {
    summary: 'Alerts the caller may see, newest first, with filters; and the unread count',
    description:
      'Alerts of hosts the caller may see; container alerts only inside their label scope there.',
    ok: { 200: json(alertListSchema, 'The alerts') },
  },
  'GET /api/alerts/unread': {
    summary: 'How many alerts the caller has not read (the bell)',
    ok: { 200: json(unreadAlertsSchema, 'The count') },
  },
  'POST /api/alerts/read': {
    summary: 'Mark alerts read for the caller: some ids, or all',
    ok: { 200: json(unreadAlertsSchema, 'The unread count after') },
  },
  'GET /api/alert-rules': {
    summary: 'The alert rules (admins)',
    ok: { 200: json(alertRuleListSchema, 'The rules') },
  },
  'POST /api/alert-rules': {
    summary: 'Create an alert rule (admins); every channel id must name a channel',
    ok: { 201: json(alertRuleResponseSchema, 'The rule') },
  },
  'PUT /api/alert-rules/:id': {
    summary:
      'Replace an alert rule: kind, parameters, scope, channels (which must exist), enabled (admins)',
    ok: { 200: json(alertRuleResponseSchema, 'The rule') },
    errors: { 404: 'No such rule' },
  },
  'DELETE /api/alert-rules/:id': {
    summary: 'Delete an alert rule (admins); its alerts stay in the list',
    ok: { 204: done('Deleted') },
    errors: { 404: 'No such rule' },
  },
}

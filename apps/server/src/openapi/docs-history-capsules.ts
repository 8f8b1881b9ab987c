import {
  capsuleListSchema,
  capsuleSchema,
  logRetentionListSchema,
  logRetentionRuleSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const C = '/api/hosts/:hostId/capsules'
const R = '/api/hosts/:hostId/log-retention'

/** Crash capsules and log retention (issue 20). */
export const capsuleDocs: Record<string, RouteDoc> = {
  [`GET ${C}`]: {
    summary: 'Containers that recently crashed, were OOM-killed or were removed, newest first',
    description:
      'Narrowed to your label scope by each capsule’s labels; `name` lists one container ' +
      'name’s earlier runs. Kept `HARBORMASTER_CAPSULE_RETENTION_DAYS` and ' +
      '`HARBORMASTER_CAPSULE_MAX_MB` in all, oldest removed first.',
    ok: { 200: json(capsuleListSchema, 'The capsules (without their log and inspect)') },
  },
  [`GET ${C}/:id`]: {
    summary: 'One capsule: exit code, OOM, times, image and digest, masked inspect, last log lines',
    ok: { 200: json(capsuleSchema, 'The capsule') },
    errors: { 404: 'No such capsule in your scope' },
  },
  [`DELETE ${C}/:id`]: {
    summary: 'Delete a capsule (operators)',
    ok: { 204: done('Deleted') },
    errors: { 404: 'No such capsule in your scope' },
  },
  [`GET ${R}`]: {
    summary: 'Log retention rules, and the containers whose log is followed now',
    ok: { 200: json(logRetentionListSchema, 'Your scope’s rules and followed containers') },
  },
  [`POST ${R}`]: {
    summary:
      'Follow the log of containers by name or label and keep their last lines (operators; opt-in, costs a log stream per container)',
    ok: {
      201: json(logRetentionRuleSchema, 'The new rule'),
      200: json(logRetentionRuleSchema, 'The same rule, already there'),
    },
  },
  [`DELETE ${R}/:id`]: {
    summary: 'Stop following the containers a rule covers (operators)',
    ok: { 204: done('Deleted') },
    errors: { 404: 'No such rule in your scope' },
  },
}

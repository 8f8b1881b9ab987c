import {
  drainEffectSchema,
  joinTokensSchema,
  nodeUpdatedSchema,
  serviceLogsServerMessageSchema,
  swarmClusterSchema,
  swarmNodeDetailsSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const W = '/api/hosts/:hostId/swarm'
const NOT_MANAGER = 'The host is not a swarm manager'
const WHOLE_HOST = 'Not an admin, or a grant narrowed to some labels'

/** A swarm's nodes, settings and join tokens, and a service's live logs. */
export const swarmAdminDocs: Record<string, RouteDoc> = {
  [`GET ${W}/nodes/:id`]: {
    summary: 'A swarm node (by id or host name), its labels and the tasks on it in your scope',
    ok: { 200: json(swarmNodeDetailsSchema, 'The node') },
    errors: { 404: 'No such node', 503: NOT_MANAGER },
  },
  [`GET ${W}/nodes/:id/drain`]: {
    summary: 'What draining the node would move (replicated tasks) or stop (global ones)',
    ok: { 200: json(drainEffectSchema, 'The tasks') },
    errors: { 403: WHOLE_HOST, 404: 'No such node', 503: NOT_MANAGER },
  },
  [`PATCH ${W}/nodes/:id`]: {
    summary: 'Change a node’s availability, role or labels (admins)',
    ok: { 200: json(nodeUpdatedSchema, 'The node afterwards, and what a drain moved') },
    errors: { 403: WHOLE_HOST, 404: 'No such node', 503: NOT_MANAGER },
  },
  [`DELETE ${W}/nodes/:id`]: {
    summary: 'Remove a node from the swarm (`force` for one that is not down) (admins)',
    ok: { 204: done('Removed') },
    errors: { 400: 'The node is not down', 403: WHOLE_HOST, 404: 'No such node' },
  },
  [`GET ${W}/cluster`]: {
    summary: 'The swarm and its settings, never its join tokens (admins)',
    ok: { 200: json(swarmClusterSchema, 'The swarm') },
    errors: { 403: WHOLE_HOST, 503: NOT_MANAGER },
  },
  [`PATCH ${W}/cluster`]: {
    summary: 'Change the swarm’s settings (admins)',
    ok: { 200: json(swarmClusterSchema, 'The swarm afterwards') },
    errors: { 403: WHOLE_HOST, 503: NOT_MANAGER },
  },
  [`GET ${W}/cluster/join-tokens`]: {
    summary: 'Reveal the join tokens, and the unlock key of an autolocked swarm (admins; audited)',
    ok: { 200: json(joinTokensSchema, 'The tokens') },
    errors: { 403: WHOLE_HOST, 503: NOT_MANAGER },
  },
  [`POST ${W}/cluster/join-tokens/rotate`]: {
    summary: 'Rotate the worker and/or manager join token (admins)',
    ok: { 200: json(joinTokensSchema, 'The new tokens') },
    errors: { 403: WHOLE_HOST, 503: NOT_MANAGER },
  },
  [`GET ${W}/services/:id/logs/live`]: {
    summary: 'A service’s logs, every task merged with its task, slot and node, live',
    ok: {},
    websocket: { server: serviceLogsServerMessageSchema },
    errors: { 404: 'No such service in your scope', 503: NOT_MANAGER },
  },
}

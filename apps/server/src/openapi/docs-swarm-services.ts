import {
  serviceChangedSchema,
  serviceCreatedSchema,
  serviceDetailsSchema,
  swarmFileCreatedSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const S = '/api/hosts/:hostId/swarm'
const NOT_MANAGER = 'The host is not a swarm manager'
const POLICY =
  'A setting only admins may use, judged as on a container create (named in the message)'
const CHANGED = json(serviceChangedSchema, 'The engine’s warnings')
const judged = (summary: string, extra: Partial<Record<number, string>> = {}): RouteDoc => ({
  summary,
  ok: { 200: CHANGED },
  errors: { 403: POLICY, 503: NOT_MANAGER, ...extra },
})

/** Changes to swarm services, secrets and configs (issue 18). */
export const swarmServiceDocs: Record<string, RouteDoc> = {
  [`POST ${S}/services`]: {
    summary: 'Create a service',
    ok: { 201: json(serviceCreatedSchema, 'Its id and the engine’s warnings') },
    errors: {
      403: POLICY,
      404: 'A secret, config or network outside your scope',
      409: 'Name in use',
      503: NOT_MANAGER,
    },
  },
  [`GET ${S}/services/:id`]: {
    summary: 'A service’s settings, before and after its last update, and the update’s progress',
    ok: {
      200: json(serviceDetailsSchema, 'The service (environment values masked as on containers)'),
    },
    errors: { 503: NOT_MANAGER },
  },
  [`PATCH ${S}/services/:id`]: judged('Change fields of a service (each replaced whole)', {
    409: 'The service has settings Harbormaster cannot change',
  }),
  [`POST ${S}/services/:id/scale`]: judged('Set the replicas of a replicated service'),
  [`POST ${S}/services/:id/rollback`]: judged('Restore the spec before the last update (judged)'),
  [`POST ${S}/services/:id/redeploy`]: judged('Replace every task with the same spec'),
  [`DELETE ${S}/services/:id`]: {
    summary: 'Remove a service',
    ok: { 204: done('Removed') },
    errors: { 503: NOT_MANAGER },
  },
  [`POST ${S}/secrets`]: {
    summary: 'Create a secret (its value is never returned)',
    ok: { 201: json(swarmFileCreatedSchema, 'Its id') },
    errors: { 403: POLICY, 409: 'Name in use', 503: NOT_MANAGER },
  },
  [`DELETE ${S}/secrets/:id`]: {
    summary: 'Remove a secret',
    ok: { 204: done('Removed') },
    errors: { 409: 'In use by a service', 503: NOT_MANAGER },
  },
  [`POST ${S}/configs`]: {
    summary: 'Create a config (its value is never returned)',
    ok: { 201: json(swarmFileCreatedSchema, 'Its id') },
    errors: { 403: POLICY, 409: 'Name in use', 503: NOT_MANAGER },
  },
  [`DELETE ${S}/configs/:id`]: {
    summary: 'Remove a config',
    ok: { 204: done('Removed') },
    errors: { 409: 'In use by a service', 503: NOT_MANAGER },
  },
}

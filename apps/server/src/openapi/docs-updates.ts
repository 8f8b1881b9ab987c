import {
  containerImageUpdateResultSchema,
  imageUpdateReportSchema,
  registryCredentialSchema,
  serviceImageUpdateResultSchema,
  stackAutoUpdateSchema,
} from '@harbormaster/contract'
import { z } from 'zod'
import { type RouteDoc, done, json } from './route-doc.ts'

const U = '/api/hosts/:hostId/updates'

/** Image updates: the checker's findings, a check on demand, registry credentials. */
export const updateDocs: Record<string, RouteDoc> = {
  [`GET ${U}`]: {
    summary: 'Whether each image in use has a newer digest for its tag, as the last check found',
    ok: { 200: json(imageUpdateReportSchema, 'The last check, narrowed to your containers') },
  },
  [`POST ${U}/check`]: {
    summary: 'Ask the registries now about every image in use on the host',
    ok: { 200: json(imageUpdateReportSchema, 'The check’s findings') },
  },
  [`POST ${U}/containers/:id`]: {
    summary:
      'Update a container: pull its tag, recreate it with the same settings on the new image, wait for healthy, roll back on failure',
    ok: {
      200: json(containerImageUpdateResultSchema, 'Updated, rolled back (and why), or current'),
    },
    errors: {
      400: 'The container was created from a digest or an image id, or is a swarm task',
      403: 'The container has settings only an admin may create',
      404: 'No such container',
    },
  },
  [`POST ${U}/services/:id`]: {
    summary:
      'Update a swarm service: its spec pins the tag at the digest the last check found; Swarm rolls the tasks over with the service’s update settings',
    ok: {
      200: json(serviceImageUpdateResultSchema, 'Updated (rolling out), or current'),
    },
    errors: {
      403: 'The service spec has settings you may not set (the service policy)',
      404: 'No such service in your scope',
      409: 'The last check did not see the service as it is now, or it has settings Harbormaster cannot change',
      503: 'The host is not a swarm manager',
    },
  },
  [`GET ${U}/stacks/:name/auto-update`]: {
    summary: 'Whether a stack’s containers are updated automatically, and in which window',
    ok: { 200: json(stackAutoUpdateSchema, 'The setting and the maintenance window') },
    errors: { 404: 'No stored stack of that name in your scope' },
  },
  [`PUT ${U}/stacks/:name/auto-update`]: {
    summary: 'Turn automatic updates of a stack’s containers on or off (operators of the stack)',
    description:
      'When on, after each check (scheduled or on demand) inside the maintenance window ' +
      '(`HARBORMASTER_AUTO_UPDATE_WINDOW`, UTC), each of the stack’s containers the check found ' +
      'behind is updated as `POST …/containers/:id` does, by the server (audited as `system`), ' +
      'and reported to the `image.updated` alert rules. A container opts in alone with the ' +
      'label `harbormaster.auto-update=true`.',
    ok: { 200: json(stackAutoUpdateSchema, 'The setting now') },
    errors: { 400: 'A swarm stack', 404: 'No stored stack of that name in your scope' },
  },
  [`GET ${U}/credentials`]: {
    summary: 'The registries the checker has credentials for, without passwords (admins)',
    ok: { 200: json(z.array(registryCredentialSchema), 'The credentials') },
  },
  [`PUT ${U}/credentials/:registry`]: {
    summary: 'Set the credentials the checker sends to a registry (admins; write-only password)',
    ok: { 200: json(registryCredentialSchema, 'The credentials, without the password') },
  },
  [`DELETE ${U}/credentials/:registry`]: {
    summary: 'Forget the credentials for a registry (admins)',
    ok: { 204: done('Forgotten') },
    errors: { 404: 'No credentials for that registry' },
  },
}

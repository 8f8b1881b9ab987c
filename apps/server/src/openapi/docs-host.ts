import {
  apiErrorSchema,
  diskUsageSchema,
  engineInfoSchema,
  engineVersionSchema,
  imageBuildJsonSchema,
  imageDetailsSchema,
  imageHistoryEntrySchema,
  imageRemovalSchema,
  imageSummarySchema,
  networkCreatedSchema,
  networkDetailsSchema,
  networkSummarySchema,
  progressLineSchema,
  pruneResultSchema,
  serviceLogLineSchema,
  swarmNodeSchema,
  swarmObjectMetaSchema,
  swarmServiceSchema,
  swarmStatusSchema,
  swarmTaskSchema,
  systemEventsSchema,
  volumeDetailsSchema,
  volumeSummarySchema,
} from '@harbormaster/contract'
import { z } from 'zod'
import { type RouteDoc, done, json, ndjson, tar } from './route-doc.ts'

const H = '/api/hosts/:hostId'
const PROGRESS =
  'The engine’s progress, one line each; a failure is the last line, an error envelope'
const ADMIN_SETTING = 'A setting only admins may use (named in the message)'
const IN_USE = 'In use (by a container, or a child image)'
const NOT_MANAGER = 'The host is not a swarm manager'
const TAR_UPLOAD = { 413: 'Over 512 MiB' }

/** Images, networks, volumes, engine-wide facts and swarm views of one host. */
export const hostDocs: Record<string, RouteDoc> = {
  [`GET ${H}/images`]: {
    summary: 'List images (shared for 15 s; `X-Measured-At` says when it was read)',
    ok: { 200: json(z.array(imageSummarySchema), 'The images') },
  },
  [`GET ${H}/images/save`]: {
    summary: 'Images as a `docker save` tar',
    ok: { 200: tar('The images, streamed') },
  },
  [`GET ${H}/images/:ref`]: {
    summary: 'Inspect an image (id, or the reference URL-encoded as one segment)',
    ok: { 200: json(imageDetailsSchema, 'The image') },
  },
  [`GET ${H}/images/:ref/history`]: {
    summary: 'The image’s layers',
    ok: { 200: json(z.array(imageHistoryEntrySchema), 'The layers, newest first') },
  },
  [`POST ${H}/images/:ref/tag`]: { summary: 'Tag an image', ok: { 204: done('Tagged') } },
  [`DELETE ${H}/images/:ref`]: {
    summary: 'Remove an image or one of its tags',
    ok: { 200: json(imageRemovalSchema, 'What was untagged and deleted') },
    errors: { 409: IN_USE },
  },
  [`POST ${H}/images/prune`]: {
    summary: 'Remove dangling images (every unused one with `all=true`)',
    ok: { 200: json(pruneResultSchema, 'What was removed') },
  },
  [`POST ${H}/images/pull`]: {
    summary: 'Pull an image',
    ok: { 200: ndjson(progressLineSchema, PROGRESS) },
  },
  [`POST ${H}/images/build`]: {
    summary: 'Build an image from a context tar, a Dockerfile’s text, or (admins) a URL',
    ok: { 200: ndjson(progressLineSchema, PROGRESS) },
    body: {
      required: false,
      content: {
        'application/x-tar': { description: 'The context (gzip too); options in the query' },
        'application/json': {
          description: 'A Dockerfile’s text and the options, built as a one-file context',
          schema: imageBuildJsonSchema,
        },
      },
    },
    errors: { 403: `${ADMIN_SETTING}, or a Dockerfile that reaches outside`, ...TAR_UPLOAD },
  },
  [`POST ${H}/images/import`]: {
    summary: 'Import a root filesystem tar as an image (or, admins, from a URL)',
    ok: { 200: ndjson(progressLineSchema, PROGRESS) },
    body: {
      required: false,
      content: { 'application/x-tar': { description: 'The root filesystem' } },
    },
    errors: { 403: ADMIN_SETTING, ...TAR_UPLOAD },
  },
  [`GET ${H}/networks`]: {
    summary: 'List networks',
    ok: { 200: json(z.array(networkSummarySchema), 'The networks') },
  },
  [`GET ${H}/networks/:id`]: {
    summary: 'Inspect a network',
    ok: { 200: json(networkDetailsSchema, 'The network') },
  },
  [`POST ${H}/networks`]: {
    summary: 'Create a network',
    ok: { 201: json(networkCreatedSchema, 'Created') },
    errors: { 403: ADMIN_SETTING, 409: 'A network of that name exists' },
  },
  [`POST ${H}/networks/:id/connect`]: {
    summary: 'Connect a container',
    ok: { 204: done('Connected') },
  },
  [`POST ${H}/networks/:id/disconnect`]: {
    summary: 'Disconnect a container',
    ok: { 204: done('Disconnected') },
  },
  [`DELETE ${H}/networks/:id`]: {
    summary: 'Remove a network',
    ok: { 204: done('Removed') },
    errors: { 409: 'Containers are still connected' },
  },
  [`POST ${H}/networks/prune`]: {
    summary: 'Remove unused networks',
    ok: { 200: json(pruneResultSchema, 'What was removed') },
  },
  [`GET ${H}/volumes`]: {
    summary: 'List volumes',
    ok: { 200: json(z.array(volumeSummarySchema), 'The volumes') },
  },
  [`GET ${H}/volumes/:name`]: {
    summary: 'Inspect a volume',
    ok: { 200: json(volumeDetailsSchema, 'The volume') },
  },
  [`POST ${H}/volumes`]: {
    summary: 'Create a volume',
    ok: { 201: json(volumeDetailsSchema, 'Created') },
    errors: { 403: ADMIN_SETTING },
  },
  [`DELETE ${H}/volumes/:name`]: {
    summary: 'Remove a volume',
    ok: { 204: done('Removed') },
    errors: { 409: IN_USE },
  },
  [`POST ${H}/volumes/prune`]: {
    summary: 'Remove unused volumes (anonymous ones unless `all=true`)',
    ok: { 200: json(pruneResultSchema, 'What was removed') },
  },
  [`GET ${H}/system/info`]: {
    summary: 'The engine’s identity, counts and settings',
    ok: { 200: json(engineInfoSchema, 'Engine information') },
  },
  [`GET ${H}/system/version`]: {
    summary: 'The engine’s versions',
    ok: { 200: json(engineVersionSchema, 'Versions') },
  },
  [`GET ${H}/system/df`]: {
    summary: 'Disk usage (measured on demand, shared for 30 s)',
    ok: { 200: json(diskUsageSchema, 'Disk usage') },
  },
  [`GET ${H}/system/events`]: {
    summary: 'Past events between `since` and `until` (at most 500)',
    ok: { 200: json(systemEventsSchema, 'The events') },
  },
  [`GET ${H}/swarm`]: {
    summary: 'Whether the host is a swarm manager',
    ok: { 200: json(swarmStatusSchema, 'Swarm status') },
  },
  [`GET ${H}/swarm/services`]: {
    summary: 'Swarm services in your scope',
    ok: { 200: json(z.array(swarmServiceSchema), 'The services') },
    errors: { 503: NOT_MANAGER },
  },
  [`GET ${H}/swarm/tasks`]: {
    summary: 'Swarm tasks in your scope (of one service with `service`)',
    ok: { 200: json(z.array(swarmTaskSchema), 'The tasks') },
    errors: { 503: NOT_MANAGER },
  },
  [`GET ${H}/swarm/nodes`]: {
    summary: 'Swarm nodes',
    ok: { 200: json(z.array(swarmNodeSchema), 'The nodes') },
    errors: { 503: NOT_MANAGER },
  },
  [`GET ${H}/swarm/secrets`]: {
    summary: 'Swarm secrets in your scope (metadata; never the data)',
    ok: { 200: json(z.array(swarmObjectMetaSchema), 'The secrets') },
    errors: { 503: NOT_MANAGER },
  },
  [`GET ${H}/swarm/configs`]: {
    summary: 'Swarm configs in your scope (metadata)',
    ok: { 200: json(z.array(swarmObjectMetaSchema), 'The configs') },
    errors: { 503: NOT_MANAGER },
  },
  [`GET ${H}/swarm/services/:id/logs`]: {
    summary: 'A service’s logs, one line each',
    ok: {
      200: ndjson(
        z.union([serviceLogLineSchema, apiErrorSchema]),
        'The lines; a failure is the last line, an error envelope',
      ),
    },
    errors: { 503: NOT_MANAGER },
  },
}

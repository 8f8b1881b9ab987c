import {
  containerCreatedSchema,
  containerDetailsSchema,
  containerExitSchema,
  containerSummarySchema,
  containerUpdatedSchema,
  directoryListingSchema,
  eventsServerMessageSchema,
  filesystemChangeSchema,
  logsServerMessageSchema,
  processListSchema,
  pruneResultSchema,
  statsServerMessageSchema,
  terminalClientMessageSchema,
  terminalServerMessageSchema,
} from '@harbormaster/contract'
import { z } from 'zod'
import { type RouteDoc, done, json, tar, text } from './route-doc.ts'

const C = '/api/hosts/:hostId/containers'
const NOT_RUNNING = 'The container is not running'
const ADMIN_ONLY = 'The container has admin-only settings (host binds, privileges…): admins only'
const TERMINAL_BYTES = 'Terminal bytes: output from the server, keystrokes from the client'

/** Containers: lists, inspection, lifecycle, files, terminals, logs, stats and events. */
export const containerDocs: Record<string, RouteDoc> = {
  [`GET ${C}`]: {
    summary: 'List the containers in your label scope',
    ok: { 200: json(z.array(containerSummarySchema), 'The containers') },
  },
  [`POST ${C}`]: {
    summary: 'Create a container (and start it with `start=true`)',
    ok: { 201: json(containerCreatedSchema, 'Created') },
    errors: { 403: 'A setting only admins may use (named in the message)', 409: 'Name in use' },
  },
  [`GET ${C}/:id`]: {
    summary: 'Inspect a container (environment values masked per the host’s patterns)',
    ok: { 200: json(containerDetailsSchema, 'The container') },
  },
  [`GET ${C}/:id/top`]: {
    summary: 'Processes running in the container',
    ok: { 200: json(processListSchema, 'The processes') },
    errors: { 409: NOT_RUNNING },
  },
  [`GET ${C}/:id/changes`]: {
    summary: 'Files changed in the container’s filesystem',
    ok: { 200: json(z.array(filesystemChangeSchema), 'The changes') },
  },
  [`POST ${C}/:id/start`]: { summary: 'Start', ok: { 204: done('Started, or already running') } },
  [`POST ${C}/:id/stop`]: {
    summary: 'Stop (SIGTERM, then SIGKILL after `t` seconds)',
    ok: { 204: done('Stopped, or already stopped') },
  },
  [`POST ${C}/:id/restart`]: { summary: 'Restart', ok: { 204: done('Restarted') } },
  [`POST ${C}/:id/kill`]: {
    summary: 'Send a signal (SIGKILL by default)',
    ok: { 204: done('Sent') },
    errors: { 409: NOT_RUNNING },
  },
  [`POST ${C}/:id/pause`]: {
    summary: 'Pause',
    ok: { 204: done('Paused') },
    errors: { 409: NOT_RUNNING },
  },
  [`POST ${C}/:id/unpause`]: { summary: 'Unpause', ok: { 204: done('Unpaused') } },
  [`POST ${C}/:id/rename`]: {
    summary: 'Rename',
    ok: { 204: done('Renamed') },
    errors: { 409: 'Name in use' },
  },
  [`POST ${C}/:id/update`]: {
    summary: 'Change resource limits and the restart policy',
    ok: { 200: json(containerUpdatedSchema, 'Updated, with the engine’s warnings') },
  },
  [`POST ${C}/:id/wait`]: {
    summary: 'Wait until the container stops (no deadline)',
    ok: { 200: json(containerExitSchema, 'Its exit code') },
  },
  [`DELETE ${C}/:id`]: {
    summary: 'Remove (`force` for a running one, `volumes` for its anonymous volumes)',
    ok: { 204: done('Removed') },
    errors: { 409: 'The container is running and `force` was not given' },
  },
  [`POST ${C}/prune`]: {
    summary: 'Remove every stopped container in your label scope',
    ok: { 200: json(pruneResultSchema, 'What was removed') },
  },
  [`GET ${C}/:id/export`]: {
    summary: 'The container’s filesystem as a tar',
    ok: { 200: tar('The filesystem, streamed') },
  },
  [`GET ${C}/:id/files`]: {
    summary: 'List a directory inside the container',
    ok: { 200: json(directoryListingSchema, 'The directory') },
    errors: { 403: ADMIN_ONLY },
  },
  [`GET ${C}/:id/files/download`]: {
    summary: 'A file or directory from the container, as a tar',
    ok: { 200: tar('The tar, streamed') },
    errors: { 403: ADMIN_ONLY },
  },
  [`PUT ${C}/:id/files`]: {
    summary: 'Upload a tar (unpacked at `path`) or, with `name`, one file',
    ok: { 204: done('Written') },
    body: {
      required: true,
      content: {
        'application/x-tar': { description: 'An archive, unpacked into `path` (gzip too)' },
        'application/octet-stream': {
          description: 'One file, written as `path/name`; needs Content-Length',
        },
      },
    },
    errors: {
      403: ADMIN_ONLY,
      411: 'A single-file upload without Content-Length',
      413: 'Over 512 MiB',
    },
  },
  [`GET ${C}/:id/exec`]: {
    summary: 'A terminal: run a command (default: a shell) in the container',
    ok: {},
    errors: { 403: `${ADMIN_ONLY}; or a user only admins may exec as`, 409: NOT_RUNNING },
    websocket: {
      server: terminalServerMessageSchema,
      client: terminalClientMessageSchema,
      binary: TERMINAL_BYTES,
    },
  },
  [`GET ${C}/:id/attach`]: {
    summary: 'Attach to the main process (keystrokes only when it keeps stdin open)',
    ok: {},
    errors: { 403: ADMIN_ONLY, 409: NOT_RUNNING },
    websocket: {
      server: terminalServerMessageSchema,
      client: terminalClientMessageSchema,
      binary: TERMINAL_BYTES,
    },
  },
  [`GET ${C}/:id/logs`]: {
    summary: 'Live logs, as batches of lines',
    ok: {},
    websocket: { server: logsServerMessageSchema },
  },
  [`GET ${C}/:id/logs/download`]: {
    summary: 'Logs as a text file (the whole log by default)',
    ok: { 200: text('The lines, one per line, streamed') },
  },
  [`GET ${C}/:id/stats`]: {
    summary: 'Live resource usage of one container, at the engine’s pace',
    ok: {},
    errors: { 409: NOT_RUNNING, 429: 'The host streams stats for as many containers as it allows' },
    websocket: { server: statsServerMessageSchema },
  },
  'GET /api/hosts/:hostId/stats': {
    summary: 'Live resource usage of every running container in your scope, once a second',
    ok: {},
    websocket: { server: statsServerMessageSchema },
  },
  'GET /api/hosts/:hostId/events': {
    summary: 'The host’s events in your scope, and when the host goes away and comes back',
    ok: {},
    websocket: { server: eventsServerMessageSchema },
  },
}

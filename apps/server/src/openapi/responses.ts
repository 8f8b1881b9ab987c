import { apiErrorSchema } from '@harbormaster/contract'
import type { Response } from './document.ts'
import type { SchemaWriter } from './json-schema.ts'
import type { Answer, RouteDoc } from './route-doc.ts'

/** The errors many routes share, each once in the document's components. */
const SHARED_ERRORS = {
  400: ['BadRequest', 'A parameter or body the route does not accept; the message names it'],
  401: ['Unauthenticated', 'No session or API token, or one that has ended'],
  403: [
    'Forbidden',
    'Your role (a token’s: its user’s) does not allow this; or a cross-site request',
  ],
  404: ['NotFound', 'No such host (or one hidden from you), or no such object in your scope'],
  413: ['PayloadTooLarge', 'A JSON body over 1 MiB'],
  426: ['UpgradeRequired', 'Not a WebSocket upgrade: this route speaks WebSocket only'],
  429: ['TooManySockets', 'You have as many live connections open as a user may'],
  502: [
    'EngineUnreachable',
    'The host’s engine cannot be reached, or its API is older than 1.12 or below its pin (engine_version); the message names the host',
  ],
  503: ['ShuttingDown', 'The server is shutting down: reconnect shortly'],
  504: ['EngineTimeout', 'The engine did not answer in time'],
} as const satisfies Record<number, readonly [string, string]>

type SharedStatus = keyof typeof SHARED_ERRORS

const OTHER_ERRORS =
  'Any other error, in the same envelope: an engine error keeps the engine’s status and message; 501 engine_unsupported: the host’s API version has no such view (no networks before 1.21)'

/** Where a route's standard errors come from, judged from its path and what it reads. */
export interface RouteTraits {
  path: string
  readsInput: boolean
  readsJson: boolean
}

/** The shared error answers, for the document's `components.responses`. */
export function sharedErrorResponses(writer: SchemaWriter): Record<string, Response> {
  const entries = Object.values(SHARED_ERRORS).map(([name, description]): [string, Response] => [
    name,
    errorResponse(writer, description),
  ])
  return { ...Object.fromEntries(entries), OtherError: errorResponse(writer, OTHER_ERRORS) }
}

/** Every answer of a route: its successes, the errors its kind of route has, and its own. */
export function responsesOf(
  doc: RouteDoc,
  route: RouteTraits,
  writer: SchemaWriter,
): Record<string, Response | { $ref: string }> {
  const responses: Record<string, Response | { $ref: string }> = {}
  for (const [status, answer] of Object.entries(doc.ok)) {
    responses[status] = successResponse(answer, writer)
  }
  if (doc.websocket) {
    responses['101'] = {
      description: 'Switching Protocols: the WebSocket is open (messages: x-websocket)',
    }
  }
  for (const status of sharedStatuses(doc, route)) {
    responses[String(status)] = { $ref: `#/components/responses/${SHARED_ERRORS[status][0]}` }
  }
  for (const [status, when] of Object.entries(doc.errors ?? {})) {
    if (when !== undefined) responses[status] = errorResponse(writer, when)
  }
  responses.default = { $ref: '#/components/responses/OtherError' }
  return responses
}

function sharedStatuses(doc: RouteDoc, route: RouteTraits): SharedStatus[] {
  const statuses: SharedStatus[] = []
  if (route.readsInput || doc.body) statuses.push(400)
  if (!doc.public) statuses.push(401, 403)
  if (route.path.includes('/:')) statuses.push(404)
  if (route.readsJson) statuses.push(413)
  if (doc.websocket) statuses.push(426, 429, 503)
  if (route.path.startsWith('/api/hosts/:hostId/')) statuses.push(502, 504)
  return statuses
}

function successResponse(answer: Answer, writer: SchemaWriter): Response {
  const { description } = answer
  if ('json' in answer) {
    return { description, content: { 'application/json': { schema: writer.output(answer.json) } } }
  }
  if ('ndjson' in answer) {
    const line = writer.output(answer.ndjson)
    return { description, content: { 'application/x-ndjson': { schema: line } } }
  }
  if ('media' in answer) return { description, content: { [answer.media]: {} } }
  return { description }
}

function errorResponse(writer: SchemaWriter, description: string): Response {
  return { description, content: { 'application/json': { schema: writer.output(apiErrorSchema) } } }
}

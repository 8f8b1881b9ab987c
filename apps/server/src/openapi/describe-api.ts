import { type ValidatedInput, validatedInput } from '../platform/validate.ts'
import { SERVER_VERSION } from '../platform/server-version.ts'
import type { Method, OpenApiDocument, Operation, Parameter } from './document.ts'
import { type JsonSchema, SchemaWriter } from './json-schema.ts'
import { responsesOf, sharedErrorResponses } from './responses.ts'
import type { RouteDoc } from './route-doc.ts'
import { ROUTE_DOCS } from './route-docs.ts'

/** One entry of Hono's route table: a handler of a route, or a middleware before it. */
export interface RouteEntry {
  method: string
  path: string
  handler: unknown
}

interface Route {
  method: Method
  /** Hono's pattern, `/api/hosts/:hostId/containers/:id`. */
  path: string
  inputs: ValidatedInput[]
}

const ANYONE: Record<string, string[]>[] = [{}, { session: [] }, { token: [] }]

/**
 * The API as an OpenAPI 3.1 document, from the route table itself: every route in it, with the
 * parameters and JSON bodies its validators check (the contract's schemas, the very objects the
 * routes run) and the answers `docs` gives it. A route without an entry in `docs` is an error,
 * and so is an entry without a route (the test reads both).
 */
export function describeApi(
  table: readonly RouteEntry[],
  docs: Readonly<Record<string, RouteDoc>> = ROUTE_DOCS,
): OpenApiDocument {
  const writer = new SchemaWriter()
  const paths: OpenApiDocument['paths'] = {}
  for (const [key, route] of routesOf(table)) {
    const doc = docs[key]
    if (!doc) throw new Error(`${key} is not described: add it to apps/server/src/openapi/docs-*`)
    const template = route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')
    paths[template] = { ...paths[template], [route.method]: operation(route, doc, writer) }
  }
  const tags = [...new Set(Object.values(paths).flatMap((item) => tagsOf(item)))].sort()
  return {
    openapi: '3.1.0',
    info: {
      title: 'Harbormaster API',
      version: SERVER_VERSION,
      description:
        'Every error is `{ "error": { "code", "message" } }`. Mutations and WebSocket upgrades ' +
        'from a browser must be same-origin. WebSocket routes are GETs that answer 101; their ' +
        'messages are in `x-websocket`.',
    },
    paths,
    components: {
      schemas: writer.components,
      responses: sharedErrorResponses(writer),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'hm_session',
          description:
            'The session cookie from POST /api/auth/login (`__Host-hm_session` on HTTPS)',
        },
        token: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/tokens)' },
      },
    },
    security: [{ session: [] }, { token: [] }],
    tags: tags.map((name) => ({ name })),
  }
}

/** The route table's entries, one per method and path, with the inputs their validators check. */
function routesOf(table: readonly RouteEntry[]): Map<string, Route> {
  const routes = new Map<string, Route>()
  for (const entry of table) {
    const method = entry.method.toLowerCase()
    if (!isMethod(method) || entry.path.endsWith('*')) continue
    const key = `${entry.method} ${entry.path}`
    const route = routes.get(key) ?? { method, path: entry.path, inputs: [] }
    const input = validatedInput(entry.handler)
    if (input) route.inputs.push(input)
    routes.set(key, route)
  }
  return routes
}

function operation(route: Route, doc: RouteDoc, writer: SchemaWriter): Operation {
  const input = (target: ValidatedInput['target']) =>
    route.inputs.find((i) => i.target === target)?.schema
  const [pathSchema, querySchema, jsonSchema] = [input('param'), input('query'), input('json')]
  const parameters = [
    ...pathParameters(route.path, pathSchema && writer.input(pathSchema)),
    ...queryParameters(querySchema && writer.input(querySchema)),
  ]
  const body = jsonSchema
    ? { required: true, content: { 'application/json': { schema: writer.input(jsonSchema) } } }
    : doc.body && {
        description: Object.entries(doc.body.content)
          .map(([media, { description }]) => `${media}: ${description}`)
          .join('; '),
        required: doc.body.required,
        content: Object.fromEntries(
          Object.entries(doc.body.content).map(([media, { schema }]) => [
            media,
            schema ? { schema: writer.input(schema) } : {},
          ]),
        ),
      }
  const traits = { path: route.path, readsInput: route.inputs.length > 0, readsJson: !!jsonSchema }
  return {
    operationId: operationId(route),
    summary: doc.summary,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    tags: [tagOf(route.path)],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responsesOf(doc, traits, writer),
    ...(doc.public ? { security: ANYONE } : {}),
    ...(doc.websocket ? { 'x-websocket': liveMessages(doc.websocket, writer) } : {}),
  }
}

function liveMessages(live: NonNullable<RouteDoc['websocket']>, writer: SchemaWriter) {
  return {
    serverMessages: writer.output(live.server),
    ...(live.client ? { clientMessages: writer.output(live.client) } : {}),
    ...(live.binary ? { binaryFrames: live.binary } : {}),
  }
}

function pathParameters(path: string, schema: JsonSchema | undefined): Parameter[] {
  const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '')
  const properties = propertiesOf(schema)
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: properties[name] ?? { type: 'string' },
  }))
}

function queryParameters(schema: JsonSchema | undefined): Parameter[] {
  const required = new Set(Array.isArray(schema?.required) ? schema.required : [])
  return Object.entries(propertiesOf(schema)).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }))
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const properties = schema?.properties
  return typeof properties === 'object' && properties !== null
    ? (properties as Record<string, JsonSchema>)
    : {}
}

/** `/api/hosts/:hostId/images/:ref` is tagged `images`: the capability the path names. */
function tagOf(path: string): string {
  const [first = '', second, third] = path.replace(/^\/api\//, '').split('/')
  const name = first === 'hosts' && second !== undefined && third !== undefined ? third : first
  return name.replace(/\.json$/, '')
}

function tagsOf(item: Partial<Record<Method, Operation>>): string[] {
  return Object.values(item).flatMap((op) => op.tags)
}

/** `GET /api/hosts/:hostId/containers/:id/top` is `getHostsByHostIdContainersByIdTop`. */
function operationId(route: Route): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split('/')
    .map((part) => part.replace(/\{.*\}$/, ''))
    .map((part) => (part.startsWith(':') ? `By${capital(part.slice(1))}` : capital(part)))
  return `${route.method}${words.join('').replace(/[^A-Za-z0-9]/g, '')}`
}

const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`

function isMethod(method: string): method is Method {
  return ['get', 'post', 'put', 'patch', 'delete'].includes(method)
}

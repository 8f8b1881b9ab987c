import type { JsonSchema } from './json-schema.ts'

/** The part of OpenAPI 3.1 this server writes (the test validates the whole against the spec). */
export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  paths: Record<string, Partial<Record<Method, Operation>>>
  components: {
    schemas: Record<string, JsonSchema>
    responses: Record<string, Response>
    securitySchemes: Record<string, SecurityScheme>
  }
  security: Record<string, string[]>[]
  tags: { name: string }[]
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface Operation {
  operationId: string
  summary: string
  description?: string
  tags: string[]
  parameters?: Parameter[]
  requestBody?: { description?: string; required: boolean; content: Record<string, MediaType> }
  responses: Record<string, Response | { $ref: string }>
  security?: Record<string, string[]>[]
  /** OpenAPI has no WebSockets: the messages of a route that upgrades (answers 101). */
  'x-websocket'?: { serverMessages: JsonSchema; clientMessages?: JsonSchema; binaryFrames?: string }
}

export interface Parameter {
  name: string
  in: 'path' | 'query'
  required: boolean
  schema: JsonSchema
}

export interface MediaType {
  schema?: JsonSchema
}

export interface Response {
  description: string
  content?: Record<string, MediaType>
}

export type SecurityScheme =
  | { type: 'apiKey'; in: 'cookie'; name: string; description: string }
  | { type: 'http'; scheme: 'bearer'; description: string }

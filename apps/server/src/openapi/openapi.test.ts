import SwaggerParser from '@apidevtools/swagger-parser'
import { docker } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { describeApi } from './describe-api.ts'
import type { OpenApiDocument, Operation } from './document.ts'
import { ROUTE_DOCS } from './route-docs.ts'

const DOCUMENT = '/api/openapi.json'

/** `GET /api/hosts/:hostId` as the document writes it: `GET /api/hosts/{hostId}`. */
const template = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')

describe('the OpenAPI document, against the route table', () => {
  const h = startHarness()
  let document: OpenApiDocument
  const table = () => {
    const keys = new Map<string, { method: string; path: string }>()
    for (const { method, path } of h.server.routes) {
      if (method !== 'ALL' && !path.endsWith('*')) keys.set(`${method} ${path}`, { method, path })
    }
    return keys
  }
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    )

  beforeAll(async () => {
    const res = await (await h.as('admin')).get(DOCUMENT)
    expect(res.status).toBe(200)
    document = (await res.json()) as OpenApiDocument
  })

  it('describes every route of the table, in {param} form, and nothing else', () => {
    const routes = [...table().values()].map(({ method, path }) => `${method} ${template(path)}`)
    expect(routes.length).toBeGreaterThan(80)
    expect(
      operations()
        .map(([key]) => key)
        .sort(),
    ).toEqual(routes.sort())
    // The registry too: an entry for a route that is gone is as wrong as a route without one.
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual([...table().keys()].sort())
  })

  it('refuses to describe a route it has no entry for', () => {
    const route = { method: 'GET', path: '/api/hosts/:hostId/plugins', handler: () => undefined }
    expect(() => describeApi([route])).toThrow(
      /GET \/api\/hosts\/:hostId\/plugins is not described/,
    )
  })

  it('is valid OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined()
  })

  it('reads parameters and bodies from the validators the routes run', () => {
    const create = document.paths['/api/hosts/{hostId}/containers']?.post
    // `start` is validated by a schema local to the route module, not the contract.
    expect(create?.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual([
      'path hostId',
      'query start',
    ])
    const body = create?.requestBody?.content['application/json']?.schema
    expect(body).toMatchObject({ properties: { image: { type: 'string' } }, required: ['image'] })
    const audit = document.paths['/api/audit']?.get?.parameters?.map((p) => p.name)
    expect(audit).toEqual(expect.arrayContaining(['actorId', 'since', 'limit', 'before']))
    for (const [key, op] of operations()) {
      for (const name of key.matchAll(/\{(\w+)\}/g)) {
        expect(
          op.parameters?.find((p) => p.in === 'path' && p.name === name[1]),
          key,
        ).toBeDefined()
      }
    }
  })

  it('gives every operation the error envelope and names the WebSocket messages', () => {
    expect(document.components.schemas.ApiError).toMatchObject({
      properties: { error: { required: ['code', 'message'] } },
    })
    for (const [key, op] of operations()) {
      expect(op.responses.default, key).toEqual({ $ref: '#/components/responses/OtherError' })
    }
    const exec = document.paths['/api/hosts/{hostId}/containers/{id}/exec']?.get
    expect(exec?.responses['101']).toBeDefined()
    expect(exec?.['x-websocket']).toMatchObject({
      serverMessages: { $ref: '#/components/schemas/TerminalServerMessage' },
      clientMessages: { $ref: '#/components/schemas/TerminalClientMessage' },
    })
    const live = operations().filter(([, op]) => op['x-websocket'])
    expect(live.map(([key]) => key).sort()).toEqual([
      'GET /api/hosts/{hostId}/containers/{id}/attach',
      'GET /api/hosts/{hostId}/containers/{id}/exec',
      'GET /api/hosts/{hostId}/containers/{id}/logs',
      'GET /api/hosts/{hostId}/containers/{id}/stats',
      'GET /api/hosts/{hostId}/events',
      'GET /api/hosts/{hostId}/stacks/{name}/logs',
      'GET /api/hosts/{hostId}/stats',
      'GET /api/hosts/{hostId}/swarm/services/{id}/logs/live',
      'GET /api/hosts/{hostId}/swarm/services/{id}/tasks/live',
    ])
  })
})

describe('who may read the OpenAPI document', () => {
  const h = startHarness()
  const tokenOf = async (client: ApiClient) => {
    const res = await client.post('/api/tokens', { name: h.uniqueName('describe') })
    expect(res.status).toBe(201)
    return ((await res.json()) as { token: string }).token
  }
  const withToken = (token: string) =>
    fetch(`${h.url}${DOCUMENT}`, { headers: { Authorization: `Bearer ${token}` } })

  it('answers 401 to anonymous callers and 403 to viewer and operator sessions', async () => {
    await expectApiError(await h.anonymous.get(DOCUMENT), 401, 'unauthenticated')
    await expectApiError(await (await h.as('viewer')).get(DOCUMENT), 403, 'forbidden')
    await expectApiError(await (await h.as('operator')).get(DOCUMENT), 403, 'forbidden')
  })

  it('answers 200 to an admin session and to API tokens of any role', async () => {
    const admin = await (await h.as('admin')).get(DOCUMENT)
    expect(admin.status).toBe(200)
    expect(admin.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await admin.text()
    for (const role of ['viewer', 'admin'] as const) {
      const res = await withToken(await tokenOf(await h.as(role)))
      expect({ role, status: res.status }).toEqual({ role, status: 200 })
      expect(await res.text()).toBe(text)
    }
  })
})

describe('every GET answers as the document says, against a real engine', () => {
  const h = startHarness()
  const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const names = { container: '', volume: '', stack: '' }
  const fill = (path: string) =>
    path
      .replace(':hostId', 'local')
      .replace(/\/containers\/:id/, `/containers/${names.container}`)
      .replace(/\/networks\/:id/, '/networks/bridge')
      .replace(/\/volumes\/:name/, `/volumes/${names.volume}`)
      .replace(/\/stacks\/:name/, `/stacks/${names.stack}`)
      .replace(/:version/, '1')
      .replace(/:ref(\{[^}]*\})?/, encodeURIComponent(h.fixtureImage))
      .replace(/:id/, 'hm-openapi-none')
  const QUERIES: Record<string, string> = {
    '/files': '?path=/etc',
    '/files/download': '?path=/etc/hostname',
    '/images/save': `?names=${encodeURIComponent(h.fixtureImage)}`,
    '/api/search': '?q=openapi',
  }
  const queryFor = (path: string) =>
    Object.entries(QUERIES).find(([end]) => path.endsWith(end))?.[1] ?? ''

  beforeAll(async () => {
    names.container = h.uniqueName('openapi')
    names.volume = h.uniqueName('openapi')
    names.stack = h.uniqueName('openapi')
    const stack = { name: names.stack, compose: 'services: {}\n', env: 'A=1\n' }
    expect((await (await h.as('admin')).post('/api/hosts/local/stacks', stack)).status).toBe(201)
    await docker(h.dockerHost, ['volume', 'create', ...labelArgs(), names.volume])
    await docker(h.dockerHost, [
      'run',
      '-d',
      '--name',
      names.container,
      ...labelArgs(),
      h.fixtureImage,
      'sleep',
      '300',
    ])
  })

  it('answers a documented status, with the documented schema, on every GET route', async () => {
    const admin = await h.as('admin')
    const gets = [...new Set(h.server.routes.map((r) => `${r.method} ${r.path}`))].filter(
      (key) => key.startsWith('GET ') && !key.endsWith('*'),
    )
    const seen: string[] = []
    for (const key of gets) {
      const path = key.slice('GET '.length)
      const doc = ROUTE_DOCS[key]
      const res = await admin.get(`${fill(path)}${queryFor(path)}`)
      const documented = [...Object.keys(doc?.ok ?? {}), ...Object.keys(doc?.errors ?? {})]
      const shared = doc?.websocket ? ['426'] : []
      expect([...documented, ...shared], `${key} answered ${res.status}`).toContain(
        String(res.status),
      )
      const answer = doc?.ok[200]
      if (res.status === 200 && answer && 'json' in answer) {
        const parsed = answer.json.safeParse(await res.json())
        expect({ key, issues: parsed.error?.issues.slice(0, 3) }).toEqual({
          key,
          issues: undefined,
        })
      } else await res.arrayBuffer()
      seen.push(`${key} ${res.status}`)
    }
    // Each WebSocket route refused the plain GET (426) after its checks passed: it upgrades.
    expect(seen.filter((line) => line.endsWith(' 426')).length).toBe(7)
  })
})

import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { requireAction } from '../policy/index.ts'
import { type RouteEntry, describeApi } from './describe-api.ts'

/**
 * Mounted at `/api/openapi.json`: the API's OpenAPI 3.1 document, for admins and for API tokens
 * of any role (`api.describe`). It is written from the route table on the first request and
 * kept as text: the table does not change while the server runs.
 */
export function openApiRoutes(routeTable: readonly RouteEntry[]) {
  let document: string | undefined
  return new Hono<AppEnv>().get('/', requireAction('api.describe'), (c) => {
    document ??= JSON.stringify(describeApi(routeTable))
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })
}

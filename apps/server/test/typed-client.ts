import { hc } from 'hono/client'
import type { AppType } from '../src/api-type.ts'
import type { ApiClient } from './api-client.ts'

/**
 * The web app's typed client (`hc<AppType>`, apps/web/src/platform/api-client.ts) speaking
 * through a test client: its session cookie and Origin, and its way of sending (the network, or
 * the app in-process in the fast tier).
 */
export function typedClient(client: ApiClient) {
  return hc<AppType>(`${client.baseUrl}/api`, {
    fetch: (input: string | URL | Request, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : input)
      const headers = Object.fromEntries(new Headers(init.headers))
      return client.request(init.method ?? 'GET', `${url.pathname}${url.search}`, {
        headers,
        ...(init.body == null ? {} : { raw: init.body }),
      })
    },
  })
}

export type TypedClient = ReturnType<typeof typedClient>

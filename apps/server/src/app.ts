import { existsSync } from 'node:fs'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { HostRegistry } from './hosts/index.ts'
import type { AppEnv } from './platform/app-env.ts'
import { ApiError, onError } from './platform/errors.ts'
import { healthRoutes } from './system/health-routes.ts'

export interface AppDeps {
  logger: Logger
  hosts: HostRegistry
  /** The built web app; when absent the API still works and `/` says how to build it. */
  webDir: string
}

/** Builds the HTTP app: the JSON API under /api and the web app everywhere else. */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('logger', deps.logger)
      c.set('hosts', deps.hosts)
      await next()
    })
    .route('/health', healthRoutes)
    .all('*', (c) => {
      throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}`)
    })
  api.onError(onError)

  const app = new Hono<AppEnv>().route('/api', api)
  if (existsSync(deps.webDir)) {
    app.use('*', serveStatic({ root: deps.webDir }))
    // Client-side routes: any other GET gets the SPA's index.html.
    app.get('*', serveStatic({ root: deps.webDir, path: 'index.html' }))
  } else {
    app.get('/', (c) =>
      c.text('The web app is not built: run `npm run build -w @harbormaster/web`.'),
    )
  }
  return { app, api }
}

export type ApiApp = ReturnType<typeof createApp>['api']

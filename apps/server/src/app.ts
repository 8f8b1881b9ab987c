import { existsSync } from 'node:fs'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { alertRoutes, alertRuleRoutes } from './alerts/index.ts'
import { alertChannelRoutes } from './alerts/channels/index.ts'
import { auditRoutes } from './audit/index.ts'
import { authRoutes, authenticate, tokenRoutes, userRoutes } from './auth/index.ts'
import { allHostsContainerRoutes, containerRoutes, lifecycleRoutes } from './containers/index.ts'
import { searchRoutes } from './search/index.ts'
import { eventRoutes } from './events/index.ts'
import { execRoutes } from './exec/index.ts'
import { logRoutes } from './logs/index.ts'
import { fileRoutes } from './files/routes.ts'
import { hostRoutes } from './hosts/index.ts'
import { metricsRoutes } from './metrics/index.ts'
import { imageProgressRoutes, imageRoutes } from './images/index.ts'
import { networkRoutes } from './networks/index.ts'
import type { AppEnv, AppServices } from './app-env.ts'
import { type RouteEntry, openApiRoutes } from './openapi/index.ts'
import { accessLog } from './platform/access-log.ts'
import { ApiError, onError } from './platform/errors.ts'
import { hostGuard } from './platform/host-guard.ts'
import { sameOrigin } from './platform/same-origin.ts'
import { securityHeaders } from './platform/security-headers.ts'
import { provideServices } from './services.ts'
import { safeText } from './platform/safe-text.ts'
import { strictJson } from './platform/strict-json.ts'
import { containerStatsRoutes, hostStatsRoutes } from './stats/index.ts'
import {
  stackDeployRoutes,
  stackDirectoryRoutes,
  stackAdoptionRoutes,
  stackLogRoutes,
  stackOperationRoutes,
  stackRoutes,
} from './stacks/index.ts'
import {
  serviceLogRoutes,
  serviceTasksRoutes,
  serviceRoutes,
  swarmClusterRoutes,
  swarmFileRoutes,
  swarmNodeRoutes,
  swarmRoutes,
} from './swarm/index.ts'
import { healthRoutes } from './system/health-routes.ts'
import { systemRoutes } from './system/index.ts'
import { updateRoutes } from './updates/index.ts'
import { historySettingsRoutes } from './history/settings/index.ts'
import { terminalSessionRoutes } from './history/sessions/index.ts'
import { timelineRoutes } from './history/timeline/index.ts'
import { containerHistoryRoutes, hostHistoryRoutes } from './history/metrics/index.ts'
import { capsuleRoutes, logRetentionRoutes } from './history/capsules/index.ts'
import { volumeRoutes } from './volumes/index.ts'

const BODY_LIMIT_BYTES = 1024 * 1024

/**
 * The JSON API. Every route below names its action in the policy (requireAction); there is no
 * generic pass-through to an engine: an engine path is reachable only through a named route, and
 * anything else is a 404.
 */
export function createApi(services: AppServices) {
  // Filled once the chain is built: the API's description is written from the whole table.
  const routeTable: RouteEntry[] = []
  const api = new Hono<AppEnv>()
    .use(requestId())
    .use(provideServices(services))
    .use(accessLog())
    .use(limitBody())
    .use(sameOrigin())
    .use(strictJson())
    .use(safeText())
    .use(authenticate())
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    .route('/users', userRoutes)
    .route('/tokens', tokenRoutes)
    .route('/audit', auditRoutes)
    .route('/metrics', metricsRoutes)
    .route('/alerts/channels', alertChannelRoutes)
    .route('/alerts', alertRoutes)
    .route('/alert-rules', alertRuleRoutes)
    .route('/hosts', hostRoutes)
    .route('/containers', allHostsContainerRoutes)
    .route('/search', searchRoutes)
    .route('/hosts/:hostId/containers', containerRoutes)
    .route('/hosts/:hostId/containers', lifecycleRoutes)
    .route('/hosts/:hostId/containers', fileRoutes)
    .route('/hosts/:hostId/containers', execRoutes)
    .route('/hosts/:hostId/containers', logRoutes)
    .route('/hosts/:hostId/containers', containerStatsRoutes)
    .route('/hosts/:hostId/stats', hostStatsRoutes)
    .route('/hosts/:hostId/events', eventRoutes)
    .route('/hosts/:hostId/images', imageRoutes)
    .route('/hosts/:hostId/images', imageProgressRoutes)
    .route('/hosts/:hostId/networks', networkRoutes)
    .route('/hosts/:hostId/volumes', volumeRoutes)
    .route('/hosts/:hostId/system', systemRoutes)
    .route('/hosts/:hostId/swarm', swarmRoutes)
    .route('/hosts/:hostId/swarm/services', serviceRoutes)
    .route('/hosts/:hostId/swarm/secrets', swarmFileRoutes('secret'))
    .route('/hosts/:hostId/swarm/configs', swarmFileRoutes('config'))
    .route('/hosts/:hostId/swarm', serviceLogRoutes)
    .route('/hosts/:hostId/swarm', serviceTasksRoutes)
    .route('/hosts/:hostId/swarm/nodes', swarmNodeRoutes)
    .route('/hosts/:hostId/swarm/cluster', swarmClusterRoutes)
    .route('/hosts/:hostId/stacks', stackRoutes)
    .route('/hosts/:hostId/stacks', stackOperationRoutes)
    .route('/hosts/:hostId/stacks', stackDeployRoutes)
    .route('/hosts/:hostId/stacks', stackLogRoutes)
    .route('/hosts/:hostId/stacks', stackAdoptionRoutes)
    .route('/hosts/:hostId/stacks', stackDirectoryRoutes)
    .route('/hosts/:hostId/updates', updateRoutes)
    .route('/hosts/:hostId/history/settings', historySettingsRoutes)
    .route('/history/sessions', terminalSessionRoutes)
    .route('/hosts/:hostId/timeline', timelineRoutes)
    .route('/hosts/:hostId/containers', containerHistoryRoutes)
    .route('/hosts/:hostId/history/metrics', hostHistoryRoutes)
    .route('/hosts/:hostId/capsules', capsuleRoutes)
    .route('/hosts/:hostId/log-retention', logRetentionRoutes)
    .route('/openapi.json', openApiRoutes(routeTable))
    .all('*', (c) => {
      throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}`)
    })
  api.onError(onError)
  routeTable.push(...api.routes.map((route) => ({ ...route, path: `/api${route.path}` })))
  return api
}

/**
 * The API under /api and the web app everywhere else. Every request, WebSocket upgrades and
 * static files included, must first name one of our hosts (hostGuard: DNS rebinding).
 */
export function createApp(services: AppServices) {
  const api = createApi(services)
  const app = new Hono<AppEnv>()
    .use(securityHeaders())
    .use(hostGuard(services.config.allowedHosts, services.logger))
    .route('/api', api)
  const webDir = services.config.webDir
  if (existsSync(webDir)) {
    // Hashed file names under /assets/ never change: browsers keep them for a year. The rest
    // (index.html) is revalidated, so a new release is picked up on the next load.
    const onFound = (path: string, c: Context) => {
      c.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    }
    app.use('*', serveStatic({ root: webDir, precompressed: true, onFound }))
    // Client-side routes: any other GET gets the SPA's index.html.
    app.get('*', serveStatic({ root: webDir, path: 'index.html', precompressed: true, onFound }))
  } else {
    app.get('/', (c) =>
      c.text('The web app is not built: run `npm run build -w @harbormaster/web`.'),
    )
  }
  return { app, api }
}

/** 1 MiB for every request body except uploads, which set their own limit on their route. */
function limitBody() {
  const limit = bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', 'Request body is larger than 1 MiB')
    },
  })
  return async (c: Parameters<typeof limit>[0], next: () => Promise<void>) => {
    // Uploads count their own bytes as they stream (512 MiB). JSON bodies always stay capped:
    // strictJson reads them before authentication.
    const isUpload =
      (c.req.method === 'PUT' && c.req.path.endsWith('/files')) ||
      (c.req.method === 'PUT' && /\/stacks\/[^/]+\/directory\/(file|archive)$/.test(c.req.path)) ||
      (c.req.method === 'POST' && /\/images\/(build|import)$/.test(c.req.path))
    if (isUpload && !/json/i.test(c.req.header('content-type') ?? '')) return next()
    return limit(c, next)
  }
}

export type ApiApp = ReturnType<typeof createApi>

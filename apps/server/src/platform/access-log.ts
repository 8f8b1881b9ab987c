import type { MiddlewareHandler } from 'hono'
import type { PlatformEnv } from './platform-env.ts'

/**
 * One log line per API request, on a child logger that carries the request id (also sent back as
 * X-Request-Id), so a user's report can be matched to the server's lines. Only the path is
 * logged: query strings and bodies may hold secrets. Health checks log at debug, or a container
 * health check would fill the log.
 */
export function accessLog(): MiddlewareHandler<PlatformEnv> {
  return async (c, next) => {
    const started = performance.now()
    const logger = c.var.logger.child({ requestId: c.var.requestId })
    c.set('logger', logger)
    await next()
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      user: c.var.principal?.userId,
    }
    if (c.req.path === '/api/health') logger.debug(line, 'request')
    else logger.info(line, 'request')
  }
}

import type { Engine } from '@harbormaster/engine'
import { Hono } from 'hono'
import { describe, expectTypeOf, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import type { RegisteredHost } from '../hosts/index.ts'
import { requireAction, requireHostAction } from './require-action.ts'
import type { HostGrant } from './roles.ts'

// Type tests: `tsc` checks them (npm test's types step); running them only builds the routes.
describe('the host in a handler env', () => {
  it('is there behind requireHostAction', () => {
    new Hono<AppEnv>().get('/hosts/:hostId/things', requireHostAction('container.read'), (c) => {
      expectTypeOf(c.var.hostId).toEqualTypeOf<string>()
      expectTypeOf(c.var.host).toEqualTypeOf<RegisteredHost>()
      expectTypeOf(c.var.engine).toEqualTypeOf<Engine>()
      expectTypeOf(c.var.grant).toEqualTypeOf<HostGrant>()
      return c.body(null, 204)
    })
  })

  it('is not there on a route without a host, where nothing set it', () => {
    new Hono<AppEnv>()
      .get('/audit', requireAction('audit.read'), (c) => {
        // @ts-expect-error: no host on this route
        expectTypeOf(c.var.host).toBeObject()
        // @ts-expect-error: nor its engine
        expectTypeOf(c.var.engine).toBeObject()
        // @ts-expect-error: nor a grant on it
        expectTypeOf(c.var.grant).toBeObject()
        return c.body(null, 204)
      })
      .get('/health', (c) => {
        // @ts-expect-error: nor on a route without requireAction
        expectTypeOf(c.var.hostId).toBeString()
        return c.body(null, 204)
      })
  })
})

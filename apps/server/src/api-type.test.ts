import {
  type LoginResponse,
  type ContainerDetails,
  type ContainerSummary,
  type LoginRequest,
  authUserResponseSchema,
  type containerCreateSchema,
  containerSummarySchema,
} from '@harbormaster/contract'
import type { InferRequestType, InferResponseType } from 'hono/client'
import type { JSONParsed } from 'hono/utils/types'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import { startFastApp } from '../test/fast-app.ts'
import { type TypedClient, typedClient } from '../test/typed-client.ts'

type Hosts = TypedClient['hosts'][':hostId']
type Containers = Hosts['containers']
type Login = TypedClient['auth']['login']['$post']

/**
 * The web app's client is `hc<AppType>`: these are checked by `tsc` (npm test's typecheck), so a
 * route whose answer or input drifts from the contract breaks the build, not a browser. The
 * runtime half checks that what the server sends is what the types promise.
 */
describe('the typed client over AppType', () => {
  it('types answers with the contract', () => {
    expectTypeOf<InferResponseType<Containers['$get'], 200>>().toEqualTypeOf<ContainerSummary[]>()
    // As JSON carries it: Hono types the contract's `raw: unknown` as a JSON value.
    expectTypeOf<InferResponseType<Containers[':id']['$get'], 200>>().toEqualTypeOf<
      JSONParsed<ContainerDetails>
    >()
    expectTypeOf<InferResponseType<Login, 200>>().toEqualTypeOf<LoginResponse>()
  })

  it("types inputs with the contract's request schemas", () => {
    expectTypeOf<InferRequestType<Login>['json']>().toEqualTypeOf<LoginRequest>()
    expectTypeOf<InferRequestType<Containers['$post']>['json']>().toEqualTypeOf<
      z.input<typeof containerCreateSchema>
    >()
    const stop = expectTypeOf<InferRequestType<Containers[':id']['stop']['$post']>>()
    stop.toHaveProperty('param').toExtend<{ hostId: string; id: string }>()
    stop.toHaveProperty('query').toEqualTypeOf<{ t?: string | string[] }>()
  })

  it('refuses what the API does not have', () => {
    const call = (client: TypedClient) => {
      // @ts-expect-error: there is no such route
      const plugins = client.hosts[':hostId'].plugins
      // @ts-expect-error: a container is stopped with POST, never GET
      const stopByGet = client.hosts[':hostId'].containers[':id'].stop.$get
      void client.hosts[':hostId'].containers.$post({
        param: { hostId: 'local' },
        query: {},
        // @ts-expect-error: the image is a reference, not a number
        json: { image: 42 },
      })
      // @ts-expect-error: the host is part of the path
      void client.hosts[':hostId'].containers.$get({ query: {} })
      return [plugins, stopByGet] as unknown[]
    }
    expectTypeOf(call).toBeFunction()
  })

  describe('at run time, through the app', () => {
    const fast = startFastApp()

    it('gets exactly the contract: a summary per container, a user on sign-in', async () => {
      fast.fake.addContainer({ name: 'typed-web', labels: { tier: 'web' } })
      fast.fake.addContainer({ name: 'typed-db', state: 'exited' })
      fast.fake.emit({ type: 'container', action: 'create', actorId: fast.fake.containers[0]!.id })
      fast.fake.emit({ type: 'container', action: 'create', actorId: fast.fake.containers[1]!.id })
      const viewer = typedClient(await fast.as('viewer'))
      const stranger = typedClient(fast.client())

      const list = async () => {
        const res = await viewer.hosts[':hostId'].containers.$get({
          param: { hostId: 'local' },
          query: { all: 'true' },
        })
        return res.json()
      }
      const signIn = await stranger.auth.login.$post({
        json: { username: 'viewer', password: 'viewer-password-1' },
      })

      await expect.poll(async () => (await list()).length).toBe(2)
      for (const summary of await list()) containerSummarySchema.strict().parse(summary)
      expect((await list()).map((c) => [c.name, c.state])).toEqual([
        ['typed-db', 'exited'],
        ['typed-web', 'running'],
      ])
      expect(signIn.status).toBe(200)
      expect(authUserResponseSchema.strict().parse(await signIn.json()).user.role).toBe('viewer')
    })
  })
})

import { mkdtemp } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalRegistry, startRegistry, uniqueName } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseImageReference, RegistryClient, RegistryError } from '../src/index.ts'
import { pushIndex, pushManifest } from './push-manifest.ts'
import { startTokenFront } from './token-front.ts'

const login = { username: 'hm-user', password: 'hm-pass-1' }
const basic = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`

let registry: LocalRegistry
let baseUrl: string

beforeAll(async () => {
  // The real registry with htpasswd auth, on this namespace's loopback: the client is all we test.
  registry = await startRegistry({
    dir: await mkdtemp(join(tmpdir(), 'hm-reg-client-')),
    auth: login,
  })
  baseUrl = `http://${registry.address}`
})

afterAll(async () => {
  await registry.stop()
})

function imageOn(address: string, repository: string, tag: string) {
  return parseImageReference(`${address}/${repository}:${tag}`)
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof RegistryError))
    throw new Error(`expected a RegistryError, got ${String(error)}`)
  return error
}

describe('a registry with basic auth (htpasswd)', () => {
  it('answers the digest of the tag, and a new one once the tag moves', async () => {
    const repository = uniqueName('app')
    const client = new RegistryClient()
    const first = await pushManifest({
      baseUrl,
      repository,
      tag: '1',
      authorization: basic,
      marker: 'a',
    })
    const image = imageOn(registry.address, repository, '1')
    expect(await client.manifestDigest(image, login)).toEqual({
      digest: first,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    })
    const second = await pushManifest({
      baseUrl,
      repository,
      tag: '1',
      authorization: basic,
      marker: 'b',
    })
    expect(second).not.toBe(first)
    expect((await client.manifestDigest(image, login)).digest).toBe(second)
  })

  it('reads when a digest’s image was created, through an index to its linux/amd64 manifest', async () => {
    const repository = uniqueName('aged')
    const client = new RegistryClient()
    const created = '2026-11-30T08:15:00Z'
    const push = { baseUrl, repository, authorization: basic }
    const manifest = await pushManifest({
      ...push,
      tag: 'single',
      marker: 'aged',
      mediaType: 'oci',
      created,
    })
    const index = await pushIndex({ ...push, tag: 'multi', manifest })
    const image = imageOn(registry.address, repository, 'multi')
    expect(await client.imageCreated(image, manifest, login)).toBe(created)
    expect(await client.imageCreated(image, index, login)).toBe(created)
    const undated = await pushManifest({ ...push, tag: 'undated', marker: 'undated' })
    expect(await client.imageCreated(image, undated, login)).toBeUndefined()
  })

  it('answers OCI manifests too', async () => {
    const repository = uniqueName('oci')
    const pushed = await pushManifest({
      baseUrl,
      repository,
      tag: 'v2',
      authorization: basic,
      marker: 'oci',
      mediaType: 'oci',
    })
    const answer = await new RegistryClient().manifestDigest(
      imageOn(registry.address, repository, 'v2'),
      login,
    )
    expect(answer).toEqual({
      digest: pushed,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    })
  })

  it('says unauthorized without credentials or with a wrong password, and not-found for a missing tag', async () => {
    const repository = uniqueName('private')
    await pushManifest({ baseUrl, repository, tag: '1', authorization: basic, marker: 'p' })
    const client = new RegistryClient()
    const image = imageOn(registry.address, repository, '1')
    expect((await rejection(client.manifestDigest(image))).kind).toBe('unauthorized')
    const wrong = await rejection(client.manifestDigest(image, { ...login, password: 'nope' }))
    expect(wrong.kind).toBe('unauthorized')
    const missing = await rejection(
      client.manifestDigest(imageOn(registry.address, repository, '9'), login),
    )
    expect(missing.kind).toBe('not-found')
  })
})

describe("Docker's token flow", () => {
  it('fetches a token with basic credentials for the challenge scope, keeps it, and retries the HEAD', async () => {
    const repository = uniqueName('tok')
    const pushed = await pushManifest({
      baseUrl,
      repository,
      tag: '1',
      authorization: basic,
      marker: 't',
    })
    const front = await startTokenFront({
      upstream: baseUrl,
      upstreamAuthorization: basic,
      username: 'token-user',
      password: 'token-pass',
    })
    try {
      const host = new URL(front.baseUrl).host
      const client = new RegistryClient()
      const image = imageOn(host, repository, '1')
      const credentials = { username: 'token-user', password: 'token-pass' }
      expect((await client.manifestDigest(image, credentials)).digest).toBe(pushed)
      expect((await client.manifestDigest(image, credentials)).digest).toBe(pushed)
      expect(front.tokenRequests).toHaveLength(1)
      const query = new URLSearchParams(front.tokenRequests[0])
      expect(query.get('service')).toBe('hm-test')
      expect(query.get('scope')).toBe(`repository:${repository}:pull`)
      const refused = await rejection(
        new RegistryClient().manifestDigest(image, { ...credentials, password: 'wrong' }),
      )
      expect(refused.kind).toBe('unauthorized')
    } finally {
      await front.close()
    }
  })

  it('fetches an anonymous token when the token server allows it', async () => {
    const repository = uniqueName('anon')
    const pushed = await pushManifest({
      baseUrl,
      repository,
      tag: '1',
      authorization: basic,
      marker: 'n',
    })
    const front = await startTokenFront({
      upstream: baseUrl,
      upstreamAuthorization: basic,
      username: 'x',
      password: 'y',
      anonymous: true,
    })
    try {
      const image = imageOn(new URL(front.baseUrl).host, repository, '1')
      expect((await new RegistryClient().manifestDigest(image)).digest).toBe(pushed)
    } finally {
      await front.close()
    }
  })
})

describe('failures a user can act on', () => {
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
    const server = createServer(handler)
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve)
    })
    return [server, `127.0.0.1:${(server.address() as AddressInfo).port}`]
  }

  it('says rate-limited with the wait the registry asked for', async () => {
    const [server, host] = await serve((_request, response) => {
      response.writeHead(429, { 'retry-after': '30' }).end()
    })
    try {
      const error = await rejection(new RegistryClient().manifestDigest(imageOn(host, 'a/b', '1')))
      expect(error.kind).toBe('rate-limited')
      expect(error.retryAfterMs).toBe(30_000)
    } finally {
      server.close()
    }
  })

  it('times out on a registry that never answers, and says unreachable for a closed port', async () => {
    const [server, host] = await serve(() => {
      // Never answers.
    })
    try {
      const error = await rejection(
        new RegistryClient({ timeoutMs: 200 }).manifestDigest(imageOn(host, 'a/b', '1')),
      )
      expect(error.kind).toBe('timeout')
    } finally {
      server.closeAllConnections()
      server.close()
    }
    const closed = await rejection(new RegistryClient().manifestDigest(imageOn(host, 'a/b', '1')))
    expect(closed.kind).toBe('unreachable')
  })
})

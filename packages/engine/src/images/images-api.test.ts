import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { EngineStreamError } from '../errors.ts'
import { useFakeEngine } from '../fixtures/fake-engine.ts'
import { loadFixture } from '../fixtures/load-fixture.ts'
import type { ProgressEvent } from '../streams/progress.ts'
import { ImagesApi, namesTagOrDigest } from './images-api.ts'

const images = useFakeEngine((client) => new ImagesApi(client))

async function collect(events: AsyncGenerator<ProgressEvent>): Promise<ProgressEvent[]> {
  const seen: ProgressEvent[] = []
  for await (const event of events) seen.push(event)
  return seen
}

function decodeAuth(header: string | string[] | undefined): unknown {
  const text = String(header)
  expect(text.length % 4).toBe(0)
  expect(text).not.toMatch(/[+/]/)
  return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
}

describe('ImagesApi requests (fake engine: API 1.51 shapes cannot come from the engine here)', () => {
  it('asks for shared sizes only from API 1.42', async () => {
    const { api, requests } = await images('1.51', () => ({
      json: loadFixture('v1.51/images-list.json'),
    }))
    const [image] = await api.list({ all: true, sharedSize: true })
    expect(requests[0]?.query.get('shared-size')).toBe('true')
    expect(requests[0]?.query.get('all')).toBe('true')
    expect(image?.sharedSize).toBe(1239828)
  })

  it('drops Podman’s uncomputed SharedSize at 1.41', async () => {
    const { api, requests } = await images('1.41', () => ({
      json: loadFixture('podman-4.3/images-list.json'),
    }))
    const [image] = await api.list({ sharedSize: true })
    expect(requests[0]?.version).toBe('1.41')
    expect(requests[0]?.query.has('shared-size')).toBe(false)
    expect(image).not.toHaveProperty('sharedSize')
  })

  it('pulls one tag, with padded base64url credentials, and reads the progress', async () => {
    const lines = '{"status":"Pulling fs layer","id":"8ac8"}\n{"status":"Downloaded newer image"}\n'
    const { api, requests } = await images('1.41', () => ({ text: lines }))
    const auth = { username: 'ann', password: 'p?>~', serveraddress: 'registry.example.com:5000' }
    const events = await collect(await api.pull('busybox', { registryAuth: auth }))
    expect(events).toEqual([
      { status: 'Pulling fs layer', id: '8ac8' },
      { status: 'Downloaded newer image' },
    ])
    const [request] = requests
    expect(request?.path).toBe('/images/create')
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      fromImage: 'busybox',
      tag: 'latest',
    })
    expect(decodeAuth(request?.headers['x-registry-auth'])).toEqual(auth)
  })

  it('fails the generator on an errorDetail line although the status was 200', async () => {
    const lines =
      '{"status":"Pulling"}\n{"errorDetail":{"message":"manifest unknown"},"error":"x"}\n'
    const { api } = await images('1.41', () => ({ text: lines }))
    await expect(collect(await api.pull('busybox:1'))).rejects.toThrow(EngineStreamError)
  })

  it('pushes with an encoded empty auth when no credentials are given', async () => {
    const { api, requests } = await images('1.41', () => ({ text: '{"status":"pushed"}\n' }))
    await collect(await api.push('registry:5000/team/app', { tag: '1' }))
    expect(decodeURIComponent(requests[0]?.path ?? '')).toBe('/images/registry:5000/team/app/push')
    expect(requests[0]?.headers['x-registry-auth']).toBe('e30=')
  })

  it('builds with the classic builder and streams the tar context', async () => {
    const { api, requests } = await images('1.51', () => ({ text: '{"aux":{"ID":"sha256:1"}}\n' }))
    const events = await api.build(Readable.from([Buffer.from('tar-bytes')]), {
      tags: ['hm/app:1', 'hm/app:latest'],
      buildArgs: { GREETING: 'hi there' },
      labels: {},
      noCache: true,
      registryConfig: { 'https://index.docker.io/v1/': { username: 'u', password: 'p' } },
    })
    expect(await collect(events)).toEqual([{ aux: { ID: 'sha256:1' } }])
    const [request] = requests
    expect(request?.query.get('version')).toBe('1')
    expect(request?.query.getAll('t')).toEqual(['hm/app:1', 'hm/app:latest'])
    expect(request?.query.get('buildargs')).toBe('{"GREETING":"hi there"}')
    expect(request?.query.has('labels')).toBe(false)
    expect(request?.headers['content-type']).toBe('application/x-tar')
    expect(request?.body.toString()).toBe('tar-bytes')
    expect(decodeAuth(request?.headers['x-registry-config'])).toHaveProperty([
      'https://index.docker.io/v1/',
    ])
  })

  it('imports, loads and saves tarballs', async () => {
    const { api, requests } = await images('1.41', () => ({ text: '{"status":"sha256:37aa"}\n' }))
    await collect(await api.importTarball(Buffer.from('rootfs'), { repo: 'hm/imported', tag: '2' }))
    await collect(await api.load(Buffer.from('saved')))
    const tar = await api.save(['a:1', 'b:2'])
    tar.resume()
    const [imported, loaded, saved] = requests
    expect(Object.fromEntries(imported?.query ?? [])).toEqual({
      fromSrc: '-',
      repo: 'hm/imported',
      tag: '2',
    })
    expect(imported?.body.toString()).toBe('rootfs')
    expect(loaded?.query.get('quiet')).toBe('false')
    expect(saved?.query.getAll('names')).toEqual(['a:1', 'b:2'])
  })

  it('tags and removes', async () => {
    const { api, requests } = await images('1.41', (req) =>
      req.method === 'DELETE' ? { json: [{ Untagged: 'hm/a:1' }] } : { status: 201 },
    )
    await api.tag('hm/a:1', { repo: 'hm/b', tag: '2' })
    expect(await api.remove('hm/a:1', { force: true })).toEqual([{ untagged: 'hm/a:1' }])
    expect(Object.fromEntries(requests[0]?.query ?? [])).toEqual({ repo: 'hm/b', tag: '2' })
    expect(requests[1]?.query.get('force')).toBe('true')
  })
})

describe('namesTagOrDigest', () => {
  it('tells a registry port from a tag', () => {
    expect(namesTagOrDigest('busybox')).toBe(false)
    expect(namesTagOrDigest('localhost:5000/team/app')).toBe(false)
    expect(namesTagOrDigest('localhost:5000/team/app:1')).toBe(true)
    expect(namesTagOrDigest('busybox@sha256:abc')).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { defaultEndpoint, parseChallenge, parseImageReference } from '../src/index.ts'

describe('parseImageReference', () => {
  it('names Docker Hub images as Docker does', () => {
    expect(parseImageReference('nginx')).toEqual({
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: 'latest',
    })
    expect(parseImageReference('grafana/grafana:11.2')).toEqual({
      registry: 'docker.io',
      repository: 'grafana/grafana',
      tag: '11.2',
    })
    expect(parseImageReference('docker.io/nginx:1')).toMatchObject({ repository: 'library/nginx' })
    expect(defaultEndpoint('docker.io')).toBe('https://registry-1.docker.io')
  })

  it('reads registry hosts, ports, tags and digests', () => {
    const digest = `sha256:${'a'.repeat(64)}`
    expect(parseImageReference(`127.0.0.1:5000/hm/app:1@${digest}`)).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'hm/app',
      tag: '1',
      digest,
    })
    expect(parseImageReference('localhost/app')).toEqual({
      registry: 'localhost',
      repository: 'app',
      tag: 'latest',
    })
    expect(parseImageReference(`ghcr.io/o/app@${digest}`)).toEqual({
      registry: 'ghcr.io',
      repository: 'o/app',
      digest,
    })
    expect(defaultEndpoint('127.0.0.1:5000')).toBe('http://127.0.0.1:5000')
    expect(defaultEndpoint('ghcr.io')).toBe('https://ghcr.io')
    expect(() => parseImageReference('Bad/Name')).toThrow(/not an image name/)
  })
})

describe('parseChallenge', () => {
  it('reads a Bearer challenge', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/nginx:pull',
    })
    expect(parseChallenge('Basic realm="hm"')).toEqual({ scheme: 'basic', realm: 'hm' })
    expect(parseChallenge('Negotiate')).toBeUndefined()
  })
})

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { endpointFromEnv, parseEndpoint } from './endpoint.ts'

describe('engine addresses', () => {
  it('defaults to the local socket and reads DOCKER_HOST', () => {
    expect(endpointFromEnv({})).toEqual({ host: 'unix:///var/run/docker.sock' })
    expect(parseEndpoint({ host: 'unix:///run/user/1000/docker.sock' })).toMatchObject({
      kind: 'unix',
      socketPath: '/run/user/1000/docker.sock',
    })
  })

  it('parses tcp addresses with the conventional default ports and IPv6 literals', () => {
    expect(parseEndpoint({ host: 'tcp://10.0.0.2' })).toMatchObject({
      hostname: '10.0.0.2',
      port: 2375,
    })
    expect(parseEndpoint({ host: 'tcp://[::1]:2376', tls: {} })).toMatchObject({
      hostname: '::1',
      port: 2376,
    })
  })

  it('loads certificates from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-certs-'))
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, file), file)

    const endpoint = endpointFromEnv({
      DOCKER_HOST: 'tcp://h:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: dir,
    })
    rmSync(dir, { recursive: true })

    expect(endpoint.tls?.verify).toBe(true)
    expect(endpoint.tls?.ca?.toString()).toBe('ca.pem')
    expect(endpoint.tls?.key?.toString()).toBe('key.pem')
  })

  it('refuses schemes it cannot speak', () => {
    expect(() => parseEndpoint({ host: 'npipe:////./pipe/docker' })).toThrow(/Unsupported engine/)
    expect(() => parseEndpoint({ host: 'unix://relative.sock' })).toThrow(/Invalid unix socket/)
  })

  it('parses ssh addresses as the docker CLI does: a user required, port 22 by default', () => {
    expect(parseEndpoint({ host: 'ssh://deploy@build.example' })).toMatchObject({
      kind: 'ssh',
      username: 'deploy',
      hostname: 'build.example',
      port: 22,
    })
    expect(parseEndpoint({ host: 'ssh://root@[fd00::2]:2222' })).toMatchObject({
      hostname: 'fd00::2',
      port: 2222,
    })
    expect(() => parseEndpoint({ host: 'ssh://build.example' })).toThrow(/needs a user/)
    expect(() => parseEndpoint({ host: 'ssh://u@h/var/run/docker.sock' })).toThrow(/no path/)
  })
})

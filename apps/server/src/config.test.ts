import { makeCertificates, testEngine } from '@harbormaster/testkit'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:https'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'
import { parseDeclaredHosts } from './hosts/declared-hosts.ts'
import { type RunningServer, startServer } from './server.ts'

describe('configuration from the environment', () => {
  it('reads declared hosts: id=address, an optional TLS directory, commas or spaces between', () => {
    expect(
      parseDeclaredHosts(' prod=tcp://10.0.0.5:2376;tls=/certs/prod,  build=unix:///run/b.sock '),
    ).toEqual([
      { id: 'prod', address: 'tcp://10.0.0.5:2376', tlsDir: '/certs/prod' },
      { id: 'build', address: 'unix:///run/b.sock' },
    ])
    expect(parseDeclaredHosts('')).toEqual([])
  })

  it.each([
    ['prod', 'expected id=address'],
    ['Prod=tcp://h:2376', 'lower-case'],
    ['prod=http://h', 'expected unix:///path/to/socket, tcp://host:port or ssh://user@host[:port]'],
    ['a=tcp://h:1 a=tcp://h:2', 'the id appears twice'],
    ['a=tcp://h:1;verify=no', 'unknown option "verify=no"'],
  ])('refuses HARBORMASTER_HOSTS=%s, naming the entry', (value, problem) => {
    expect(() => loadConfig({ HARBORMASTER_HOSTS: value })).toThrow(problem)
    expect(() => loadConfig({ HARBORMASTER_HOSTS: value })).toThrow(/^Invalid configuration/)
  })

  it.each(['https://dash.example.com', '*.example.com', 'dash.example.com/path', 'dash:0'])(
    'refuses HARBORMASTER_ALLOWED_HOSTS=%s, naming the entry',
    (value) => {
      expect(() => loadConfig({ HARBORMASTER_ALLOWED_HOSTS: value })).toThrow(
        `Invalid configuration: HARBORMASTER_ALLOWED_HOSTS: "${value}" is not a host name`,
      )
    },
  )

  it('reads HARBORMASTER_ALLOWED_HOSTS: names with or without a port, commas or spaces', () => {
    const config = loadConfig({ HARBORMASTER_ALLOWED_HOSTS: ' NAS., dash.lan:8443  10.0.0.5 ' })
    expect(config.allowedHosts.entries).toEqual(['nas', 'dash.lan:8443', '10.0.0.5'])
  })

  it('wants the HTTPS certificate and key together, and readable', () => {
    expect(() => loadConfig({ HARBORMASTER_TLS_CERT: '/x.pem' })).toThrow('go together')
    expect(() =>
      loadConfig({ HARBORMASTER_TLS_CERT: '/nonexistent.pem', HARBORMASTER_TLS_KEY: '/k.pem' }),
    ).toThrow(/HARBORMASTER_TLS_CERT: ENOENT/)
  })

  it('reads DOCKER_API_VERSION as the CLI does: a pin for the local host, empty for none', () => {
    expect(loadConfig({ DOCKER_API_VERSION: '1.24' }).engineEnv.DOCKER_API_VERSION).toBe('1.24')
    expect(loadConfig({ DOCKER_API_VERSION: ' ' }).engineEnv.DOCKER_API_VERSION).toBeUndefined()
    expect(() => loadConfig({ DOCKER_API_VERSION: '1.9' })).toThrow(/DOCKER_API_VERSION/)
  })

  it('caps engine stats streams per host at 256 unless told otherwise', () => {
    expect(loadConfig({}).statsMaxStreams).toBe(256)
    expect(loadConfig({ HARBORMASTER_STATS_MAX_STREAMS: '1000' }).statsMaxStreams).toBe(1000)
    expect(() => loadConfig({ HARBORMASTER_STATS_MAX_STREAMS: '0' })).toThrow(
      /HARBORMASTER_STATS_MAX_STREAMS/,
    )
  })

  it('reads no import directory for stacks unless told, and only absolute ones', () => {
    expect(loadConfig({}).stackImportDirs).toEqual([])
    const dirs = loadConfig({ HARBORMASTER_STACK_IMPORT_DIRS: ' /srv/stacks/ , /opt/apps' })
    expect(dirs.stackImportDirs).toEqual(['/srv/stacks', '/opt/apps'])
    expect(() => loadConfig({ HARBORMASTER_STACK_IMPORT_DIRS: '/srv,stacks' })).toThrow(
      'Invalid configuration: HARBORMASTER_STACK_IMPORT_DIRS: "stacks" is not an absolute path',
    )
  })

  it('takes the data directory to be on a socket engine’s host unless told otherwise', () => {
    expect(loadConfig({}).dataDirOnEngineHost).toBe(true)
    expect(loadConfig({ HARBORMASTER_DATA_DIR_ON_ENGINE_HOST: 'false' }).dataDirOnEngineHost).toBe(
      false,
    )
    expect(() => loadConfig({ HARBORMASTER_DATA_DIR_ON_ENGINE_HOST: 'maybe' })).toThrow(
      /HARBORMASTER_DATA_DIR_ON_ENGINE_HOST/,
    )
  })

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({ HARBORMASTER_PORT: 'eighty', HARBORMASTER_LOG_LEVEL: 'loud' }),
    ).toThrow(/HARBORMASTER_PORT.*HARBORMASTER_LOG_LEVEL/)
  })
})

describe('a server started with HTTPS and declared hosts (real engine)', () => {
  const engine = testEngine()
  const dir = mkdtempSync(join(tmpdir(), 'hm-config-'))
  let server: RunningServer | undefined

  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves HTTPS with the given certificate and registers the declared hosts at start', async () => {
    const certs = await makeCertificates(join(dir, 'certs'), '127.0.0.1')
    const tls = engine.tls
    if (!tls) throw new Error('the shared test engine has no TLS listener')
    const config = loadConfig({
      HARBORMASTER_PORT: '0',
      HARBORMASTER_BIND: '127.0.0.1',
      HARBORMASTER_DATA_DIR: join(dir, 'data'),
      HARBORMASTER_TLS_CERT: certs.serverCertFile,
      HARBORMASTER_TLS_KEY: certs.serverKeyFile,
      HARBORMASTER_HOSTS: `sock=${engine.dockerHost} tls=${tls.dockerHost};tls=${tls.certPath}`,
      DOCKER_HOST: engine.dockerHost,
    })
    expect(config.publicOrigin).toMatch(/^https:/)
    expect(config.secureCookies).toBe(true)
    server = await startServer(config, pino({ level: 'silent' }))
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:/)

    const health = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${server?.url ?? ''}/api/health`,
        { ca: readFileSync(certs.caFile) },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString()))
          res.on('end', () => {
            resolve(body)
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    // Anonymous health says only ok (every host reachable); the hosts' own statuses say which.
    expect(JSON.parse(health)).toEqual({ status: 'ok' })
    const { hosts: registry } = server.services
    const hosts = await Promise.all(
      registry.ids().map((id) => registry.status(id) ?? Promise.resolve(undefined)),
    )
    expect(hosts.map((h) => `${h?.id ?? ''}:${String(h?.reachable)}`).sort()).toEqual([
      'local:true',
      'sock:true',
      'tls:true',
    ])
  })
})

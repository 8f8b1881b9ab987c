import { access, readFile } from 'node:fs/promises'
import { request } from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeLabelled } from './cleanup.ts'
import { docker } from './docker-cli.ts'
import { runCommand } from './exec.ts'
import { ensureFixtureImages, FIXTURE_IMAGE } from './fixture-images.ts'
import { testEngine } from './inject.ts'
import { newRunId, TEST_LABEL, uniqueName } from './labels.ts'
import { pingSocket } from './ping.ts'
import { startPrivateEngine, type PrivateEngine, type PrivateEngineTls } from './private-engine.ts'

/** GET /_ping over TLS, with or without the client certificate. */
async function tlsPing(tls: PrivateEngineTls, withClientCert: boolean): Promise<string> {
  const url = new URL(tls.dockerHost.replace('tcp://', 'https://'))
  const read = (file: string): Promise<Buffer> => readFile(`${tls.certPath}/${file}`)
  const ca = await read('ca.pem')
  const client = withClientCert ? { cert: await read('cert.pem'), key: await read('key.pem') } : {}
  return new Promise((resolve, reject) => {
    const options = {
      host: url.hostname,
      port: url.port,
      path: '/_ping',
      ca,
      ...client,
      agent: false,
    }
    const req = request(options, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => {
        resolve(body)
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')))
    req.end()
  })
}

const netnsExists = async (name: string): Promise<boolean> =>
  (await runCommand('ip', ['netns', 'list'])).stdout
    .split('\n')
    .some((l) => l.split(' ')[0] === name)

describe('a second private engine', () => {
  let engine: PrivateEngine
  const runId = newRunId()

  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'second', tls: true })
    await ensureFixtureImages(engine.dockerHost)
  })
  afterAll(async () => {
    await engine?.stop()
  })

  it('runs next to the shared engine and answers /_ping', async () => {
    expect(await pingSocket(testEngine().socketPath)).toBe('OK')
    expect(await pingSocket(engine.socketPath)).toBe('OK')
    expect(engine.socketPath).not.toBe(testEngine().socketPath)
    expect(engine.tls?.dockerHost).not.toBe(testEngine().tls?.dockerHost)
  })

  it('runs a labelled container from the fixture image', async () => {
    const args = ['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, FIXTURE_IMAGE, 'echo', 'hi']
    expect((await docker(engine.dockerHost, args)).stdout).toBe('hi\n')
  })

  it('accepts the client certificate over TLS and refuses a client without one', async () => {
    const tls = engine.tls
    if (tls === undefined) throw new Error('engine started without TLS')
    const version = await docker(tls.dockerHost, ['version', '-f', '{{.Server.APIVersion}}'], {
      tlsCertPath: tls.certPath,
    })
    expect(version.stdout.trim()).toBe('1.41')
    expect(await tlsPing(tls, true)).toBe('OK')
    // The server's TLS alert, not a timeout or a refused connection.
    await expect(tlsPing(tls, false)).rejects.toThrow(/certificate/i)
  })

  it('removeLabelled removes labelled objects and leaves the others', async () => {
    const [kept, removed] = [uniqueName('kept'), uniqueName('removed')]
    const create = (name: string, ...labels: string[]): Promise<unknown> =>
      docker(engine.dockerHost, ['create', '--name', name, ...labels, FIXTURE_IMAGE, 'sleep', '60'])
    await create(kept)
    await create(removed, '--label', `${TEST_LABEL}=${runId}`)
    await docker(engine.dockerHost, ['start', kept, removed])
    await docker(engine.dockerHost, [
      'volume',
      'create',
      '--label',
      `${TEST_LABEL}=${runId}`,
      removed,
    ])

    await removeLabelled(engine.dockerHost, runId)

    const names = await docker(engine.dockerHost, ['ps', '-a', '--format', '{{.Names}}'])
    expect(names.stdout.split('\n')).toContain(kept)
    expect(names.stdout.split('\n')).not.toContain(removed)
    const volumes = await docker(engine.dockerHost, ['volume', 'ls', '-q'])
    expect(volumes.stdout.split('\n')).not.toContain(removed)
    const images = await docker(engine.dockerHost, ['image', 'ls', '-q', FIXTURE_IMAGE])
    expect(images.stdout.trim()).not.toBe('')
  })

  it('stop() removes the socket, namespace and state dir, and can be called again', async () => {
    expect(await netnsExists(engine.netns)).toBe(true)
    await engine.stop()
    await expect(access(engine.socketPath)).rejects.toThrow()
    await expect(access(engine.stateDir)).rejects.toThrow()
    expect(await netnsExists(engine.netns)).toBe(false)
    await engine.stop()
    expect(await pingSocket(testEngine().socketPath)).toBe('OK')
  })
})

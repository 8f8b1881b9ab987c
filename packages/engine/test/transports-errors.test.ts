import { describe, expect, it } from 'vitest'
import {
  EngineTimeoutError,
  EngineUnreachableError,
  createEngine,
  endpointFromEnv,
  readCertDir,
} from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

describe('TLS transport against a dockerd started with --tlsverify', () => {
  const { info } = useTestEngine()
  // The shared private engine always listens with TLS; an external engine given through
  // HARBORMASTER_TEST_DOCKER_HOST has no such listener, and these tests then fail rather than skip.
  const tlsInfo = () => {
    expect(
      info.tls,
      'TLS tests need the private test engine (unset HARBORMASTER_TEST_DOCKER_HOST)',
    ).toBeDefined()
    return info.tls!
  }

  it('connects with the client certificate from DOCKER_CERT_PATH', async () => {
    const tls = tlsInfo()
    const endpoint = endpointFromEnv({
      DOCKER_HOST: tls.dockerHost,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: tls.certPath,
    })
    const engine = createEngine(endpoint)

    const identity = await engine.connect()
    const version = await engine.system.version()

    expect(identity.flavour).toBe('docker')
    expect(version.apiVersion).toBe(identity.engineApiVersion)
    engine.close()
  })

  it('is refused without a client certificate', async () => {
    const tls = tlsInfo()
    const { ca } = readCertDir(tls.certPath)
    const engine = createEngine({ host: tls.dockerHost, tls: { ca, verify: true } })

    await expect(engine.connect()).rejects.toBeInstanceOf(EngineUnreachableError)
    engine.close()
  })

  it('refuses an engine whose certificate the CA did not sign', async () => {
    const tls = tlsInfo()
    const { cert, key } = readCertDir(tls.certPath)
    // The client's own certificate is not a CA for the server's: verification must fail.
    const engine = createEngine({
      host: tls.dockerHost,
      tls: { ca: cert, cert, key, verify: true },
    })

    await expect(engine.connect()).rejects.toBeInstanceOf(EngineUnreachableError)
    engine.close()
  })
})

describe('errors and cancellation', () => {
  const { engine, run } = useTestEngine()

  it('reports a missing socket as an unreachable engine naming the address', async () => {
    const gone = createEngine({ host: 'unix:///tmp/hm-no-such-engine.sock' })

    const attempt = gone.containers.list()

    await expect(attempt).rejects.toBeInstanceOf(EngineUnreachableError)
    await expect(attempt).rejects.toThrow(/unix:\/\/\/tmp\/hm-no-such-engine\.sock.*ENOENT/)
  })

  it('cancels a call through its AbortSignal with the caller reason', async () => {
    const { id } = await run()
    const controller = new AbortController()

    const waiting = engine.containers.wait(id, { signal: controller.signal })
    controller.abort(new Error('user went away'))

    await expect(waiting).rejects.toThrow('user went away')
    expect((await engine.containers.inspect(id)).state.running).toBe(true)
  })

  it('turns a missed deadline into a timeout error', async () => {
    const { id } = await run()

    // Stop waits for the grace period (5 s) before it answers: a 300 ms deadline must fire.
    const stopping = engine.containers.stop(id, { timeoutSeconds: 5, timeoutMs: 300 })

    await expect(stopping).rejects.toBeInstanceOf(EngineTimeoutError)
  })
})

import { type TestSshd, docker, startSshd, uniqueName } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Engine,
  type EngineSsh,
  SshError,
  SshHostKeyChangedError,
  SshHostKeyUnknownError,
  createEngine,
  toFrames,
} from '../src/index.ts'
import { collectFrames, readUntil, useTestEngine } from './engine-fixture.ts'

/**
 * The docker CLI's ssh:// reach against Debian's sshd in the shared engine's namespace, whose
 * `docker system dial-stdio` talks to that engine (docs/engine.md#ssh).
 */
describe('SSH transport', () => {
  const { info, labels } = useTestEngine()
  let sshd: TestSshd
  const engines: Engine[] = []

  beforeAll(async () => {
    expect(info.netns, 'SSH tests need the private test engine').toBeDefined()
    const listenAddress = new URL(info.tls!.dockerHost.replace('tcp:', 'http:')).hostname
    sshd = await startSshd({ netns: info.netns!, listenAddress, dockerHost: info.dockerHost })
  })
  afterAll(async () => {
    for (const engine of engines) engine.close()
    await sshd.stop()
  })

  const sshEngine = (ssh: Partial<EngineSsh> = {}) => {
    const engine = createEngine({
      host: sshd.address,
      ssh: { ...sshd.ed25519, hostKey: sshd.hostKeyFingerprint, ...ssh },
    })
    engines.push(engine)
    return engine
  }

  it('pings, lists, runs and reads logs over one SSH connection with an ed25519 key', async () => {
    const engine = sshEngine()
    const name = uniqueName('ssh')

    const identity = await engine.connect()
    const { id } = await engine.containers.create({
      image: info.fixtureImage,
      cmd: ['sh', '-c', 'echo over-ssh; sleep 300'],
      name,
      labels,
    })
    await engine.containers.start(id)
    const listed = await engine.containers.list({ all: true })

    expect(identity.flavour).toBe('docker')
    expect(listed.map((c) => c.id)).toContain(id)
    await expect
      .poll(async () => {
        const frames = await collectFrames(await engine.containerStreams.logs(id))
        return frames.map((f) => f.data.toString()).join('')
      })
      .toBe('over-ssh\n')
  })

  it('runs exec over a hijacked channel, half-close included, with a passphrase-protected RSA key', async () => {
    const engine = sshEngine(sshd.rsa)
    const { id } = await engine.containers.create({
      image: info.fixtureImage,
      cmd: ['sleep', '300'],
      name: uniqueName('ssh'),
      labels,
    })
    await engine.containers.start(id)
    const execId = await engine.exec.create(id, { cmd: ['cat'], stdin: true })

    const { socket, tty } = await engine.exec.start(execId)
    socket.end('hello over ssh\n')
    const frames = await collectFrames(toFrames(socket, tty))

    expect(frames.map((f) => f.data.toString()).join('')).toBe('hello over ssh\n')
    expect((await engine.exec.inspect(execId)).exitCode).toBe(0)
  })

  it('streams events and stats, reads a file and pulls with progress over SSH', async () => {
    const engine = sshEngine()
    const name = uniqueName('ssh')
    const controller = new AbortController()
    const events = engine.events.subscribe({
      signal: controller.signal,
      filters: { type: ['container'], container: [name] },
    })
    const started = (async () => {
      for await (const event of events) if (event.action === 'start') return event
      return undefined
    })()

    const { id } = await engine.containers.create({
      image: info.fixtureImage,
      cmd: ['sh', '-c', 'echo ssh-file > /tmp/f; sleep 300'],
      name,
      labels,
    })
    await engine.containers.start(id)
    expect((await started)?.attributes.name).toBe(name)
    controller.abort()
    const samples = await engine.stats.stream(id)
    for await (const sample of samples) {
      expect(sample.memoryUsed).toBeGreaterThan(0)
      break
    }
    await expect
      .poll(async () => {
        const file = await engine.archive.readFile(id, '/tmp/f', { maxBytes: 1024 })
        return file.content?.toString()
      })
      .toBe('ssh-file\n')

    const image = `${info.registry!}/${uniqueName('ssh-pull')}:v1`
    await docker(info.dockerHost, ['tag', info.fixtureImage, image])
    await docker(info.dockerHost, ['push', image])
    await docker(info.dockerHost, ['rmi', image])
    const progress = []
    for await (const line of await engine.images.pull(image)) progress.push(line.status ?? '')
    await docker(info.dockerHost, ['rmi', image])
    expect(progress.at(-1)).toMatch(/^Status: /)
  })

  it('holds more streams than sshd allows sessions per connection (10) by adding connections', async () => {
    const engine = sshEngine()
    const { id } = await engine.containers.create({
      image: info.fixtureImage,
      cmd: ['sh', '-c', 'echo ready; sleep 300'],
      name: uniqueName('ssh'),
      labels,
    })
    await engine.containers.start(id)

    const streams = await Promise.all(
      Array.from({ length: 14 }, () => engine.containerStreams.logs(id, { follow: true })),
    )
    const firsts = await Promise.all(
      streams.map((stream) => readUntil(stream, (t) => t.includes('ready'))),
    )

    expect(firsts).toHaveLength(14)
    for (const stream of streams) stream.destroy()
  })

  it('reports an unknown host key with the fingerprint the server offered', async () => {
    const engine = sshEngine({ hostKey: undefined })

    const attempt = engine.connect()

    await expect(attempt).rejects.toBeInstanceOf(SshHostKeyUnknownError)
    await expect(attempt).rejects.toMatchObject({ offered: sshd.hostKeyFingerprint })
  })

  it('refuses a server whose host key is not the pinned one, loudly', async () => {
    const pinned = 'SHA256:' + 'A'.repeat(43)
    const engine = sshEngine({ hostKey: pinned })

    const attempt = engine.connect()

    await expect(attempt).rejects.toBeInstanceOf(SshHostKeyChangedError)
    await expect(attempt).rejects.toThrow(/HAS CHANGED.*expected SHA256:A+, the server offered/)
  })

  it('says the server refused a key it does not know', async () => {
    const engine = sshEngine(sshd.stranger)

    await expect(engine.connect()).rejects.toMatchObject({ reason: 'auth-refused' })
  })

  it('says the private key cannot be used with a wrong passphrase', async () => {
    const engine = sshEngine({ ...sshd.rsa, passphrase: 'wrong' })

    await expect(engine.connect()).rejects.toMatchObject({ reason: 'bad-private-key' })
  })

  it('says the remote has no docker CLI', async () => {
    const engine = sshEngine(sshd.noDocker)

    const attempt = engine.connect()

    await expect(attempt).rejects.toBeInstanceOf(SshError)
    await expect(attempt).rejects.toMatchObject({ reason: 'no-docker-cli' })
  })

  it('says a closed port is refused', async () => {
    const url = new URL(sshd.address)
    const engine = createEngine({
      host: `ssh://root@${url.hostname}:1`,
      ssh: { ...sshd.ed25519, hostKey: sshd.hostKeyFingerprint },
    })
    engines.push(engine)

    await expect(engine.connect()).rejects.toThrow(/ECONNREFUSED/)
  })

  it('reconnects when sshd drops the connection', async () => {
    const engine = sshEngine()
    await engine.connect()
    expect((await engine.system.version()).apiVersion).toBeTruthy()

    await sshd.dropConnections()

    // The pooled channel and its SSH connection are gone; a read dials anew, even one that
    // took the dying channel from the pool before its close arrived (it is sent once more).
    expect((await engine.system.version()).apiVersion).toBeTruthy()
    const listed = await engine.containers.list()
    expect(Array.isArray(listed)).toBe(true)
  })
})

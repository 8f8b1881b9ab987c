import { docker, scaled, pruneWhenFree } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { EngineConflictError, EngineNotFoundError } from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

describe('containers against a real engine', () => {
  const { engine, info, labels, run, runId } = useTestEngine()

  it('creates, starts, inspects, stops and removes a container', async () => {
    const { id, name } = await run({ env: ['GREETING=hi'], ports: [{ containerPort: 80 }] })

    const running = await engine.containers.inspect(id)
    expect(running.name).toBe(name)
    expect(running.state.status).toBe('running')
    expect(running.state.running).toBe(true)
    expect(running.config.env).toContain('GREETING=hi')
    expect(running.config.labels).toMatchObject(labels)
    expect(running.config.exposedPorts).toEqual(['80/tcp'])

    await engine.containers.stop(id, { timeoutSeconds: 1 })
    const stopped = await engine.containers.inspect(id)
    expect(stopped.state.status).toBe('exited')
    expect(stopped.state.finishedAt).toBeDefined()

    await engine.containers.remove(id)
    await expect(engine.containers.inspect(id)).rejects.toBeInstanceOf(EngineNotFoundError)
  })

  it('lists containers with filters and shows the CLI state words', async () => {
    const a = await run()
    const b = await run({ start: false })

    const all = await engine.containers.list({
      all: true,
      filters: { label: [`${Object.keys(labels)[0]}=${runId}`] },
    })
    const byId = new Map(all.map((c) => [c.id, c]))
    expect(byId.get(a.id)).toMatchObject({
      name: a.name,
      state: 'running',
      image: info.fixtureImage,
    })
    expect(byId.get(a.id)?.status).toMatch(/^Up /)
    expect(byId.get(b.id)).toMatchObject({ name: b.name, state: 'created' })

    const runningOnly = await engine.containers.list({ filters: { id: [a.id, b.id] } })
    expect(runningOnly.map((c) => c.id)).toEqual([a.id])
  })

  it('publishes a port and reports it in the list and in inspect', async () => {
    const { id } = await run({ ports: [{ containerPort: 8080, hostPort: 0 }] })

    const [row] = await engine.containers.list({ filters: { id: [id] } })
    const published = row?.ports.find((p) => p.publicPort !== undefined)
    expect(published).toMatchObject({ privatePort: 8080, type: 'tcp' })
    expect(published?.publicPort).toBeGreaterThan(0)
    const details = await engine.containers.inspect(id)
    expect(details.ports.some((p) => p.privatePort === 8080 && (p.publicPort ?? 0) > 0)).toBe(true)
  })

  it('pauses, unpauses, restarts, renames, updates and kills with a signal', async () => {
    const { id } = await run({ restartPolicy: { name: 'no' } })

    await engine.containers.pause(id)
    expect((await engine.containers.inspect(id)).state.status).toBe('paused')
    await engine.containers.unpause(id)
    expect((await engine.containers.inspect(id)).state.status).toBe('running')

    const before = (await engine.containers.inspect(id)).state.startedAt
    await engine.containers.restart(id, { timeoutSeconds: 0 })
    expect((await engine.containers.inspect(id)).state.startedAt).not.toBe(before)

    const renamed = `${(await engine.containers.inspect(id)).name}-renamed`
    await engine.containers.rename(id, renamed)
    expect((await engine.containers.inspect(id)).name).toBe(renamed)

    await engine.containers.update(id, {
      memoryBytes: 64 * 1024 * 1024,
      memorySwapBytes: 128 * 1024 * 1024,
      restartPolicy: { name: 'on-failure', maximumRetryCount: 2 },
    })
    const updated = await engine.containers.inspect(id)
    expect(updated.hostConfig.memoryBytes).toBe(64 * 1024 * 1024)
    expect(updated.hostConfig.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 2 })

    const victim = await run()
    await engine.containers.kill(victim.id, { killSignal: 'SIGKILL' })
    const killed = await engine.containers.inspect(victim.id)
    expect(killed.state.running).toBe(false)
    expect(killed.state.exitCode).toBe(137)
  })

  it('reports processes, filesystem changes and the exit code a wait returns', async () => {
    const { id } = await run({ cmd: ['sh', '-c', 'touch /tmp/made-here; sleep 300'] })

    // Right after start the shell may not have reached `sleep` yet: ask until it has.
    const sleeping = async () => {
      const top = await engine.containers.top(id)
      return top.processes.some((p) => p.join(' ').includes('sleep 300')) ? top : undefined
    }
    await expect.poll(sleeping, { timeout: scaled(5000) }).toBeDefined()
    const top = await engine.containers.top(id)
    expect(top.titles).toContain('PID')
    expect(top.processes.some((p) => p.join(' ').includes('sleep 300'))).toBe(true)
    await expect
      .poll(() => engine.containers.changes(id))
      .toContainEqual({ path: '/tmp/made-here', kind: 'added' })

    const short = await run({ cmd: ['sh', '-c', 'exit 3'] })
    expect(await engine.containers.wait(short.id)).toEqual({ exitCode: 3 })
  })

  it('keeps the engine status and message: 404 unknown, 409 name in use', async () => {
    const missing = engine.containers.inspect('hm-no-such-container')
    await expect(missing).rejects.toBeInstanceOf(EngineNotFoundError)
    await expect(missing).rejects.toMatchObject({
      status: 404,
      message: expect.stringMatching(/no such container/i),
    })

    const { name } = await run({ start: false })
    const clash = engine.containers.create({ image: info.fixtureImage, name, labels })
    await expect(clash).rejects.toBeInstanceOf(EngineConflictError)
    await expect(clash).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('already in use'),
    })
  })

  it('takes the 304 of a start of a running or a stop of a stopped container as done', async () => {
    const { id } = await run()

    await engine.containers.start(id)
    expect((await engine.containers.inspect(id)).state.status).toBe('running')
    await engine.containers.stop(id, { timeoutSeconds: 0 })
    await engine.containers.stop(id, { timeoutSeconds: 0 })
    expect((await engine.containers.inspect(id)).state.status).toBe('exited')
  })

  it('prunes only the stopped containers it is told to by label', async () => {
    const stopped = await run({ cmd: ['true'] })
    await engine.containers.wait(stopped.id)
    const running = await run()

    const result = await pruneWhenFree(() =>
      engine.containers.prune({ filters: { label: [`harbormaster.test-run=${runId}`] } }),
    )

    expect(result.deleted).toContain(stopped.id)
    expect(result.deleted).not.toContain(running.id)
    const { stdout } = await docker(info.dockerHost, [
      'ps',
      '-aq',
      '--no-trunc',
      '--filter',
      `id=${stopped.id}`,
    ])
    expect(stdout.trim()).toBe('')
  })
})

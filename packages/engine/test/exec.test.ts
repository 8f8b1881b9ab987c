import { describe, expect, it } from 'vitest'
import { toFrames } from '../src/index.ts'
import { collectFrames, readUntil, useTestEngine } from './engine-fixture.ts'

describe('exec against a real engine', () => {
  const { engine, run } = useTestEngine()

  it('runs an interactive shell with a TTY, resizes it and reports the exit code', async () => {
    const { id } = await run()
    const execId = await engine.exec.create(id, {
      cmd: ['/bin/sh'],
      tty: true,
      stdin: true,
      env: ['TERM=xterm-256color'],
    })
    const { socket } = await engine.exec.start(execId, { tty: true })

    socket.write('echo h""i\n')
    await readUntil(socket, (text) => text.includes('hi\r\n'))

    await engine.exec.resize(execId, { rows: 33, cols: 101 })
    socket.write('stty size\n')
    await readUntil(socket, (text) => text.includes('33 101'))

    socket.write('exit 5\n')
    socket.resume()
    await new Promise((resolve) => socket.once('close', resolve))
    await expect.poll(async () => (await engine.exec.inspect(execId)).exitCode).toBe(5)
  })

  it('tells stdout from stderr without a TTY', async () => {
    const { id } = await run()
    const execId = await engine.exec.create(id, {
      cmd: ['sh', '-c', 'echo to-out; echo to-err >&2; exit 7'],
    })
    const { socket, tty } = await engine.exec.start(execId)

    const frames = await collectFrames(toFrames(socket, tty))

    const text = (stream: string) =>
      frames
        .filter((f: { stream: string }) => f.stream === stream)
        .map((f: { data: Buffer }) => f.data.toString())
        .join('')
    expect(text('stdout')).toBe('to-out\n')
    expect(text('stderr')).toBe('to-err\n')
    const details = await engine.exec.inspect(execId)
    expect(details).toMatchObject({ running: false, exitCode: 7, containerId: id, tty: false })
  })

  it('sends EOF with a half-close so a reader of stdin finishes', async () => {
    const { id } = await run()
    const execId = await engine.exec.create(id, { cmd: ['cat'], stdin: true })
    const { socket, tty } = await engine.exec.start(execId)

    socket.end('line1\n')
    const frames = await collectFrames(toFrames(socket, tty))

    expect(frames.map((f: { data: Buffer }) => f.data.toString()).join('')).toBe('line1\n')
    expect((await engine.exec.inspect(execId)).exitCode).toBe(0)
  })

  it('is refused with 409 in a stopped container', async () => {
    const { id } = await run({ start: false })

    await expect(engine.exec.create(id, { cmd: ['true'] })).rejects.toMatchObject({ status: 409 })
  })
})

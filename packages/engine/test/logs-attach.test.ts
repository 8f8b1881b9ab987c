import { describe, expect, it } from 'vitest'
import { type StdioFrame, toFrames } from '../src/index.ts'
import { collectFrames, readUntil, useTestEngine } from './engine-fixture.ts'

const textOf = (frames: StdioFrame[], stream: StdioFrame['stream']) =>
  frames
    .filter((f) => f.stream === stream)
    .map((f) => f.data.toString())
    .join('')

describe('logs and attach against a real engine', () => {
  const { engine, run } = useTestEngine()

  it('demultiplexes stdout and stderr and honours tail', async () => {
    const { id } = await run({
      cmd: ['sh', '-c', 'echo out-1; echo err-1 >&2; sleep 0.2; echo out-2; sleep 300'],
    })
    await expect
      .poll(async () =>
        textOf(await collectFrames(await engine.containerStreams.logs(id)), 'stdout'),
      )
      .toBe('out-1\nout-2\n')

    const frames: StdioFrame[] = await collectFrames(await engine.containerStreams.logs(id))
    expect(textOf(frames, 'stderr')).toBe('err-1\n')
    const tail: StdioFrame[] = await collectFrames(
      await engine.containerStreams.logs(id, { tail: 1 }),
    )
    expect(tail.map((f) => f.data.toString())).toEqual(['out-2\n'])
  })

  it('follows new lines as they are written, and stops when destroyed', async () => {
    const { id } = await run({
      cmd: ['sh', '-c', 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done'],
    })

    const follow = await engine.containerStreams.logs(id, {
      follow: true,
      tail: 0,
      timestamps: true,
    })
    const text = await readUntil(follow, (t) => /tick-\d+\n[\s\S]*tick-\d+\n/.test(t), 5000)
    follow.destroy()

    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z tick-\d+\n/)
  })

  it('reads a TTY container log as raw bytes', async () => {
    const { id } = await run({
      tty: true,
      cmd: ['sh', '-c', 'echo raw-out; echo raw-err >&2; sleep 300'],
    })

    await expect
      .poll(async () =>
        textOf(await collectFrames(await engine.containerStreams.logs(id)), 'stdout'),
      )
      .toBe('raw-out\r\nraw-err\r\n')
  })

  it('attaches to the main process with stdin', async () => {
    const { id } = await run({ cmd: ['cat'], openStdin: true })

    const { socket, tty } = await engine.containerStreams.attach(id, { stdin: true })
    expect(tty).toBe(false)
    socket.write('through-attach\n')
    await readUntil(toFrames(socket, tty), (t) => t.includes('through-attach\n'))
    socket.destroy()
  })
})

import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { type Socket, connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LogLine, LogsServerMessage } from '@harbormaster/contract'
import { docker, scaled, testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { type LiveClient, openLive } from '../../test/live-client.ts'

/** One connection from the server to the engine, seen by the proxy in between. */
interface EngineConnection {
  paths: string[]
  bytesFromEngine: number
  open: boolean
}

/**
 * A unix socket proxy in front of the test engine that records every connection the server
 * opens, the requests on it and the bytes the engine sent: so the tests see the engine's side of
 * a log stream (paused, ended) without trusting the code under test. It can also hold the
 * engine's answer to a log request, as engines that send headers with the first line do.
 */
function engineProxy(target: string) {
  const dockerHost = `unix://${join(tmpdir(), `hm-logs-${randomBytes(4).toString('hex')}.sock`)}`
  const connections: EngineConnection[] = []
  /** Containers whose log requests the engine answers a second late. */
  const answerLate = new Set<string>()
  const open = new Set<Socket>()
  const server = createServer((client: Socket) => {
    const conn: EngineConnection = { paths: [], bytesFromEngine: 0, open: true }
    connections.push(conn)
    const engine = connect(target)
    open.add(client)
    client.on('data', (data: Buffer) => {
      for (const m of data.toString('latin1').matchAll(/^[A-Z]+ (\S+) HTTP\/1\.1\r$/gm)) {
        conn.paths.push(m[1]!)
        if ([...answerLate].some((id) => m[1]!.includes(`/containers/${id}/logs`))) {
          engine.pause()
          setTimeout(() => engine.resume(), 1000)
        }
      }
    })
    client.pipe(engine)
    engine.on('data', (data: Buffer) => {
      conn.bytesFromEngine += data.length
      if (client.write(data)) return
      engine.pause()
      client.once('drain', () => engine.resume())
    })
    const end = () => {
      open.delete(client)
      conn.open = false
      client.destroy()
      engine.destroy()
    }
    client.once('close', end).once('error', end)
    engine.once('close', end).once('error', end)
  })
  const logStreamsOf = (id: string) =>
    connections.filter((c) => c.paths.some((p) => p.includes(`/containers/${id}/logs`)))
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy()
      server.close(() => {
        resolve()
      })
    })
  return { dockerHost, server, logStreamsOf, answerLate, close }
}

/** Asks `check` until it holds; the deadline is `scaled`. */
async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + scaled(timeoutMs)
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${scaled(timeoutMs)} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const base = '/api/hosts/local/containers'

/** Every line received, with the pieces of a line sent early (`partial`) joined again. */
function received(live: LiveClient): LogLine[] {
  const out: LogLine[] = []
  const open = new Map<string, LogLine>()
  for (const message of live.messages as LogsServerMessage[]) {
    if (message.type !== 'lines') continue
    for (const line of message.lines) {
      const start = open.get(line.stream)
      const text = (start?.text ?? '') + line.text
      if (line.partial) open.set(line.stream, { stream: line.stream, text })
      else {
        open.delete(line.stream)
        out.push({ stream: line.stream, text })
      }
    }
  }
  return out
}
const texts = (live: LiveClient) => received(live).map((l) => l.text)
const ended = (live: LiveClient) =>
  (live.messages as LogsServerMessage[]).some((m) => m.type === 'end')

describe('container logs over a WebSocket, against a real engine', () => {
  const proxy = engineProxy(testEngine().socketPath)
  beforeAll(async () => {
    await new Promise<void>((resolve) => proxy.server.listen(proxy.dockerHost.slice(7), resolve))
  })
  // Registered before the harness, so it runs after the harness has cleaned up through it.
  afterAll(proxy.close)
  const h = startHarness({ dockerHost: () => proxy.dockerHost })

  async function run(script: string, flags: string[] = []) {
    const name = h.uniqueName('logs')
    const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    const args = ['run', '-d', '--name', name, ...labels, ...flags, h.fixtureImage]
    const { stdout } = await docker(h.dockerHost, [...args, 'sh', '-c', script])
    return { name, id: stdout.trim() }
  }
  const finished = async (script: string, flags: string[] = []) => {
    const container = await run(script, flags)
    await docker(h.dockerHost, ['wait', container.name])
    return container
  }
  /**
   * A container that writes `out-1`, `err-1` (stderr), `out-2`, then `rest`, and exits. The
   * engine reads stdout and stderr apart and logs each line when it reads it, so lines written
   * close together can be logged in either order on a busy host: each line here is written only
   * once the engine has logged the one before.
   */
  const finishedInOrder = async (rest = '') => {
    const step = (flag: string) => `until [ -e /tmp/${flag} ]; do sleep 0.05; done`
    const container = await run(
      `echo out-1; ${step('2')}; echo err-1 >&2; ${step('3')}; echo out-2${rest}`,
    )
    const logged = async (text: string) => {
      const { stdout, stderr } = await docker(h.dockerHost, ['logs', container.name])
      return `${stdout}${stderr}`.includes(text)
    }
    for (const [line, flag] of [
      ['out-1', '2'],
      ['err-1', '3'],
    ] as const) {
      await until(() => logged(line), 10_000, `${line} logged`)
      await docker(h.dockerHost, ['exec', container.name, 'touch', `/tmp/${flag}`])
    }
    await docker(h.dockerHost, ['wait', container.name])
    return container
  }
  const logs = async (client: ApiClient, name: string, query = '') =>
    openLive(client, `${base}/${name}/logs${query}`)

  it('tells stdout from stderr, batches lines, then sends end and closes with 1000', async () => {
    const viewer = await h.as('viewer')
    const { name } = await finishedInOrder('; seq 1 2000')
    const live = await logs(viewer, name, '?follow=false&tail=all')
    expect(await live.closed).toMatchObject({ code: 1000 })
    expect(received(live).slice(0, 3)).toEqual([
      { stream: 'stdout', text: 'out-1' },
      { stream: 'stderr', text: 'err-1' },
      { stream: 'stdout', text: 'out-2' },
    ])
    expect(texts(live)).toHaveLength(2003)
    expect(texts(live).at(-1)).toBe('2000')
    // 2003 engine frames, a handful of messages.
    const batches = live.messages.filter((m) => (m as LogsServerMessage).type === 'lines')
    expect(batches.length).toBeLessThan(50)
    expect(live.messages.at(-1)).toEqual({ type: 'end' })
  })

  it('follows: each new line arrives within a second, and the end comes when the container stops', async () => {
    const viewer = await h.as('viewer')
    const { name } = await run('i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.2; done')
    const live = await logs(viewer, name, '?tail=0')
    for (let seen = 1; seen <= 4; seen++) {
      await live.waitFor((l) => received(l).length >= seen, 1000)
    }
    expect(texts(live)[0]).toMatch(/^tick \d+$/)
    await docker(h.dockerHost, ['kill', name])
    expect(await live.closed).toMatchObject({ code: 1000 })
    expect(ended(live)).toBe(true)
  })

  it('sends the last N lines, and timestamps that resume exactly as since', async () => {
    const viewer = await h.as('viewer')
    const { name } = await finished('i=1; while [ $i -le 50 ]; do echo "line $i"; i=$((i+1)); done')

    const tail = await logs(viewer, name, '?follow=false&tail=5')
    await tail.closed
    expect(texts(tail)).toEqual(['line 46', 'line 47', 'line 48', 'line 49', 'line 50'])

    const stamped = await logs(viewer, name, '?follow=false&tail=all&timestamps=true')
    await stamped.closed
    const lines = texts(stamped)
    expect(lines).toHaveLength(50)
    for (const line of lines)
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line \d+$/)
    const since = lines[29]!.split(' ')[0]!
    const resumed = await logs(viewer, name, `?follow=false&since=${encodeURIComponent(since)}`)
    await resumed.closed
    expect(texts(resumed)).toContain('line 30')
    expect(texts(resumed)).not.toContain('line 29')
    expect(texts(resumed).at(-1)).toBe('line 50')
  })

  it("reads a TTY container's raw output as stdout lines without the \\r", async () => {
    const viewer = await h.as('viewer')
    const { name } = await finished('echo tty-1; echo tty-2 >&2', ['-t'])
    const live = await logs(viewer, name, '?follow=false')
    await live.closed
    expect(received(live)).toEqual([
      { stream: 'stdout', text: 'tty-1' },
      { stream: 'stdout', text: 'tty-2' },
    ])
  })

  it('decodes a multi-byte character the engine split across two frames', async () => {
    const viewer = await h.as('viewer')
    // The `local` log driver keeps bytes and cuts long lines at 16 KiB, here inside a "€"
    // (json-file would itself replace the halves with U+FFFD when it stores them).
    const { id, name } = await finished(
      "printf ab; yes € | head -n 10000 | tr -d '\\n'; echo; echo after",
      ['--log-driver', 'local'],
    )
    const frames = await rawFrames(testEngine().socketPath, id)
    expect(frames.length).toBeGreaterThan(2)
    expect(frames[0]!.toString('utf8')).toContain('\uFFFD') // the precondition: a split
    const live = await logs(viewer, name, '?follow=false')
    await live.closed
    // Joined without line ends: Engine 20.10's `local` driver drops the "\n" of a line it cut.
    const text = texts(live).join('')
    expect(text.includes('\uFFFD')).toBe(false)
    expect(text === `ab${'€'.repeat(10000)}after`).toBe(true)
  })

  it('pauses the engine for a client that stops reading: memory stays bounded, nothing is lost', async () => {
    const viewer = await h.as('viewer')
    const { id, name } = await run(
      'p=$(printf "%01000d" 0); i=0; while true; do echo "$i $p"; i=$((i+1)); done',
      // No rotation within the test, so "nothing lost" is about us, not about json-file.
      ['--log-opt', 'max-size=512m'],
    )
    const rssBefore = process.memoryUsage().rss
    const live = await logs(viewer, name, '?tail=0')
    const socket = (live.ws as unknown as { _socket: Socket })._socket
    socket.pause()
    await until(() => proxy.logStreamsOf(id).length === 1, 5000, 'the engine log stream')
    const [stream] = proxy.logStreamsOf(id)
    let rssPeak = 0
    const sample = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    }, 50)
    // The pause travels back through a few buffers; on a busy machine it takes a moment longer.
    // Wait (up to 10 s) until the server has read nothing from the engine for a whole second.
    let stalled = false
    let readAt = stream!.bytesFromEngine
    const deadline = Date.now() + 10_000
    while (!stalled && Date.now() < deadline) {
      await sleep(1000)
      stalled = stream!.bytesFromEngine === readAt
      readAt = stream!.bytesFromEngine
    }
    const totalRead = readAt
    clearInterval(sample)
    // Let the container write well past what the server read (~1 KiB a line), then check the
    // server still has not read more: the pause held while the log kept growing.
    const writtenLines = async () =>
      Number((await docker(h.dockerHost, ['logs', '--tail', '1', name])).stdout.split(' ')[0])
    await until(
      async () => (await writtenLines()) * 1000 > totalRead * 2,
      15_000,
      'the container to outpace the reader',
    )
    const written = await writtenLines()
    const stillPaused = stream!.bytesFromEngine === totalRead
    const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10
    const report = {
      linesWritten: written,
      engineMiBRead: mib(totalRead),
      stoppedReading: stalled && stillPaused,
      rssGrowthMiB: mib(rssPeak - rssBefore),
    }
    console.log('slow client:', report)
    // The container kept writing ~1 KiB lines; the server stopped reading them from the engine.
    expect(written * 1000).toBeGreaterThan(totalRead * 2)
    expect(report.stoppedReading).toBe(true)
    expect(report.engineMiBRead).toBeLessThan(32)
    expect(report.rssGrowthMiB).toBeLessThan(64)

    socket.resume()
    const seen = received(live).length
    await live.waitFor((l) => received(l).length > seen + 20_000, 20_000)
    const counters = received(live).map((l) => Number(l.text.split(' ')[0]))
    counters.forEach((n, i) => {
      if (i > 0 && n !== counters[i - 1]! + 1) throw new Error(`line ${n} after ${counters[i - 1]}`)
    })
    live.ws.close()
    await until(() => !stream!.open, 3000, 'the engine log stream to close')
    await docker(h.dockerHost, ['rm', '-f', name])
  })

  it('ends the engine request when the browser leaves, before the first line or while streaming', async () => {
    const viewer = await h.as('viewer')
    const quiet = await run('sleep 300')
    const chatty = await run('yes')
    for (const { id, name } of [quiet, chatty]) {
      const live = await logs(viewer, name, '?tail=0')
      await until(() => proxy.logStreamsOf(id).length === 1, 5000, 'the engine log stream')
      if (name === chatty.name) await live.waitFor((l) => received(l).length > 100)
      live.ws.close()
      await until(() => !proxy.logStreamsOf(id)[0]!.open, 3000, 'the engine log stream to close')
    }
    // Gone while the engine has not answered yet (the proxy holds its answer for a second).
    const late = await run('sleep 300')
    proxy.answerLate.add(late.id)
    ;(await logs(viewer, late.name, '?tail=0')).ws.close()
    await sleep(1500)
    expect(proxy.logStreamsOf(late.id)).toMatchObject([{ open: false }])
    expect((await viewer.get(`${base}/${quiet.name}`)).status).toBe(200)
    await docker(h.dockerHost, ['rm', '-f', chatty.name])
  })

  it('refuses before the upgrade: a foreign Origin (403), no session (401), bad query (400)', async () => {
    const viewer = await h.as('viewer')
    const { id, name } = await run('sleep 300')
    const path = `${base}/${name}/logs`
    await expect(openLive(viewer, path, { origin: 'https://evil.example' })).rejects.toMatchObject({
      status: 403,
    })
    await expect(openLive(h.anonymous, path)).rejects.toMatchObject({ status: 401 })
    await expect(openLive(viewer, `${path}?since=yesterday`)).rejects.toMatchObject({
      status: 400,
    })
    await expect(openLive(viewer, `${path}?stdout=false&stderr=false`)).rejects.toMatchObject({
      status: 400,
    })
    await expect(openLive(viewer, `${base}/${h.uniqueName('none')}/logs`)).rejects.toMatchObject({
      status: 404,
    })
    expect(proxy.logStreamsOf(id)).toEqual([])
  })

  it('answers a message from the browser with an error frame and 1008', async () => {
    const viewer = await h.as('viewer')
    const { name } = await run('sleep 300')
    const live = await logs(viewer, name, '?tail=0')
    live.ws.send(JSON.stringify({ type: 'resize', cols: 1, rows: 1 }))
    expect(await live.closed).toMatchObject({ code: 1008 })
    expect(live.messages).toContainEqual({
      type: 'error',
      error: { code: 'invalid_request', message: 'The logs stream takes no input' },
    })
  })

  it('downloads the log as text, stdout and stderr merged in order, named after the container', async () => {
    const viewer = await h.as('viewer')
    const { name } = await finishedInOrder()
    const res = await viewer.get(`${base}/${name}/logs/download`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}.log"; filename*=UTF-8''${name}.log`,
    )
    expect(await res.text()).toBe('out-1\nerr-1\nout-2\n')
    expect(await (await viewer.get(`${base}/${name}/logs/download?tail=1`)).text()).toBe('out-2\n')
    await expectApiError(
      await viewer.get(`${base}/${h.uniqueName('none')}/logs/download`),
      404,
      'not_found',
    )
    await expectApiError(
      await h.anonymous.get(`${base}/${name}/logs/download`),
      401,
      'unauthenticated',
    )
  })
})

/** The engine's own frames for a container's log, read directly (not through the server). */
function rawFrames(socketPath: string, id: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: `/containers/${id}/logs?stdout=1` }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        const frames: Buffer[] = []
        for (let at = 0; at + 8 <= body.length; at += 8 + body.readUInt32BE(at + 4)) {
          frames.push(body.subarray(at + 8, at + 8 + body.readUInt32BE(at + 4)))
        }
        resolve(frames)
      })
    })
    req.on('error', reject)
    req.end()
  })
}

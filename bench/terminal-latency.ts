import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { encodeCommandQuery } from '@harbormaster/contract'
import type { InProcessPhase, Row } from './context.ts'
import { closeSockets } from './clients.ts'
import { deltaMs, median, ms, now, percentile, sleep } from './measure.ts'

export const terminalMethod = `One running container; two terminals running \`cat\` with a TTY: one through the server's exec
WebSocket (\`/api/hosts/local/containers/:id/exec?cmd=["cat"]\` (URL-encoded), keystrokes as binary frames) and one
hijacked straight from the engine (\`engine.exec.create\` + \`start\` with \`Tty: true\`). A
keystroke is one printable byte; its echo is the terminal's (the TTY's line discipline echoes it
before \`cat\` sees a line), so the figure is the round trip through the transport alone. Keystrokes
alternate between the two terminals, one at a time, after a warm-up; p50 and p99 are over all
of them.`

/** Bytes received on one terminal, and a way to wait for more. */
class Echo {
  received = 0
  #waiter: { target: number; resolve: () => void } | undefined

  push(bytes: number): void {
    this.received += bytes
    if (this.#waiter && this.received >= this.#waiter.target) {
      const { resolve } = this.#waiter
      this.#waiter = undefined
      resolve()
    }
  }

  /** Resolves once `n` more bytes than `from` have arrived. */
  wait(from: number, n: number): Promise<void> {
    if (this.received >= from + n) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('no echo within 5 s'))
      }, 5000)
      this.#waiter = {
        target: from + n,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      }
    })
  }
}

interface Terminal {
  echo: Echo
  send(key: Buffer): void
}

/** Scenario 5 (issue 7): keystroke-to-echo latency, exec WebSocket vs direct hijack. */
export async function terminalLatency(ctx: InProcessPhase): Promise<Row[]> {
  const { direct } = ctx
  const { id } = await direct.containers.create({
    image: ctx.fixtureImage,
    cmd: ['sleep', '100000'],
    labels: ctx.labels,
  })
  await direct.containers.start(id)
  let ws: WebSocket | undefined
  let hijacked: Duplex | undefined
  try {
    ws = await ctx.admin.openSocket(
      `/api/hosts/local/containers/${id}/exec?cmd=${encodeURIComponent(encodeCommandQuery(['cat']))}`,
    )
    const viaApi: Terminal = { echo: new Echo(), send: (key) => ws?.send(key, { binary: true }) }
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) viaApi.echo.push(data.length)
    })
    const execId = await direct.exec.create(id, { cmd: ['cat'], tty: true, stdin: true })
    hijacked = (await direct.exec.start(execId, { tty: true })).socket
    const socket = hijacked
    const viaEngine: Terminal = { echo: new Echo(), send: (key) => socket.write(key) }
    socket.on('data', (chunk: Buffer) => {
      viaEngine.echo.push(chunk.length)
    })
    const type = async (terminal: Terminal, i: number): Promise<number> => {
      const key = Buffer.from([97 + (i % 26)])
      const from = terminal.echo.received
      const t = now()
      terminal.send(key)
      await terminal.echo.wait(from, 1)
      return now() - t
    }
    for (let i = 0; i < 10; i++) {
      await type(viaApi, i)
      await type(viaEngine, i)
    }
    await sleep(100)
    const api: number[] = []
    const eng: number[] = []
    for (let i = 0; i < ctx.sizes.keystrokes; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        api.push(await type(viaApi, i))
        eng.push(await type(viaEngine, i))
      } else {
        eng.push(await type(viaEngine, i))
        api.push(await type(viaApi, i))
      }
      await sleep(2)
    }
    const [p50, d50] = [median(api), median(eng)]
    const [p99, d99] = [percentile(api, 99), percentile(eng, 99)]
    const n = ctx.sizes.keystrokes
    return [
      {
        scenario: '5 Terminal latency',
        figure: `keystroke to echo, p50 (${n} keystrokes)`,
        value: ms(p50),
        direct: ms(d50),
        ratio: deltaMs(p50 - d50),
        target: 'p50 ≤ direct + 1 ms',
        verdict: p50 - d50 <= 1 ? 'PASS' : 'MISS',
        ...(p50 - d50 <= 1
          ? {}
          : {
              note: 'each keystroke crosses a WebSocket frame, the server loop and the hijacked socket',
            }),
      },
      {
        scenario: '5 Terminal latency',
        figure: `keystroke to echo, p99 (${n} keystrokes)`,
        value: ms(p99),
        direct: ms(d99),
        ratio: deltaMs(p99 - d99),
        target: '—',
        verdict: 'INFO',
      },
    ]
  } finally {
    if (ws) await closeSockets([ws])
    hijacked?.destroy()
    await direct.containers.remove(id, { force: true }).catch(() => undefined)
  }
}

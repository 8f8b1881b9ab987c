/**
 * node:http (keep-alive) against undici as the engine transport (issue 10, docs/architecture.md
 * "Engine transport"). Part of `npm run bench`, or on its own: `node bench/engine-transport.ts
 * [--smoke]` starts a private engine of its own (as root) and prints the rows.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { BenchBase, Row, Sizes } from './context.ts'
import { mb, median, ms } from './measure.ts'

const CHILD = join(import.meta.dirname, 'transport-child.ts')
const CLIENTS = ['node-http', 'undici-client', 'engine', 'undici-agent'] as const
type Client = (typeof CLIENTS)[number]

export const transportMethod = `Each client runs in a fresh child process (bench/transport-child.ts, as \`.ts\` for all of
them, so Node's type stripping is in every figure): \`packages/engine\` (its node:http transport,
plus mapping wire to domain), a bare node:http keep-alive agent configured as that transport
(maxSockets 32, maxFreeSockets 4, lifo), and undici (the npm package, a devDependency) as a
\`Client\` and as an \`Agent\`, each on the engine's unix socket. A child reads its RSS (VmRSS)
before loading the client, makes 50 warm-up calls, then the timed calls one at a time:
\`GET /_ping\` (the smallest answer, so the transport's own cost shows; \`/version\` takes the
engine milliseconds of its own) and a list of every container (\`/containers/json?all=1\`, one
per hundred pings, after them), and reads its RSS after the pings, after the lists, and its
peak (VmHWM). The bare and undici clients parse the JSON; \`packages/engine\` also maps it. Each
client runs once per round, in an order that rotates between rounds; figures are medians over the
rounds (per-call times: the median call of each child, then the median over the rounds).`

interface ChildResult {
  client: Client
  rssBare: number
  rssLoaded: number
  rssAfterPings: number
  rssAfter: number
  peak: number
  pingMs: number
  pingMeanMs: number
  listMs: number
  lists: number
}

const run = promisify(execFile)

type Target = Pick<BenchBase, 'engine' | 'apiVersion'>

async function child(base: Target, client: Client, calls: number): Promise<ChildResult> {
  const { stdout } = await run(
    process.execPath,
    [CHILD, client, base.engine.socketPath, base.apiVersion, String(calls)],
    { env: process.env, maxBuffer: 1 << 20 },
  )
  return JSON.parse(stdout) as ChildResult
}

const us = (milliseconds: number) => `${(milliseconds * 1000).toFixed(0)} µs`
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : '-'}${mb(Math.abs(bytes))}`

/** Issue 10: RSS and per-call time of node:http (ours) and undici, over the same socket. */
export async function engineTransport(
  base: Target & { sizes: Pick<Sizes, 'transportCalls' | 'transportRounds'> },
): Promise<Row[]> {
  const { transportCalls: calls, transportRounds: rounds } = base.sizes
  const results = new Map<Client, ChildResult[]>(CLIENTS.map((c) => [c, []]))
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < CLIENTS.length; i++) {
      const client = CLIENTS[(i + round) % CLIENTS.length]!
      results.get(client)!.push(await child(base, client, calls))
    }
  }
  const med = (client: Client, pick: (r: ChildResult) => number) =>
    median(results.get(client)!.map(pick))
  const pinged = (c: Client) => med(c, (r) => r.rssAfterPings)
  const after = (c: Client) => med(c, (r) => r.rssAfter)
  const perCall = (c: Client) => med(c, (r) => r.pingMs)
  const lists = results.get('engine')![0]?.lists ?? 0
  const [httpUs, undiciUs] = [perCall('node-http'), perCall('undici-client')]
  const each = `fresh process each, median of ${rounds}`
  const vs = 'node:http keep-alive (value) vs undici Client (baseline)'
  const rss = (figure: string, pick: (c: Client) => number, note: string): Row => ({
    scenario: '10 Engine transport',
    figure,
    value: mb(pick('node-http')),
    direct: mb(pick('undici-client')),
    ratio: signedMb(pick('node-http') - pick('undici-client')),
    target: '—',
    verdict: 'INFO',
    note,
  })
  return [
    rss(
      `RSS after ${calls.toLocaleString('en-US')} pings, ${each}: ${vs}`,
      pinged,
      `undici Agent ${mb(pinged('undici-agent'))}; packages/engine ${mb(pinged('engine'))} (it also loads its own modules through type stripping); the same child before loading any client ${mb(med('node-http', (r) => r.rssBare))}`,
    ),
    rss(
      `RSS after ${lists} lists of every container more: ${vs}`,
      after,
      `peak (VmHWM) ${mb(med('node-http', (r) => r.peak))} vs ${mb(med('undici-client', (r) => r.peak))}; undici Agent ${mb(after('undici-agent'))}; packages/engine ${mb(after('engine'))}`,
    ),
    {
      scenario: '10 Engine transport',
      figure: `per call, GET /_ping one at a time (median): ${vs}`,
      value: us(httpUs),
      direct: us(undiciUs),
      ratio: `${httpUs >= undiciUs ? '+' : '-'}${us(Math.abs(httpUs - undiciUs))}`,
      target: '—',
      verdict: 'INFO',
      note: `undici Agent ${us(perCall('undici-agent'))}; packages/engine ${us(perCall('engine'))} (its ping also reads the negotiated identity); means ${us(med('node-http', (r) => r.pingMeanMs))} vs ${us(med('undici-client', (r) => r.pingMeanMs))}; a list of every container: node:http ${ms(med('node-http', (r) => r.listMs))}, undici ${ms(med('undici-client', (r) => r.listMs))}, packages/engine with its mapping ${ms(med('engine', (r) => r.listMs))}`,
    },
  ]
}

if (import.meta.main) {
  const { createEngine } = await import('@harbormaster/engine')
  const { startPrivateEngine } = await import('@harbormaster/testkit')
  const { SMOKE, FULL } = await import('./context.ts')
  const { textTable } = await import('./report.ts')
  const sizes = process.argv.includes('--smoke') ? SMOKE : FULL
  const engine = await startPrivateEngine({ name: 'bench-transport' })
  try {
    const direct = createEngine({ host: engine.dockerHost })
    const apiVersion = (await direct.system.version()).apiVersion
    direct.close()
    const rows = await engineTransport({
      engine,
      apiVersion,
      sizes,
    })
    process.stdout.write(`${textTable(rows)}\n`)
  } finally {
    await engine.stop()
  }
}

import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { WebSocket } from 'ws'
import type { ChildPhase, Row } from './context.ts'
import { closeSockets } from './clients.ts'
import { mb, median, peakRssBytes, rssBytes, sleep } from './measure.ts'

export const footprintMethod = `The server as a child process (the bundle through \`apps/server/serve.sh\`, as the image and
\`npm start\` run it); RSS is
VmRSS from /proc/<pid>/status, the median of samples taken once a second, and budgets are in
MB of 10^6 bytes. **Idle**: after start, once its model is warm (a containers list answered)
and its engine calls have settled, with no client connected. **Loaded**: clients each holding an
events socket and a host-overview stats socket (each client a different signed-in viewer:
a user may hold 32 sockets), after they have all received stats, while every running container
is streamed. The sessions were created before the server started (they live in its SQLite
database), so no password hashing (argon2id, 19 MiB a hash) happens in the measured process.
For scale, the same run measures the floor the server stands on: an idle Node process running
a one-line \`.js\` file, the same as \`.ts\` (Node's type stripping, which the tests use when they run
the sources), and a \`.js\` file that only imports zod.`

function added(bytes: number): string {
  return bytes > 1e6 ? `add ${mb(bytes)}` : 'add nothing measurable'
}

/** Samples VmRSS once a second for `seconds` and returns the median. */
async function sampleRss(pid: number, seconds: number): Promise<{ median: number; max: number }> {
  const samples: number[] = []
  for (let i = 0; i < seconds; i++) {
    samples.push(rssBytes(pid) ?? 0)
    await sleep(1000)
  }
  return { median: median(samples), max: Math.max(...samples) }
}

/** RSS of an idle Node process running `code` from a file named `name`, once it is ready. */
async function nodeFloor(name: string, code: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'hm-bench-floor-'))
  try {
    const file = join(dir, name)
    writeFileSync(file, `${code}\nprocess.stdout.write('ready\\n')\nsetInterval(() => {}, 1e6)\n`)
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'ignore'] })
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => {
          resolve()
        })
        child.once('exit', () => {
          reject(new Error(`${name} exited early`))
        })
      })
      await sleep(1000)
      return rssBytes(child.pid ?? 0) ?? Number.NaN
    } finally {
      child.kill('SIGKILL')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Scenario 7 (issue 7), idle: nothing connected, model warm. */
export async function footprintIdle(ctx: ChildPhase, containers: number): Promise<Row[]> {
  await ctx.viewers[0]!.expect(200, 'GET', '/api/hosts/local/containers?all=true')
  await sleep(ctx.sizes.settleMs)
  const rss = await sampleRss(ctx.serverPid, ctx.smoke ? 2 : 5)
  const ok = rss.median < 80e6
  const js = await nodeFloor('floor.mjs', 'const x = 1; void x')
  const ts = await nodeFloor('floor.ts', 'const x: number = 1; void x; export {}')
  const zod = await nodeFloor(
    'zod.mjs',
    `await import(${JSON.stringify(import.meta.resolve('zod'))})`,
  )
  return [
    {
      scenario: '7 Footprint',
      figure: `server RSS idle (warm model of ${containers} containers)`,
      value: mb(rss.median),
      direct: '—',
      ratio: '—',
      target: '< 80 MB',
      verdict: ok ? 'PASS' : 'MISS',
      note: ok
        ? `peak since start (VmHWM) ${mb(peakRssBytes(ctx.serverPid))}`
        : `Node alone is ${mb(js)}; the bundled server (its code, the contract's zod schemas built at start, V8's heap with the warm model, SQLite) adds ${mb(rss.median - js)}; the figure keeps falling while the server stays idle, as V8's memory reducer runs (the next rows)`,
    },
    {
      scenario: '7 Footprint',
      figure: 'floor: idle Node process, .js / .ts (type stripping) / .js importing zod',
      value: `${mb(js)} / ${mb(ts)} / ${mb(zod)}`,
      direct: '—',
      ratio: '—',
      target: '—',
      verdict: 'INFO',
    },
  ]
}

/** Scenario 7 (issue 7), loaded: clients on events and stats. */
export async function footprintLoaded(ctx: ChildPhase, running: number): Promise<Row[]> {
  const n = ctx.sizes.footprintClients
  const sockets: WebSocket[] = []
  let withStats = 0
  const before = await sampleRss(ctx.serverPid, ctx.smoke ? 1 : 3)
  try {
    for (let i = 0; i < n; i++) {
      const viewer = ctx.viewers[i]!
      sockets.push(await viewer.openSocket('/api/hosts/local/events'))
      const stats = await viewer.openSocket('/api/hosts/local/stats')
      sockets.push(stats)
      stats.once('message', () => withStats++)
    }
    for (let waited = 0; withStats < n && waited < 30; waited++) await sleep(1000)
    await sleep(ctx.smoke ? 1000 : 5000)
    const rss = await sampleRss(ctx.serverPid, ctx.smoke ? 2 : 10)
    const ok = rss.median < 150e6
    return [
      {
        scenario: '7 Footprint',
        figure: `server RSS, ${n} clients on events + stats (${running} running)`,
        value: mb(rss.median),
        direct: '—',
        ratio: '—',
        target: '< 150 MB',
        verdict: ok ? 'PASS' : 'MISS',
        note: `just before the clients connected the server already held ${mb(before.median)} (what earlier load left, see the RSS timeline), and the ${n} clients and their streams ${added(rss.median - before.median)}; max ${mb(rss.max)}, peak since start (VmHWM) ${mb(peakRssBytes(ctx.serverPid))}`,
      },
    ]
  } finally {
    await closeSockets(sockets)
  }
}

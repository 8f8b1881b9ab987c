import type { WebSocket } from 'ws'
import type { ChildPhase, Row } from './context.ts'
import { closeSockets } from './clients.ts'
import {
  CpuWindow,
  count,
  engineCpuGroups,
  inParallel,
  mb,
  median,
  now,
  pct,
  ratio,
  rssBytes,
  sleep,
} from './measure.ts'

export const statsMethod = `Running containers (\`sleep\`) and clients on the host overview socket
(\`/api/hosts/local/stats\`, one message a second with every running container's figures), each
client a different signed-in viewer. Once every client receives full messages, the window
starts: the server's CPU (utime+stime of the child process from /proc/<pid>/stat, as % of one
core) and RSS (VmRSS, sampled each second), dockerd's, containerd's and the shims' CPU, and the
engine stats streams the server opened, counted by the proxy (\`GET /containers/:id/stats\`
requests since the clients connected, and the most open at once). For the direct figure the
server's streams are closed (they linger 10 s) and the bench itself opens as many stats streams
as the server had open, as one \`docker stats\` of those containers does, for a window of the same
length: the engine's cost of the same streams, read once instead of shared.`

interface SamplesMessage {
  type: string
  samples?: unknown[]
  omitted?: number
}

export interface RunningSet {
  ids: string[]
}

/** Starts `n` labelled `sleep` containers; they stay for the footprint scenario. */
export async function startRunning(ctx: ChildPhase, n: number): Promise<RunningSet> {
  const ids: string[] = []
  await inParallel(Array.from({ length: n }), 4, async () => {
    const { id } = await ctx.direct.containers.create({
      image: ctx.fixtureImage,
      cmd: ['sleep', '100000'],
      labels: ctx.labels,
    })
    await ctx.direct.containers.start(id)
    ids.push(id)
  })
  return { ids }
}

/** Scenario 3 (issue 7): stats of every running container to several clients at once. */
export async function statsFanout(ctx: ChildPhase, running: RunningSet): Promise<Row[]> {
  const { sizes, proxy } = ctx
  const before = proxy.snapshot()
  proxy.peakOpenStats = proxy.openStats
  const sockets: WebSocket[] = []
  const last: SamplesMessage[] = []
  let messages = 0
  let samples = 0
  try {
    for (let i = 0; i < sizes.statsClients; i++) {
      const ws = await ctx.viewers[i]!.openSocket('/api/hosts/local/stats')
      sockets.push(ws)
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as SamplesMessage
        if (message.type !== 'samples') return
        last[i] = message
        messages++
        samples += message.samples?.length ?? 0
      })
    }
    // Full messages: every running container either sampled or reported as omitted.
    const expected = running.ids.length
    const full = (m: SamplesMessage | undefined) =>
      m !== undefined && (m.samples?.length ?? 0) + (m.omitted ?? 0) >= expected
    const deadline = now() + 30_000
    while (now() < deadline && !sockets.every((_, i) => full(last[i]))) await sleep(200)
    messages = 0
    samples = 0
    const window = new CpuWindow({
      server: () => [ctx.serverPid],
      ...engineCpuGroups(ctx.engine.stateDir),
    })
    const rss: number[] = []
    const end = now() + sizes.statsWindowMs
    while (now() < end) {
      await sleep(Math.min(1000, end - now()))
      rss.push(rssBytes(ctx.serverPid) ?? 0)
    }
    const cpu = window.stop()
    const opened = proxy.since(before).get('GET /containers/:id/stats') ?? 0
    const omitted = last[0]?.omitted ?? 0
    const peak = proxy.peakOpenStats
    await closeSockets(sockets)
    const directCpu = await directStats(ctx, running.ids.slice(0, opened), cpu.seconds * 1000)
    const engine = (p: Record<string, number>) =>
      (p.dockerd ?? 0) + (p.containerd ?? 0) + (p.shims ?? 0)
    const serverCpu = cpu.percent.server ?? 0
    const clients = `${sizes.statsClients} clients, ${count(expected)} running, ${Math.round(cpu.seconds)} s`
    const perClient = messages / sizes.statsClients / cpu.seconds
    const onePerContainer = opened === expected && peak === expected
    return [
      {
        scenario: '3 Stats fan-out',
        figure: `server CPU, % of one core (${clients})`,
        value: pct(serverCpu),
        direct: '—',
        ratio: '—',
        target: '< 25 %',
        verdict: serverCpu < 25 ? 'PASS' : 'MISS',
        note: `${perClient.toFixed(2)} messages/s per client, ${Math.round(samples / Math.max(1, messages))} samples each`,
      },
      {
        scenario: '3 Stats fan-out',
        figure: 'server RSS during the window (median; max)',
        value: `${mb(median(rss))}; ${mb(Math.max(...rss))}`,
        direct: '—',
        ratio: '—',
        target: '—',
        verdict: 'INFO',
      },
      {
        scenario: '3 Stats fan-out',
        figure: `engine stats streams opened (most open at once) for ${count(expected)} containers`,
        value: `${opened} (${peak})`,
        direct: `${expected} per client`,
        ratio: '—',
        target: `one per container: ${expected}`,
        verdict: onePerContainer ? 'PASS' : 'MISS',
        ...(onePerContainer
          ? {}
          : {
              note:
                omitted > 0
                  ? `never more than one per container, but the server caps stats streams at ${opened} per host (StatsHub maxStreams), so ${omitted} containers are left out of the overview ("omitted")`
                  : `streams opened ${opened}, most at once ${peak}, for ${expected} containers`,
            }),
      },
      {
        scenario: '3 Stats fan-out',
        figure: `engine CPU (dockerd+containerd+shims): server with ${sizes.statsClients} clients vs one direct reader of ${opened} streams`,
        value: pct(engine(cpu.percent)),
        direct: pct(engine(directCpu)),
        ratio: ratio(engine(cpu.percent) / engine(directCpu)),
        target: '—',
        verdict: 'INFO',
        note: `server: dockerd ${pct(cpu.percent.dockerd ?? 0)}, containerd ${pct(cpu.percent.containerd ?? 0)}, shims ${pct(cpu.percent.shims ?? 0)}; direct: dockerd ${pct(directCpu.dockerd ?? 0)}, containerd ${pct(directCpu.containerd ?? 0)}, shims ${pct(directCpu.shims ?? 0)}`,
      },
    ]
  } finally {
    await closeSockets(sockets)
  }
}

/**
 * One reader straight on the engine with as many stats streams as the server had open (what one
 * `docker stats` of those containers does), so the engine's CPU is compared for the same work.
 */
async function directStats(
  ctx: ChildPhase,
  ids: readonly string[],
  windowMs: number,
): Promise<Record<string, number>> {
  // The server's streams linger 10 s after their last viewer: wait until they are closed (not
  // in a smoke run, whose figures mean nothing and which must stay short).
  const deadline = now() + (ctx.smoke ? 0 : 30_000)
  while (ctx.proxy.openStats > 0 && now() < deadline) await sleep(250)
  const controller = new AbortController()
  const readers = ids.map(async (id) => {
    const stream = await ctx.direct.stats.stream(id, { signal: controller.signal })
    for await (const sample of stream) if (sample.read === undefined) break
  })
  try {
    await sleep(ctx.smoke ? 500 : 3000)
    const window = new CpuWindow(engineCpuGroups(ctx.engine.stateDir))
    await sleep(windowMs)
    return window.stop().percent
  } finally {
    controller.abort()
    await Promise.allSettled(readers)
  }
}

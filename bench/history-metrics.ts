import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Engine } from '@harbormaster/engine'
import Database from 'better-sqlite3'
import type { BenchBase, ChildPhase, Row } from './context.ts'
import { CpuWindow, engineCpuGroups, mb, now, pct, ratio, rssBytes, sleep } from './measure.ts'

export const historyMethod = `How metric history should sample (issue 20), measured on the private
engine with N running \`sleep\` containers: dockerd's, containerd's and the shims' CPU (utime+stime
from /proc) over equal windows, in this order: nothing reading (the baseline); one \`docker stats\`
of them (the CLI, which streams every running container, a sample a second each; its output
discarded); one engine stats stream per container held by one reader (what the stats hub's shared
streams would cost a history that used them); one-shot reads (\`stream=false&one-shot=true\`) of
every container every 10 s, spread evenly over the 10 s. Each figure is the window minus the
baseline, divided by N: the engine's CPU per container, as % of one core. The target: history
for the N containers costs the engine at most half of what one \`docker stats\` costs.`

/** One-shot reads of each container, this often: the finest tier of the history. */
const PERIOD_MS = 10_000

export interface HistoryCost {
  containers: number
  seconds: number
  /** Engine CPU per container, % of one core, above the baseline. */
  cliStats: number
  streams: number
  oneShot: number
  baseline: number
}

type EngineCpu = Record<string, number>
const engineTotal = (p: EngineCpu) => (p.dockerd ?? 0) + (p.containerd ?? 0) + (p.shims ?? 0)

async function measure(base: BenchBase, windowMs: number): Promise<number> {
  const window = new CpuWindow(engineCpuGroups(base.engine.stateDir))
  await sleep(windowMs)
  return engineTotal(window.stop().percent)
}

/** `docker stats` of every running container, streaming, for the window. */
async function cliStats(base: BenchBase, windowMs: number): Promise<number> {
  const env = { ...process.env, DOCKER_HOST: base.engine.dockerHost }
  const cli = spawn('docker', ['stats', '--format', '{{.ID}} {{.CPUPerc}}'], {
    env,
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  try {
    // The CLI opens its streams one by one: let it settle before the window.
    await sleep(base.smoke ? 500 : 5000)
    return await measure(base, windowMs)
  } finally {
    cli.kill('SIGTERM')
  }
}

/** One stream per container, as the stats hub holds them. */
async function streams(base: BenchBase, ids: readonly string[], windowMs: number): Promise<number> {
  const controller = new AbortController()
  const readers = ids.map(async (id) => {
    const stream = await base.direct.stats.stream(id, { signal: controller.signal })
    for await (const sample of stream) if (sample.read === undefined) break
  })
  try {
    await sleep(base.smoke ? 500 : 3000)
    return await measure(base, windowMs)
  } finally {
    controller.abort()
    await Promise.allSettled(readers)
  }
}

/** Every container read once per period, each at its own offset in the period. */
async function oneShots(
  base: BenchBase,
  engine: Engine,
  ids: readonly string[],
  windowMs: number,
): Promise<number> {
  let stopped = false
  const gap = PERIOD_MS / Math.max(1, ids.length)
  const loop = (async () => {
    for (let i = 0; !stopped; i = (i + 1) % ids.length) {
      void engine.stats.snapshot(ids[i]!).catch(() => undefined)
      await sleep(gap)
    }
  })()
  try {
    await sleep(PERIOD_MS)
    return await measure(base, windowMs)
  } finally {
    stopped = true
    await loop
  }
}

export async function measureHistoryCost(
  base: BenchBase,
  ids: readonly string[],
  windowMs: number,
): Promise<HistoryCost> {
  const n = Math.max(1, ids.length)
  base.log(`metric history: baseline, ${ids.length} running containers`)
  const baseline = await measure(base, windowMs)
  base.log('metric history: docker stats')
  const cli = await cliStats(base, windowMs)
  base.log('metric history: one stream per container')
  const stream = await streams(base, ids, windowMs)
  base.log('metric history: one-shot reads every 10 s')
  const oneShot = await oneShots(base, base.direct, ids, windowMs)
  const per = (total: number) => Math.max(0, total - baseline) / n
  return {
    containers: ids.length,
    seconds: windowMs / 1000,
    cliStats: per(cli),
    streams: per(stream),
    oneShot: per(oneShot),
    baseline,
  }
}

/** Scenario 13: the figures that chose one-shot reads every 10 s for metric history. */
export async function historyEngineCost(base: BenchBase, ids: readonly string[]): Promise<Row[]> {
  const cost = await measureHistoryCost(base, ids, base.sizes.historyWindowMs)
  const n = cost.containers
  const note = `per container, % of one core above the baseline (${pct(cost.baseline)} for the engine with ${n} idle containers), ${Math.round(cost.seconds)} s windows`
  const share = cost.oneShot / cost.cliStats
  return [
    {
      scenario: '13 Metric history',
      figure: `engine CPU per container: one-shot reads every 10 s (chosen) vs one docker stats of ${n}`,
      value: pct(cost.oneShot),
      direct: pct(cost.cliStats),
      ratio: ratio(share),
      target: '≤ 0.5×',
      verdict: base.smoke ? 'INFO' : share <= 0.5 ? 'PASS' : 'MISS',
      note,
    },
    {
      scenario: '13 Metric history',
      figure: `engine CPU per container: one stream each (the stats hub's way) vs one docker stats of ${n}`,
      value: pct(cost.streams),
      direct: pct(cost.cliStats),
      ratio: ratio(cost.streams / cost.cliStats),
      target: '—',
      verdict: 'INFO',
      note,
    },
  ]
}

export const historyLongMethod = `\`npm run bench -- --long\` only (not in CI): the server (child
process, behind the counting proxy) with metric history turned on for \`local\` and the scenario's
running containers, for an hour (\`--long=<minutes>\` for another window). Measured: the database's
pages in use (page_count − freelist_count, read beside the server) at the start and the end,
extrapolated to a day (the 10 s tier grows for its
first 24 h, then retention holds it, so this is the first day's growth, the largest); the
server's RSS at the start, the end and its highest; the engine's CPU (dockerd, containerd,
shims) and the server's over the window; the engine calls the server made per second.`

/**
 * Bytes of the database in use (pages minus free pages), read beside the server (WAL lets a
 * reader in): the file's size would count the WAL, which grows to 4 MB between checkpoints.
 */
function dbBytesInUse(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const pages = db.pragma('page_count', { simple: true }) as number
    const free = db.pragma('freelist_count', { simple: true }) as number
    return (pages - free) * (db.pragma('page_size', { simple: true }) as number)
  } finally {
    db.close()
  }
}

/** `--long`: what an hour of metric history costs the server, the engine and the database. */
export async function historyLong(
  ctx: ChildPhase,
  dataDir: string,
  running: number,
  windowMs: number,
): Promise<Row[]> {
  const dbBytes = () => dbBytesInUse(join(dataDir, 'harbormaster.db'))
  const settings = '/api/hosts/local/history/settings'
  await ctx.admin.expect(200, 'PUT', settings, { metrics: true, recording: 'off' })
  try {
    // The first round reads each container once; points start with the second.
    await sleep(20_000)
    const before = { db: dbBytes(), rss: rssBytes(ctx.serverPid) ?? 0, calls: ctx.proxy.snapshot() }
    const window = new CpuWindow({
      server: () => [ctx.serverPid],
      ...engineCpuGroups(ctx.engine.stateDir),
    })
    let highest = before.rss
    const end = now() + windowMs
    while (now() < end) {
      await sleep(Math.min(10_000, end - now()))
      highest = Math.max(highest, rssBytes(ctx.serverPid) ?? 0)
    }
    const cpu = window.stop()
    const after = { db: dbBytes(), rss: rssBytes(ctx.serverPid) ?? 0 }
    const calls = [...ctx.proxy.since(before.calls)]
      .filter(([route]) => route !== 'GET /events')
      .reduce((sum, [, n]) => sum + n, 0)
    const perDay = ((after.db - before.db) / cpu.seconds) * 86_400
    const minutes = Math.round(cpu.seconds / 60)
    return [
      {
        scenario: '13 Metric history',
        figure: `database growth per day, ${running} running containers (from ${minutes} min)`,
        value: mb(perDay),
        direct: '—',
        ratio: '—',
        target: '—',
        verdict: 'INFO',
        note: `${mb(before.db)} → ${mb(after.db)} in ${minutes} min`,
      },
      {
        scenario: '13 Metric history',
        figure: 'server RSS with metric history on (start; end; highest)',
        value: `${mb(before.rss)}; ${mb(after.rss)}; ${mb(highest)}`,
        direct: '—',
        ratio: '—',
        target: '—',
        verdict: 'INFO',
      },
      {
        scenario: '13 Metric history',
        figure: 'CPU with metric history on: server; engine (dockerd+containerd+shims)',
        value: `${pct(cpu.percent.server ?? 0)}; ${pct(engineTotal(cpu.percent))}`,
        direct: '—',
        ratio: '—',
        target: '—',
        verdict: 'INFO',
        note: `${(calls / cpu.seconds).toFixed(1)} engine calls/s (events aside)`,
      },
    ]
  } finally {
    await ctx.admin.expect(200, 'PUT', settings, { metrics: false, recording: 'off' })
  }
}

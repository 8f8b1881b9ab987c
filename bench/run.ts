/**
 * Harbormaster's benchmarks (issues 7, 10, 17, 18 and 20): `npm run bench`, or `node bench/run.ts --smoke`
 * for CI (tiny sizes, checks only that every scenario runs and prints its rows); `--long` adds an
 * hour of metric history (`--long=<minutes>` for another window), never in CI.
 *
 * One private engine in its own network namespace (never the host's), the fixture image, then
 * three phases: the server in this process straight on the engine socket (API overhead, logs,
 * terminal); the web app in headless Chromium against a server child process of its own (first
 * view, events to screen), and node:http against undici in child processes (engine transport);
 * then the server as a child process behind a counting proxy (footprint, idle, browsers, stats
 * fan-out, stacks against docker-compose), so its CPU, memory and engine calls can be read from
 * outside.
 * Everything it creates is removed at the end, also on Ctrl-C.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { type Engine, createEngine } from '@harbormaster/engine'
import {
  type PrivateEngine,
  ensureFixtureImages,
  FIXTURE_IMAGE,
  labelsFor,
  newRunId,
  startPrivateEngine,
} from '@harbormaster/testkit'
import { pino } from 'pino'
import { loadConfig } from '../apps/server/src/config.ts'
import { startServer } from '../apps/server/src/server.ts'
import { apiOverhead, apiOverheadMethod, settle } from './api-overhead.ts'
import {
  type BrowserPhase,
  WEB_DIR,
  ensureWebBuild,
  launchChromium,
  startBrowserServer,
} from './browser.ts'
import { Session } from './clients.ts'
import {
  type BenchBase,
  type ChildPhase,
  FULL,
  type InProcessPhase,
  type Row,
  SMOKE,
} from './context.ts'
import { CountingProxy } from './counting-proxy.ts'
import { browsersEngineCost, engineCostMethod, idleEngineCalls } from './engine-cost.ts'
import { engineTransport, transportMethod } from './engine-transport.ts'
import { eventsToScreen, eventsToScreenMethod } from './events-to-screen.ts'
import { firstView, firstViewMethod } from './first-view.ts'
import { footprintIdle, footprintLoaded, footprintMethod } from './footprint.ts'
import {
  historyEngineCost,
  historyLong,
  historyLongMethod,
  historyMethod,
} from './history-metrics.ts'
import { logsMethod, logsThroughput } from './logs-throughput.ts'
import { machineInfo, mb, peakRssBytes, processes, rssBytes, sleep } from './measure.ts'
import { type MethodNote, markdown, ordered, textTable } from './report.ts'
import { startChildServer } from './server-child.ts'
import { stackDeploys, stacksList, stacksMethod } from './stacks.ts'
import { startRunning, statsFanout, statsMethod } from './stats-fanout.ts'
import { swarmUpdateMethod, swarmUpdateToScreen } from './swarm-update-to-screen.ts'
import { terminalLatency, terminalMethod } from './terminal-latency.ts'

const ORIGIN = 'http://harbormaster.bench'
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' }
const DOC = join(import.meta.dirname, '..', 'docs', 'benchmarks.md')

const smoke = process.argv.includes('--smoke')
/** `--long[=minutes]`: also the hour of metric history (issue 20), not in CI. */
const longArg = process.argv.find((arg) => arg === '--long' || arg.startsWith('--long='))
const longWindowMs =
  longArg === undefined ? 0 : Number(longArg.split('=')[1] ?? 60) * 60_000 || 3_600_000
const sizes = smoke ? SMOKE : FULL
const startedAt = Date.now()
const log = (message: string) => {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)
  process.stderr.write(`[bench ${seconds}s] ${message}\n`)
}

/** Undo steps, newest first; each runs once even if another fails. */
const cleanups: { name: string; run: () => unknown }[] = []
let cleaning: Promise<void> | undefined
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run()
      } catch (error) {
        log(`cleanup "${step.name}" failed: ${(error as Error).message}`)
      }
    }
  })()
  return cleaning
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`)
    void cleanUp().finally(() => process.exit(130))
  })
}

const rows: Row[] = []
const failures: string[] = []
/** The machine's 1-minute load when each scenario started: other work skews every figure. */
const loads: string[] = []

/** Runs one scenario; a failure becomes an ERROR row (and fails a smoke run), not a crash. */
async function scenario(name: string, run: () => Promise<Row[]>): Promise<void> {
  log(`scenario ${name}`)
  loads.push(`${name} ${os.loadavg()[0]!.toFixed(1)}`)
  try {
    const produced = await run()
    if (produced.length === 0) throw new Error('no rows')
    rows.push(...produced)
    process.stdout.write(`${textTable(produced)}\n\n`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    failures.push(`${name}: ${message}`)
    log(`scenario ${name} failed: ${message}`)
    rows.push({
      scenario: name,
      figure: 'scenario failed',
      value: '—',
      direct: '—',
      ratio: '—',
      target: '—',
      verdict: 'ERROR',
      note: message.split('\n')[0] ?? message,
    })
  }
}

/** Viewers for the simulated browsers: one user each, signed in while the server runs here. */
async function createViewers(admin: Session, url: string, n: number): Promise<Session[]> {
  const viewers: Session[] = []
  for (let i = 0; i < n; i++) {
    const user = { username: `bench-viewer-${i}`, password: `bench-viewer-password-${i}` }
    await admin.expect(201, 'POST', '/api/users', { ...user, role: 'viewer' })
    const session = new Session(url, ORIGIN)
    await session.expect(200, 'POST', '/api/auth/login', user)
    viewers.push(session)
  }
  return viewers
}

function describeNeighbours(own: PrivateEngine): string {
  const ownPid = processes().find((p) => p.cmdline.includes(own.stateDir) && p.comm === 'dockerd')
  const others = processes().filter((p) => p.comm === 'dockerd' && p.pid !== ownPid?.pid).length
  return others === 0
    ? 'no other engine'
    : `${others} other dockerd running (other sessions' engines), not measured`
}

async function phaseInProcess(
  base: BenchBase,
  dataDir: string,
  proxy: CountingProxy,
): Promise<{ viewers: Session[]; admin: Session }> {
  const config = loadConfig({
    HARBORMASTER_PORT: '0',
    HARBORMASTER_BIND: '127.0.0.1',
    HARBORMASTER_DATA_DIR: dataDir,
    HARBORMASTER_PUBLIC_URL: ORIGIN,
    HARBORMASTER_LOG_LEVEL: 'silent',
    DOCKER_HOST: base.engine.dockerHost,
  })
  const server = await startServer(config, pino({ level: 'silent' }))
  let closed = false
  const close = async () => {
    if (!closed) await server.close()
    closed = true
  }
  cleanups.push({ name: 'in-process server', run: close })
  const admin = new Session(server.url, ORIGIN)
  cleanups.push({
    name: 'admin session',
    run: () => {
      admin.close()
    },
  })
  await admin.expect(201, 'POST', '/api/auth/setup', { ...ADMIN, setupCode: server.setupCode })
  const host = server.services.hosts.get('local')
  if (!host) throw new Error('the server has no local host')
  const ctx: InProcessPhase = { ...base, url: server.url, admin, host }
  await scenario('1 API overhead', () => apiOverhead(ctx))
  await scenario('4 Logs', () => logsThroughput(ctx))
  await scenario('5 Terminal latency', () => terminalLatency(ctx))
  const needed = Math.max(sizes.footprintClients, sizes.browsers, sizes.statsClients)
  log(`creating ${needed} viewers`)
  const viewers = await createViewers(admin, server.url, needed)
  for (const v of viewers)
    cleanups.push({
      name: 'viewer session',
      run: () => {
        v.close()
      },
    })
  // The `local` host is stored in the database the child server will open: point it at the
  // counting proxy, which only that server will use.
  await admin.expect(200, 'PATCH', '/api/hosts/local', { address: proxy.dockerHost })
  await close()
  return { viewers, admin }
}

/**
 * The browser phase: the web app in headless Chromium against a server of its own,
 * on the containers scenario 1 created. If the build, the server or Chromium fails, both
 * scenarios report the error.
 */
async function phaseBrowser(base: BenchBase, work: string): Promise<void> {
  let setup: Promise<BrowserPhase> | undefined
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    for (let s = stops.pop(); s; s = stops.pop()) await s()
  }
  cleanups.push({ name: 'browser phase', run: stop })
  const ready = () =>
    (setup ??= (async () => {
      log(smoke ? 'web app: building it if missing' : 'web app: building it')
      await ensureWebBuild(!smoke)
      const server = await startBrowserServer(base, work)
      stops.push(() => server.stop())
      const browser = await launchChromium()
      stops.push(() => browser.close())
      return { ...base, url: server.url, serverPid: server.pid, browser, webDir: WEB_DIR }
    })())
  await scenario('2 First view', async () => firstView(await ready()))
  await scenario('6 Events to screen', async () => eventsToScreen(await ready()))
  await scenario('12 Swarm update to screen', async () => swarmUpdateToScreen(await ready()))
  await stop()
}

async function phaseChild(
  base: BenchBase,
  paths: { dataDir: string; work: string },
  proxy: CountingProxy,
  sessions: { viewers: Session[]; admin: Session },
): Promise<void> {
  const { dataDir, work } = paths
  const { viewers } = sessions
  const child = await startChildServer({
    dataDir,
    dockerHost: proxy.dockerHost,
    publicUrl: ORIGIN,
    logPath: join(work, 'server.log'),
  })
  cleanups.push({ name: 'child server', run: () => child.stop() })
  const ctx: ChildPhase = {
    ...base,
    url: child.url,
    serverPid: child.pid,
    proxy,
    viewers: viewers.map((v) => v.at(child.url)),
    admin: sessions.admin.at(child.url),
  }
  cleanups.push({
    name: 'admin session',
    run: () => {
      ctx.admin.close()
    },
  })
  for (const v of ctx.viewers)
    cleanups.push({
      name: 'viewer session',
      run: () => {
        v.close()
      },
    })
  const total = () => [...proxy.byRoute.values()].reduce((a, b) => a + b, 0)
  await ctx.viewers[0]!.expect(200, 'GET', '/api/hosts/local/containers?all=true')
  await settle(total, sizes.settleMs)
  const created = (await base.direct.containers.list({ all: true })).length
  // The server's RSS (and peak) after each step: what a step leaves behind shows in the next.
  const timeline: string[] = []
  const mark = (step: string) => {
    const [now, peak] = [rssBytes(child.pid), peakRssBytes(child.pid)]
    timeline.push(`${step} ${mb(now)} (peak ${mb(peak)})`)
  }
  mark('started and settled')
  await scenario('7 Footprint', () => footprintIdle(ctx, created))
  await scenario('10 Idle', () => idleEngineCalls(ctx))
  mark(`after ${sizes.idleWindowMs / 1000} s idle`)
  log(`starting ${sizes.statsContainers} running containers`)
  const running = await startRunning(ctx, sizes.statsContainers)
  await settle(total, sizes.settleMs)
  // Before the fan-out: no stats stream of the server's may linger in its windows.
  await scenario('13 Metric history', () => historyEngineCost(base, running.ids))
  await scenario('3 Stats fan-out', () => statsFanout(ctx, running))
  mark('after the stats fan-out')
  await scenario('7 Footprint', () => footprintLoaded(ctx, running.ids.length))
  mark(`after ${sizes.footprintClients} clients on events + stats`)
  // The browsers' window must not include the stats streams lingering after the last clients.
  const lingerWait = smoke ? 0 : 300
  for (let waited = 0; proxy.openStats > 0 && waited < lingerWait; waited++) await sleep(100)
  await scenario('10 Browsers', () => browsersEngineCost(ctx))
  mark(`after 1 vs ${sizes.browsers} browsers`)
  await scenario('11 Stacks', () => stackDeploys(ctx))
  await scenario('11 Stacks', () => stacksList(ctx))
  mark('after the stacks deploys and list')
  if (longWindowMs > 0) {
    await scenario('13 Metric history', () =>
      historyLong(ctx, dataDir, running.ids.length, longWindowMs),
    )
    mark('after metric history on')
  }
  rows.push({
    scenario: '7 Footprint',
    figure: 'RSS timeline: the server after each step (peak so far)',
    value: '—',
    direct: '—',
    ratio: '—',
    target: '—',
    verdict: 'INFO',
    note: timeline.join('; '),
  })
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(os.tmpdir(), 'hm-bench-'))
  cleanups.push({
    name: 'work dir',
    run: () => {
      rmSync(work, { recursive: true, force: true })
    },
  })
  const machine = machineInfo()
  log(`${smoke ? 'smoke run' : 'full run'}; starting a private engine`)
  const engine = await startPrivateEngine({ name: 'bench' })
  cleanups.push({ name: 'private engine', run: () => engine.stop() })
  await ensureFixtureImages(engine.dockerHost)
  const direct: Engine = createEngine({ host: engine.dockerHost })
  cleanups.push({
    name: 'engine client',
    run: () => {
      direct.close()
    },
  })
  const version = await direct.system.version()
  const info = await direct.system.info()
  const base: BenchBase = {
    sizes,
    smoke,
    engine,
    direct,
    apiVersion: version.apiVersion,
    labels: labelsFor(newRunId()),
    fixtureImage: FIXTURE_IMAGE,
    origin: ORIGIN,
    log,
  }
  const neighbours = describeNeighbours(engine)
  const dataDir = join(work, 'data')
  const proxy = await CountingProxy.start(join(work, 'engine.sock'), engine.socketPath)
  cleanups.push({ name: 'counting proxy', run: () => proxy.close() })
  const sessions = await phaseInProcess(base, dataDir, proxy)
  await phaseBrowser(base, work)
  await scenario('10 Engine transport', () => engineTransport(base))
  await phaseChild(base, { dataDir, work }, proxy, sessions)

  const all = ordered(rows)
  process.stdout.write(`\n== Results\n\n${textTable(all)}\n`)
  if (!smoke) {
    const methods: MethodNote[] = [
      { title: '1 API overhead and the warm list', text: apiOverheadMethod },
      { title: '3 Stats fan-out', text: statsMethod },
      { title: '4 Logs', text: logsMethod },
      { title: '5 Terminal latency', text: terminalMethod },
      { title: '7 Footprint', text: footprintMethod },
      { title: 'Issue 10: idle, and 1 vs many browsers', text: engineCostMethod },
      { title: '2 First view', text: firstViewMethod },
      { title: '6 Events to screen', text: eventsToScreenMethod },
      { title: 'Issue 10: engine transport, node:http or undici', text: transportMethod },
      { title: 'Issue 17: stacks, against docker-compose', text: stacksMethod },
      { title: 'Issue 18: a swarm service update, to the screen', text: swarmUpdateMethod },
      { title: 'Issue 20: how metric history samples', text: historyMethod },
      ...(longWindowMs > 0
        ? [{ title: 'Issue 20: an hour of metric history (--long)', text: historyLongMethod }]
        : []),
    ]
    const meta = {
      machine,
      loadAverageAtEnd: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      engine: `Docker Engine ${version.version}, API ${version.apiVersion}; a private dockerd in its own network namespace (${info.driver}, cgroup v${info.cgroupVersion ?? '1'})`,
      date: new Date().toISOString(),
      durationSeconds: (Date.now() - startedAt) / 1000,
      neighbours,
      loads: loads.join('; '),
    }
    // Formatted as `npm test`'s `prettier --check` expects, with the project's settings.
    const prettier = await import('prettier')
    const options = (await prettier.resolveConfig(DOC)) ?? {}
    writeFileSync(
      DOC,
      await prettier.format(markdown(meta, all, methods), { ...options, filepath: DOC }),
    )
    log(`wrote ${DOC}`)
  }
  const scenarios = new Set(all.map((r) => r.scenario.split(' ')[0]))
  const expected = ['1', '2', '3', '4', '5', '6', '7', '10', '11', '12', '13']
  const missing = expected.filter((s) => !scenarios.has(s))
  if (missing.length > 0) failures.push(`no rows from scenario(s) ${missing.join(', ')}`)
  if (failures.length > 0) {
    log(`FAILED: ${failures.join('; ')}`)
    return 1
  }
  log(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
  return 0
}

let code = 1
try {
  code = await main()
} catch (error) {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
} finally {
  log('cleaning up')
  await cleanUp()
}
process.exit(code)

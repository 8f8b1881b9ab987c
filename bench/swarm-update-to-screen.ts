import type { Engine, Task } from '@harbormaster/engine'
import { docker } from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { type BrowserPhase, signedInContext, until } from './browser.ts'
import type { Row } from './context.ts'
import { deltaMs, median, ms, sleep } from './measure.ts'

export const swarmUpdateMethod = `The server and web app of the first view, on the same private engine, made a single-node
swarm for this scenario (\`docker swarm init\`; it leaves the swarm at the end). A replicated
service of the fixture image (\`--init … sleep 3600\`, update parallelism 1, stop-first) runs its
replicas; one browser context has its service page open, whose tasks come over the server's
tasks socket. Each run changes the service's environment with the docker CLI (\`docker service
update --detach --env-add WAVE=<n>\`) and takes the time from just before the CLI is spawned
until: every task row the page shows as running is a new task, as many as the replicas (a
MutationObserver in the page, on the machine's clock). The engine's side is measured twice, on
connections of the bench's own: the \`start\` event of the last new task's container on the
engine's \`/events\` stream, and the engine's task list polled every 10 ms until every new task
is running. The difference is what the server adds: it reads a moving service's tasks every
500 ms, and 100 ms after an engine event of the service (here the new containers' events, as
every task runs on the engine the server talks to; on a cluster, tasks on other nodes have only
the 500 ms reads), plus the push and the render. Each figure is
the median of the runs; the first run is not counted.`

/** The page's probe: when every running row is a task not in `old`, as many as `replicas`. */
function watchReplaced(old: readonly string[], replicas: number): string {
  return `(() => {
    const old = new Set(${JSON.stringify(old)})
    const w = { at: undefined, frame: undefined }
    window.__hmSwarm = w
    const check = () => {
      if (w.at !== undefined) return
      const rows = [...document.querySelectorAll('tr[data-task-id]')].filter(
        (r) => r.dataset.taskState === 'running' && r.dataset.desiredState === 'running')
      if (rows.length === ${replicas} && rows.every((r) => !old.has(r.dataset.taskId))) {
        w.at = performance.now()
        requestAnimationFrame(() => { w.frame = performance.now() })
      }
    }
    new MutationObserver(check).observe(document, {
      subtree: true, childList: true, characterData: true, attributes: true })
    check()
  })()`
}

/** Times (ms since the epoch) at which the engine's own event stream saw each container start. */
class StartWatch {
  readonly #started = new Map<string, number>()
  readonly #abort = new AbortController()

  constructor(engine: Engine, service: string) {
    const events = engine.events.subscribe({
      filters: { type: ['container'], label: [`com.docker.swarm.service.name=${service}`] },
      signal: this.#abort.signal,
    })
    void (async () => {
      try {
        for await (const event of events)
          if (event.action === 'start' && !this.#started.has(event.actorId))
            this.#started.set(event.actorId, epochNow())
      } catch (error) {
        if (!this.#abort.signal.aborted) throw error
      }
    })().catch(() => undefined)
  }

  async lastStart(containers: readonly string[], timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const times = containers.map((id) => this.#started.get(id))
      if (times.every((t) => t !== undefined)) return Math.max(...times)
      if (Date.now() > deadline) throw new Error('the engine reported no start of a new task')
      await sleep(5)
    }
  }

  close(): void {
    this.#abort.abort()
  }
}

function epochNow(): number {
  return performance.timeOrigin + performance.now()
}

const runningNow = (tasks: Task[]) =>
  tasks.filter((t) => t.desiredState === 'running' && t.state === 'running')

/** Polls the engine's task list every 10 ms until `replicas` tasks not in `old` run. */
async function engineReplaced(
  engine: Engine,
  service: string,
  old: ReadonlySet<string>,
  replicas: number,
): Promise<{ at: number; tasks: Task[] }> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const tasks = runningNow(await engine.swarm.tasks({ filters: { service: [service] } }))
    if (tasks.length === replicas && tasks.every((t) => !old.has(t.id)))
      return { at: epochNow(), tasks }
    if (Date.now() > deadline) throw new Error('the update never replaced every task')
    await sleep(10)
  }
}

interface UpdateRun {
  page: number
  engineStart: number
  enginePoll: number
}

async function oneRun(
  ctx: BrowserPhase,
  page: Page,
  watch: StartWatch,
  service: string,
  wave: number,
): Promise<UpdateRun> {
  const { replicas } = { replicas: ctx.sizes.swarmReplicas }
  const old = runningNow(await ctx.direct.swarm.tasks({ filters: { service: [service] } }))
  await page.evaluate(
    watchReplaced(
      old.map((t) => t.id),
      replicas,
    ),
  )
  const t0 = epochNow()
  const polled = engineReplaced(ctx.direct, service, new Set(old.map((t) => t.id)), replicas)
  await docker(ctx.engine.dockerHost, [
    ...['service', 'update', '--detach', '--env-add', `WAVE=${wave}`, service],
  ])
  const { at: enginePoll, tasks } = await polled
  const engineStart = await watch.lastStart(tasks.map((t) => t.containerId ?? ''))
  await until(page, 'window.__hmSwarm.frame !== undefined', 30_000)
  const seen = await page.evaluate<{ origin: number; at: number }>(
    '({ origin: performance.timeOrigin, at: window.__hmSwarm.at })',
  )
  return {
    page: seen.origin + seen.at - t0,
    engineStart: engineStart - t0,
    enginePoll: enginePoll - t0,
  }
}

/** Makes the bench's engine a single-node swarm (if it is none); returns how to leave it. */
async function ensureSwarm(ctx: BrowserPhase): Promise<() => Promise<void>> {
  const state = (
    await docker(ctx.engine.dockerHost, ['info', '-f', '{{.Swarm.LocalNodeState}}'])
  ).stdout.trim()
  if (state === 'active') return () => Promise.resolve()
  await docker(ctx.engine.dockerHost, ['swarm', 'init', '--advertise-addr', '127.0.0.1'])
  return async () => {
    await docker(ctx.engine.dockerHost, ['swarm', 'leave', '--force'])
  }
}

async function runningCount(ctx: BrowserPhase, service: string): Promise<number> {
  return runningNow(await ctx.direct.swarm.tasks({ filters: { service: [service] } })).length
}

/** Issue 18: a service update until the service page shows every task replaced. */
export async function swarmUpdateToScreen(ctx: BrowserPhase): Promise<Row[]> {
  const leave = await ensureSwarm(ctx)
  const service = `hm-bench-swarm-${Date.now().toString(36)}`
  const replicas = ctx.sizes.swarmReplicas
  const labels = Object.entries(ctx.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const runs: UpdateRun[] = []
  const context = await signedInContext(ctx)
  const watch = new StartWatch(ctx.direct, service)
  try {
    await docker(ctx.engine.dockerHost, [
      ...['service', 'create', '--detach', '--name', service, ...labels, '--init'],
      ...['--replicas', String(replicas), '--update-parallelism', '1'],
      ...['--update-order', 'stop-first', '--stop-grace-period', '1s'],
      ...[ctx.fixtureImage, 'sleep', '3600'],
    ])
    const deadline = Date.now() + 120_000
    while ((await runningCount(ctx, service)) < replicas) {
      if (Date.now() > deadline) throw new Error('the service’s replicas never ran')
      await sleep(100)
    }
    const page = await context.newPage()
    await page.goto(`/hosts/local/swarm/services/${service}`)
    const settled = `document.querySelectorAll('tr[data-task-state=running][data-desired-state=running]').length === ${replicas}`
    await until(page, settled, 30_000)
    for (let i = -1; i < ctx.sizes.swarmUpdateRuns; i++) {
      const run = await oneRun(ctx, page, watch, service, i + 2)
      if (i >= 0) runs.push(run)
      // The next run starts from a finished update (its UpdateStatus completed).
      await untilUpdateCompleted(ctx.direct, service)
    }
  } finally {
    watch.close()
    await context.close()
    await docker(ctx.engine.dockerHost, ['service', 'rm', service]).catch(() => undefined)
    await leave()
  }
  return updateRows(runs, replicas)
}

async function untilUpdateCompleted(engine: Engine, service: string): Promise<void> {
  const deadline = Date.now() + 120_000
  while ((await engine.services.inspect(service)).updateStatus?.state !== 'completed') {
    if (Date.now() > deadline) throw new Error('the update never completed')
    await sleep(100)
  }
}

function updateRows(runs: readonly UpdateRun[], replicas: number): Row[] {
  const med = (pick: (r: UpdateRun) => number) => median(runs.map(pick))
  const [page, start, poll] = [
    med((r) => r.page),
    med((r) => r.engineStart),
    med((r) => r.enginePoll),
  ]
  const n = `${replicas} replicas, parallelism 1, median of ${runs.length}`
  return [
    {
      scenario: '12 Swarm update to screen',
      figure: `service update until the page shows every task replaced (${n}); direct: the engine's start event of the last new task`,
      value: ms(page),
      direct: ms(start),
      ratio: deltaMs(page - start),
      target: '≤ direct + 1 s',
      verdict: page - start <= 1000 ? 'PASS' : 'MISS',
      note: `from the CLI's spawn: the last new task's container start event ${ms(start)}, the engine's task list showing every new task running (polled every 10 ms) ${ms(poll)}, the page ${ms(page)}`,
    },
    {
      scenario: '12 Swarm update to screen',
      figure:
        "the same; direct: the engine's task list, polled every 10 ms, shows every new task running",
      value: ms(page),
      direct: ms(poll),
      ratio: deltaMs(page - poll),
      target: '—',
      verdict: 'INFO',
      note: 'the server reads a moving service’s tasks every 500 ms for all its watchers, and 100 ms after an event of it (a container start precedes its task’s running by a few tens of ms)',
    },
  ]
}

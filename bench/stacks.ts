import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:http'
import os from 'node:os'
import { join } from 'node:path'
import { dockerCompose } from '@harbormaster/testkit'
import { settle } from './api-overhead.ts'
import { type Session, httpRequest } from './clients.ts'
import type { ChildPhase, Row } from './context.ts'
import { count, inParallel, median, ms, now, ratio, sleep } from './measure.ts'

export const stacksMethod = `**Deploys**: one compose file of independent services (the fixture image, a main process that
ends at once on SIGTERM, one environment value each, the default network), deployed by the server
(the bundle through serve.sh, as users run it, behind the counting proxy) and by Debian's
\`docker-compose\` (compose v1, 1.29, a Python program: its start-up is part of its time, as it is
for whoever types it) on the same engine, straight on its socket. From nothing: storing the stack
(\`POST /stacks\`) and \`POST /up\` until its \`done\` line, against \`docker-compose -p P up -d\` of a
new project. Redeploy: one service's environment changed, saving the next version (\`PUT\`) and
\`up\` again, against \`up -d\` of the edited file; both recreate that one service only. Each run
uses fresh projects, both tools alternate which goes first, and both are taken down between runs
(not timed). Server defaults: 4 services deployed at once per host. **Stacks list**: compose
projects made straight on the engine (containers created, not started, with the compose CLI's
labels), then \`GET /api/hosts/local/stacks\` repeated once the server's engine calls have settled;
every engine request in that window is counted by the proxy (target 0: the list is the model's).
Beside it, the one engine call a client without a model would make for the same projects
(\`GET /containers/json?all=1\` filtered by the project label).`

/** Ends at once on SIGTERM (`wait` is interrupted by the trap), so stops cost neither tool a wait. */
const LOOP = `["sh", "-c", "trap 'exit 0' TERM; sleep 100000 & wait"]`

/** The same file for both tools: `services` independent of each other, one changed by `edit`. */
function composeFile(ctx: ChildPhase, services: number, edited = false): string {
  const labels = JSON.stringify(ctx.labels)
  const lines = ['services:']
  for (let i = 1; i <= services; i++) {
    const version = edited && i === 1 ? '2' : '1'
    lines.push(
      `  s${String(i).padStart(2, '0')}:`,
      `    image: ${ctx.fixtureImage}`,
      `    command: ${LOOP}`,
      `    environment: { VERSION: "${version}" }`,
      `    labels: ${labels}`,
    )
  }
  lines.push('networks:', '  default:', `    labels: ${labels}`, '')
  return lines.join('\n')
}

/** Sends a stack operation and reads its NDJSON to the end; fails unless it ends with `done`. */
async function operation(session: Session, method: string, path: string, body: unknown) {
  const answer = await session.send(method, path, body)
  const lines = answer.body.toString().trim().split('\n')
  const last = lines.at(-1) ?? ''
  if (answer.status !== 200 || !last.includes('"type":"done"')) {
    throw new Error(`${method} ${path}: ${answer.status} ${last.slice(0, 300)}`)
  }
}

interface DeployTimes {
  fromNothing: number
  redeploy: number
}

async function ourDeploy(ctx: ChildPhase, admin: Session, name: string): Promise<DeployTimes> {
  const stacks = '/api/hosts/local/stacks'
  const services = ctx.sizes.stackServices
  let t = now()
  await admin.expect(201, 'POST', stacks, { name, compose: composeFile(ctx, services) })
  await operation(admin, 'POST', `${stacks}/${name}/up`, {})
  const fromNothing = now() - t
  t = now()
  await admin.expect(200, 'PUT', `${stacks}/${name}`, {
    compose: composeFile(ctx, services, true),
    baseVersion: 1,
  })
  await operation(admin, 'POST', `${stacks}/${name}/up`, {})
  const redeploy = now() - t
  await operation(admin, 'POST', `${stacks}/${name}/down`, {})
  await admin.expect(204, 'DELETE', `${stacks}/${name}`)
  return { fromNothing, redeploy }
}

async function composeDeploy(ctx: ChildPhase, name: string): Promise<DeployTimes> {
  const dir = mkdtempSync(join(os.tmpdir(), 'hm-bench-compose-'))
  const host = ctx.engine.dockerHost
  const compose = (args: string[]) => dockerCompose(host, ['-p', name, ...args], { cwd: dir })
  try {
    const file = join(dir, 'docker-compose.yml')
    writeFileSync(file, composeFile(ctx, ctx.sizes.stackServices))
    let t = now()
    await compose(['up', '-d'])
    const fromNothing = now() - t
    writeFileSync(file, composeFile(ctx, ctx.sizes.stackServices, true))
    t = now()
    await compose(['up', '-d'])
    const redeploy = now() - t
    await compose(['down'])
    return { fromNothing, redeploy }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Issue 17: a stack's `up` and redeploy through the server against `docker-compose up -d`. */
export async function stackDeploys(ctx: ChildPhase): Promise<Row[]> {
  const ours: DeployTimes[] = []
  const theirs: DeployTimes[] = []
  for (let run = 0; run < ctx.sizes.stackRuns; run++) {
    const server = async () => {
      ours.push(await ourDeploy(ctx, ctx.admin, `bench-stack-${run}`))
    }
    const cli = async () => {
      theirs.push(await composeDeploy(ctx, `bench-compose-${run}`))
    }
    ctx.log(`stacks: deploy run ${run + 1}/${ctx.sizes.stackRuns}`)
    for (const step of run % 2 === 0 ? [server, cli] : [cli, server]) await step()
  }
  const services = ctx.sizes.stackServices
  const row = (figure: string, key: keyof DeployTimes): Row => {
    const [value, direct] = [median(ours.map((t) => t[key])), median(theirs.map((t) => t[key]))]
    const r = value / direct
    return {
      scenario: '11 Stacks',
      figure: `${figure} (${services} services, median of ${ctx.sizes.stackRuns})`,
      value: ms(value),
      direct: ms(direct),
      ratio: ratio(r),
      target: '≤ 1.00×',
      verdict: r <= 1 ? 'PASS' : 'MISS',
      note: `runs: ours ${ours.map((t) => ms(t[key])).join(', ')}; docker-compose ${theirs.map((t) => ms(t[key])).join(', ')}`,
    }
  }
  return [
    row('up from nothing (store + up) vs docker-compose up -d', 'fromNothing'),
    row('redeploy after one service changed (save + up) vs docker-compose up -d', 'redeploy'),
  ]
}

/** Issue 17: the stacks list of many projects is the model's: no engine call of its own. */
export async function stacksList(ctx: ChildPhase): Promise<Row[]> {
  const { listProjects, listContainersPerProject, listRuns } = ctx.sizes
  const made: string[] = []
  const specs = Array.from({ length: listProjects * listContainersPerProject }, (_, i) => ({
    project: `bench-list-${Math.floor(i / listContainersPerProject)}`,
    number: (i % listContainersPerProject) + 1,
  }))
  ctx.log(`creating ${specs.length} containers in ${listProjects} compose projects`)
  await inParallel(specs, 8, async ({ project, number }) => {
    const { id } = await ctx.direct.containers.create({
      name: `${project}-app-${number}`,
      image: ctx.fixtureImage,
      cmd: ['sleep', '100000'],
      labels: {
        ...ctx.labels,
        'com.docker.compose.project': project,
        'com.docker.compose.service': 'app',
        'com.docker.compose.container-number': String(number),
        'com.docker.compose.oneoff': 'False',
      },
    })
    made.push(id)
  })
  try {
    const total = () => [...ctx.proxy.byRoute.values()].reduce((a, b) => a + b, 0)
    const path = '/api/hosts/local/stacks'
    const viewer = ctx.viewers[0]!
    // The model has every container once a list shows every project; then the events settle.
    const deadline = now() + 120_000
    while (now() < deadline) {
      const stacks = (await viewer.expect(200, 'GET', path)) as { name: string }[]
      if (stacks.filter((s) => s.name.startsWith('bench-list-')).length >= listProjects) break
      await sleep(250)
    }
    await settle(total, ctx.sizes.settleMs)
    const before = ctx.proxy.snapshot()
    const times: number[] = []
    for (let run = 0; run < listRuns; run++) {
      const t = now()
      await viewer.expect(200, 'GET', path)
      times.push(now() - t)
    }
    const calls = [...ctx.proxy.since(before)]
    const callCount = calls.reduce((sum, [, n]) => sum + n, 0)
    const direct = await directProjectList(ctx, listRuns)
    const containers = listProjects * listContainersPerProject
    return [
      {
        scenario: '11 Stacks',
        figure: `stacks list, ${listProjects} projects and ${count(containers)} containers: engine calls for ${listRuns} lists`,
        value: String(callCount),
        direct: '—',
        ratio: '—',
        target: '0',
        verdict: callCount === 0 ? 'PASS' : 'MISS',
        ...(callCount === 0
          ? {}
          : { note: calls.map(([route, n]) => `${route} ×${n}`).join(', ') }),
      },
      {
        scenario: '11 Stacks',
        figure: `stacks list time, median of ${listRuns}; direct: the engine's filtered container list`,
        value: ms(median(times)),
        direct: ms(direct),
        ratio: ratio(median(times) / direct),
        target: '—',
        verdict: 'INFO',
      },
    ]
  } finally {
    await inParallel(made, 8, async (id) => {
      await ctx.direct.containers.remove(id, { force: true }).catch(() => undefined)
    })
  }
}

/** What listing the projects costs a client without a model: one filtered list per view. */
async function directProjectList(ctx: ChildPhase, runs: number): Promise<number> {
  const agent = new Agent({ keepAlive: true })
  const filters = encodeURIComponent(JSON.stringify({ label: ['com.docker.compose.project'] }))
  const times: number[] = []
  try {
    for (let run = 0; run < runs; run++) {
      const t = now()
      const answer = await httpRequest({
        agent,
        socketPath: ctx.engine.socketPath,
        path: `/v${ctx.apiVersion}/containers/json?all=1&filters=${filters}`,
      })
      if (answer.status !== 200) throw new Error(`engine list: ${answer.status}`)
      times.push(now() - t)
    }
  } finally {
    agent.destroy()
  }
  return median(times)
}

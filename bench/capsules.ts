/**
 * Crash capsules and log retention (issue 20), on a private engine with the server in this
 * process. Not a timed test: `node bench/capsules.ts` (`--smoke` for a quick run) prints:
 *
 * 1. The race at `die`: how many of N `docker run --rm` containers that print 1,000 lines and
 *    exit 2 got a capsule holding their last 500 lines from the engine (the log read won the
 *    race against the engine's auto-removal) and how many say the log was gone.
 * 2. Log retention's engine cost: K containers printing 10 lines a second; dockerd's (and
 *    containerd's and the shims') CPU from /proc/<pid>/stat, in slices alternating between no
 *    rule and a rule that follows all K, so drift on the machine hits both alike. The figure is
 *    the difference per followed container.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import {
  FIXTURE_IMAGE,
  docker,
  ensureFixtureImages,
  startPrivateEngine,
} from '@harbormaster/testkit'
import { pino } from 'pino'
import { loadConfig } from '../apps/server/src/config.ts'
import { startServer } from '../apps/server/src/server.ts'
import { CpuWindow, engineCpuGroups, pct, sleep } from './measure.ts'

const smoke = process.argv.includes('--smoke')
const RACE_RUNS = smoke ? 5 : 50
const FOLLOWED = smoke ? 2 : 5
const SLICE_MS = smoke ? 3000 : 20_000
const SLICES = smoke ? 1 : 3
const LABEL = 'hm-bench-capsules'

const log = (line: string) => {
  process.stderr.write(`[capsules] ${line}\n`)
}

const engine = await startPrivateEngine({ name: 'capsbench' })
const dataDir = mkdtempSync(join(os.tmpdir(), 'hm-capsules-bench-'))
try {
  await ensureFixtureImages(engine.dockerHost)
  const server = await startServer(
    loadConfig({
      HARBORMASTER_PORT: '0',
      HARBORMASTER_BIND: '127.0.0.1',
      HARBORMASTER_DATA_DIR: dataDir,
      HARBORMASTER_LOG_LEVEL: 'silent',
      DOCKER_HOST: engine.dockerHost,
    }),
    pino({ level: 'silent' }),
  )
  const capsules = server.services.capsules
  const host = server.services.hosts.get('local')
  if (host === undefined) throw new Error('no local host')
  while (!host.events.connected) await sleep(50)

  // 1. The race.
  log(`race: ${RACE_RUNS} docker run --rm, 1,000 lines, exit 2`)
  const names: string[] = []
  for (let i = 0; i < RACE_RUNS; i++) {
    const name = `hm-race-${i}`
    names.push(name)
    await docker(engine.dockerHost, [
      'run',
      '--rm',
      '--name',
      name,
      '--label',
      `${LABEL}=race`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'seq 1000; exit 2',
    ]).catch(() => undefined)
  }
  await capsules.settled()
  let won = 0
  let lost = 0
  let missing = 0
  for (const name of names) {
    const [summary] = capsules.store.list('local', () => true, { name, limit: 1 })
    if (summary === undefined) missing++
    else if (summary.logSource === 'engine' && summary.logLineCount === 500) won++
    else lost++
  }
  const load = os.loadavg()[0]?.toFixed(1) ?? '?'
  console.log(
    `race at die, docker run --rm (${RACE_RUNS} runs, load ${load} on ${os.availableParallelism()} cores): ` +
      `log read ${won}, log gone ${lost}, no capsule ${missing}`,
  )

  // 2. The follower's engine cost.
  log(`follower cost: ${FOLLOWED} containers at 10 lines/s, ${SLICES}×2 slices of ${SLICE_MS} ms`)
  for (let i = 0; i < FOLLOWED; i++) {
    await docker(engine.dockerHost, [
      'run',
      '-d',
      '--name',
      `hm-chatty-${i}`,
      '--label',
      `${LABEL}=chatty`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'i=0; while :; do i=$((i+1)); echo "line $i of a chatty container"; sleep 0.1; done',
    ])
  }
  const groups = engineCpuGroups(engine.stateDir)
  const seconds = { off: { engine: 0, dockerd: 0, t: 0 }, on: { engine: 0, dockerd: 0, t: 0 } }
  const measure = async (mode: 'off' | 'on') => {
    if (mode === 'on') {
      const { rule } = capsules.rules.add(
        'local',
        { match: 'label', value: `${LABEL}=chatty` },
        undefined,
        'bench',
      )
      await capsules.rulesChanged('local')
      if (capsules.following('local').length !== FOLLOWED) throw new Error('not all followed')
      await sleep(1000)
      const window = new CpuWindow(groups)
      await sleep(SLICE_MS)
      const cpu = window.stop()
      capsules.rules.delete('local', rule.id)
      await capsules.rulesChanged('local')
      return cpu
    }
    await sleep(1000)
    const window = new CpuWindow(groups)
    await sleep(SLICE_MS)
    return window.stop()
  }
  for (let s = 0; s < SLICES; s++) {
    for (const mode of ['off', 'on'] as const) {
      const cpu = await measure(mode)
      const engineSeconds =
        (cpu.cpuSeconds.dockerd ?? 0) +
        (cpu.cpuSeconds.containerd ?? 0) +
        (cpu.cpuSeconds.shims ?? 0)
      seconds[mode].engine += engineSeconds
      seconds[mode].dockerd += cpu.cpuSeconds.dockerd ?? 0
      seconds[mode].t += cpu.seconds
    }
  }
  const share = (mode: 'off' | 'on', what: 'engine' | 'dockerd') =>
    (seconds[mode][what] / seconds[mode].t) * 100
  const perContainer = (what: 'engine' | 'dockerd') =>
    `${((share('on', what) - share('off', what)) / FOLLOWED).toFixed(2)} %`
  console.log(
    `log retention, ${FOLLOWED} containers at 10 lines/s: dockerd ${pct(share('off', 'dockerd'))} without, ` +
      `${pct(share('on', 'dockerd'))} with followers → ${perContainer('dockerd')} of a core per followed container; ` +
      `dockerd+containerd+shims ${pct(share('off', 'engine'))} → ${pct(share('on', 'engine'))} ` +
      `(${perContainer('engine')} per container)`,
  )
  const ring = server.services.db.prepare('SELECT COUNT(*) AS n FROM log_ring_lines').get() as {
    n: number
  }
  log(`ring lines left after the rule went: ${ring.n}`)
  await server.close()
} finally {
  await engine.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

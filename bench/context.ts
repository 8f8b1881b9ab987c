import type { Engine } from '@harbormaster/engine'
import type { PrivateEngine } from '@harbormaster/testkit'
import type { Session } from './clients.ts'
import type { CountingProxy } from './counting-proxy.ts'

export type Verdict = 'PASS' | 'MISS' | 'INFO' | 'SKIPPED' | 'ERROR'

/** One line of the results table. */
export interface Row {
  /** Scenario number and name, e.g. `1 API overhead`. */
  scenario: string
  figure: string
  /** Through Harbormaster. */
  value: string
  /** The same thing straight from the engine, measured in the same run ('—' if none). */
  direct: string
  ratio: string
  target: string
  verdict: Verdict
  /** For a MISS: why, in one sentence. Otherwise how the figure was taken, if not obvious. */
  note?: string
}

/** How big each scenario is; `--smoke` shrinks everything so the harness runs in seconds. */
export interface Sizes {
  /** Scenario 1: containers created (not started). */
  containers: number
  /** Scenario 1: timed requests per path (after warm-up). */
  apiRuns: number
  /** Scenario 1: timed `size=true` pass-through requests per path (each makes the engine du). */
  passThroughRuns: number
  /** Scenario 3: running containers and overview clients, and the measured window. */
  statsContainers: number
  statsClients: number
  statsWindowMs: number
  /** Scenario 4: one reading window, and how many per path. */
  logsWindowMs: number
  logsRuns: number
  /** Scenario 5: keystrokes per path. */
  keystrokes: number
  /** Scenario 7: clients with an events and a stats socket each. */
  footprintClients: number
  /** Issue 10: the many-browsers count, the window per configuration, split in slices. */
  browsers: number
  browserWindowMs: number
  browserSlices: number
  /** Issue 10: the window with no client at all. */
  idleWindowMs: number
  /** Quiet time after a change before measuring (engine calls settled). */
  settleMs: number
  /** Scenario 2: cold loads of the containers view. */
  viewRuns: number
  /** Scenario 6: containers started from the CLI while the view is open. */
  screenRuns: number
  /** Engine transport: calls per child process, and child processes per client. */
  transportCalls: number
  transportRounds: number
  /** Issue 17: services in the deployed stack, and runs of each tool. */
  stackServices: number
  stackRuns: number
  /** Issue 17: compose projects and containers in each for the stacks list, and lists timed. */
  listProjects: number
  listContainersPerProject: number
  listRuns: number
  /** Issue 18: the swarm service's replicas, and updates timed. */
  swarmReplicas: number
  swarmUpdateRuns: number
  /** Issue 20: each window of the metric history's engine cost (baseline, CLI, streams, one-shot). */
  historyWindowMs: number
}

export const FULL: Sizes = {
  containers: 1000,
  apiRuns: 20,
  passThroughRuns: 9,
  statsContainers: 100,
  statsClients: 10,
  statsWindowMs: 60_000,
  logsWindowMs: 5000,
  logsRuns: 3,
  keystrokes: 200,
  footprintClients: 50,
  browsers: 10,
  browserWindowMs: 60_000,
  browserSlices: 3,
  idleWindowMs: 60_000,
  settleMs: 2000,
  viewRuns: 7,
  screenRuns: 10,
  transportCalls: 5000,
  transportRounds: 3,
  stackServices: 10,
  stackRuns: 5,
  listProjects: 50,
  listContainersPerProject: 10,
  listRuns: 20,
  swarmReplicas: 4,
  swarmUpdateRuns: 5,
  historyWindowMs: 60_000,
}

export const SMOKE: Sizes = {
  containers: 20,
  apiRuns: 3,
  passThroughRuns: 1,
  statsContainers: 4,
  statsClients: 3,
  statsWindowMs: 2000,
  logsWindowMs: 700,
  logsRuns: 1,
  keystrokes: 15,
  footprintClients: 4,
  browsers: 4,
  browserWindowMs: 2000,
  browserSlices: 1,
  idleWindowMs: 1000,
  settleMs: 500,
  viewRuns: 2,
  screenRuns: 2,
  transportCalls: 200,
  transportRounds: 1,
  stackServices: 3,
  stackRuns: 1,
  listProjects: 5,
  listContainersPerProject: 2,
  listRuns: 3,
  swarmReplicas: 2,
  swarmUpdateRuns: 1,
  historyWindowMs: 1000,
}

/** What every scenario can use: the engine, its direct client, the run's labels. */
export interface BenchBase {
  sizes: Sizes
  smoke: boolean
  engine: PrivateEngine
  /** The bench's own engine client (setup and the direct figures), straight to the socket. */
  direct: Engine
  apiVersion: string
  labels: Record<string, string>
  fixtureImage: string
  /** The Origin the server is configured with; clients send it. */
  origin: string
  log(message: string): void
}

/** Phase 1: the server runs in this process, straight on the engine socket. */
export interface InProcessPhase extends BenchBase {
  url: string
  admin: Session
  /** `server.services.hosts.get('local')`. */
  host: {
    engine: Engine
    containers: { list(o: { all: boolean }): Promise<unknown[] | undefined>; warm: boolean }
  }
}

/** Phase 2: the server is a child process (the bundle through serve.sh) behind a proxy. */
export interface ChildPhase extends BenchBase {
  url: string
  /** The server's pid, for /proc. */
  serverPid: number
  /** Counts every engine request the server makes. */
  proxy: CountingProxy
  /** Signed-in viewers, one per simulated browser (32 sockets per user at most). */
  viewers: Session[]
  /** The bench's admin, signed in (stacks are deployed as it). */
  admin: Session
}

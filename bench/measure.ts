import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Nearest-rank percentile (p in 0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

/** Milliseconds, monotonic, sub-millisecond resolution. */
export function now(): number {
  return performance.now()
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

// ---- /proc readers ---------------------------------------------------------------------------

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** utime + stime of a process (or `/proc/<pid>/task/<tid>`), in seconds; undefined once gone. */
export function cpuSeconds(pid: number, tid?: number): number | undefined {
  const path = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`
  const stat = readText(path)
  if (stat === undefined) return undefined
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // Fields 14 and 15 of stat(5) (utime, stime) are at 11 and 12 after the name and state.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
}

function statusField(pid: number, field: string): number | undefined {
  const status = readText(`/proc/${pid}/status`)
  const match =
    status === undefined ? null : new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  return match ? Number(match[1]) * 1024 : undefined
}

/** Resident set size now, in bytes. */
export function rssBytes(pid: number): number | undefined {
  return statusField(pid, 'VmRSS')
}

/** Peak resident set size since the process started, in bytes. */
export function peakRssBytes(pid: number): number | undefined {
  return statusField(pid, 'VmHWM')
}

export function processes(): { pid: number; ppid: number; comm: string; cmdline: string }[] {
  const found = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    const stat = readText(`/proc/${pid}/stat`)
    if (stat === undefined) continue
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    const cmdline = (readText(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ')
    found.push({ pid, ppid, comm, cmdline })
  }
  return found
}

/** The processes of one private engine: dockerd (its pidfile), its containerd, its shims. */
export interface EnginePids {
  dockerd: number[]
  containerd: number[]
  shims: number[]
}

/**
 * Finds a private engine's processes from its state dir: dockerd from the pidfile, containerd
 * as dockerd's child, and the containerd shims whose `-address` lies under the state dir (shims
 * are re-parented to init, so they are found by their command line, not their parent).
 */
export function enginePids(stateDir: string): EnginePids {
  const dockerd = Number(readText(join(stateDir, 'pid'))?.trim())
  const all = processes()
  return {
    dockerd: Number.isInteger(dockerd) && dockerd > 0 ? [dockerd] : [],
    containerd: all.filter((p) => p.ppid === dockerd && p.comm === 'containerd').map((p) => p.pid),
    shims: all
      .filter((p) => p.comm.startsWith('containerd-shim') && p.cmdline.includes(stateDir))
      .map((p) => p.pid),
  }
}

/** CPU over a window, as % of one core, per named group of processes. */
export type CpuReport = Record<string, number>

/**
 * Measures CPU over a window for groups of processes. Groups are resolved at the start and the
 * end; a process counts if it is there at both (processes that live less than the window, such
 * as a shim of a container started and stopped inside it, are not counted).
 */
export class CpuWindow {
  readonly #groups: Record<string, () => number[]>
  readonly #start: Map<string, Map<number, number>>
  readonly #startedAt = now()

  constructor(groups: Record<string, () => number[]>) {
    this.#groups = groups
    this.#start = this.#sample()
  }

  #sample(): Map<string, Map<number, number>> {
    const result = new Map<string, Map<number, number>>()
    for (const [name, pids] of Object.entries(this.#groups)) {
      const byPid = new Map<number, number>()
      for (const pid of pids()) {
        const seconds = cpuSeconds(pid)
        if (seconds !== undefined) byPid.set(pid, seconds)
      }
      result.set(name, byPid)
    }
    return result
  }

  /** % of one core per group since the window started; `seconds` is the window's length. */
  stop(): { percent: CpuReport; cpuSeconds: CpuReport; seconds: number } {
    const end = this.#sample()
    const seconds = (now() - this.#startedAt) / 1000
    const percent: CpuReport = {}
    const used: CpuReport = {}
    for (const [name, startByPid] of this.#start) {
      let total = 0
      for (const [pid, after] of end.get(name) ?? new Map<number, number>()) {
        const before = startByPid.get(pid)
        if (before !== undefined) total += after - before
      }
      used[name] = total
      percent[name] = (total / seconds) * 100
    }
    return { percent, cpuSeconds: used, seconds }
  }
}

/** CPU groups for a private engine: dockerd, containerd and the containers' shims. */
export function engineCpuGroups(stateDir: string): Record<string, () => number[]> {
  return {
    dockerd: () => enginePids(stateDir).dockerd,
    containerd: () => enginePids(stateDir).containerd,
    shims: () => enginePids(stateDir).shims,
  }
}

// ---- the machine -----------------------------------------------------------------------------

export interface MachineInfo {
  cpuModel: string
  cores: number
  memoryGiB: number
  kernel: string
  node: string
  loadAverage: string
}

export function machineInfo(): MachineInfo {
  const cpuinfo = readText('/proc/cpuinfo') ?? ''
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model
  return {
    cpuModel: model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  }
}

// ---- formatting ------------------------------------------------------------------------------

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (value < 1) return `${value.toFixed(3)} ms`
  if (value < 10) return `${value.toFixed(2)} ms`
  return `${value.toFixed(1)} ms`
}

/** A signed difference in milliseconds: `+0.21 ms`, `-0.05 ms`. */
export function deltaMs(value: number): string {
  return `${value >= 0 ? '+' : '-'}${ms(Math.abs(value))}`
}

export function pct(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} %` : 'n/a'
}

/** Megabytes of 10^6 bytes (the budgets in the issues are compared in these units). */
export function mb(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(1)} MB`
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

import {
  type WireObject,
  asArray,
  asNumber,
  asObject,
  asString,
  asTimestamp,
  stripSlash,
} from '../wire/wire-read.ts'

/** Cumulative CPU counters of one sample; CPU % is the ratio of two samples' deltas. */
export interface CpuCounters {
  /** Container CPU time, nanoseconds. */
  totalUsage: number
  /** Host CPU time, nanoseconds; absent on engines that do not report it. */
  systemUsage?: number
  onlineCpus: number
}

/** One normalised `GET /containers/{id}/stats` sample (docs/engine.md#stats). */
export interface StatsSample {
  id: string
  name: string
  /** RFC 3339; absent for a stopped container's zeroed sample. */
  read?: string
  cpu: CpuCounters
  /** The engine's own previous counters (`precpu_stats`), empty on a stream's first sample. */
  previousCpu?: CpuCounters
  /** Memory in use, page cache excluded as `docker stats` does. */
  memoryUsed: number
  memoryLimit: number
  networkRx: number
  networkTx: number
  blockRead: number
  blockWrite: number
  pids: number
}

/** Values at or above 2^53 mean "unlimited" (docs/engine.md#stats). */
const UNLIMITED = 2 ** 53

export function toStatsSample(wire: unknown): StatsSample {
  const doc = asObject(wire)
  const read = asTimestamp(doc.read)
  const previousCpu = toCpu(asObject(doc.precpu_stats))
  const memory = asObject(doc.memory_stats)
  const network = sumNetworks(asObject(doc.networks))
  const block = sumBlockIo(asObject(doc.blkio_stats))
  const limit = asNumber(memory.limit)
  return {
    // Podman sends `Id` and names without "/" (docs/engine.md#podman).
    id: asString(doc.id ?? doc.Id),
    name: stripSlash(asString(doc.name)),
    ...(read ? { read } : {}),
    cpu: toCpu(asObject(doc.cpu_stats)),
    ...(previousCpu.totalUsage > 0 ? { previousCpu } : {}),
    memoryUsed: memoryUsed(memory),
    memoryLimit: limit >= UNLIMITED ? 0 : limit,
    networkRx: network.rx,
    networkTx: network.tx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: asNumber(asObject(doc.pids_stats).current),
  }
}

function toCpu(stats: WireObject): CpuCounters {
  const usage = asObject(stats.cpu_usage)
  const perCpu = asArray(usage.percpu_usage)
  const system = stats.system_cpu_usage
  // online_cpus arrived in 1.27 and is missing on some Podman releases.
  const onlineCpus = asNumber(stats.online_cpus) || perCpu.length || 1
  return {
    totalUsage: asNumber(usage.total_usage),
    ...(system === undefined ? {} : { systemUsage: asNumber(system) }),
    onlineCpus,
  }
}

/**
 * Memory as `docker stats` shows it: usage minus inactive file pages on cgroup v1
 * (`total_inactive_file`) and v2 (`inactive_file`), or minus `cache` on older engines.
 */
function memoryUsed(memory: WireObject): number {
  const usage = asNumber(memory.usage)
  const stats = asObject(memory.stats)
  const cacheKey = ['total_inactive_file', 'inactive_file', 'cache'].find((k) => k in stats)
  const cache = cacheKey === undefined ? 0 : asNumber(stats[cacheKey])
  return cache < usage ? usage - cache : usage
}

function sumNetworks(networks: WireObject): { rx: number; tx: number } {
  let rx = 0
  let tx = 0
  for (const value of Object.values(networks)) {
    const iface = asObject(value)
    rx += asNumber(iface.rx_bytes)
    tx += asNumber(iface.tx_bytes)
  }
  return { rx, tx }
}

function sumBlockIo(blkio: WireObject): { read: number; write: number } {
  let read = 0
  let write = 0
  for (const entry of asArray(blkio.io_service_bytes_recursive).map(asObject)) {
    const op = asString(entry.op).toLowerCase()
    if (op === 'read') read += asNumber(entry.value)
    if (op === 'write') write += asNumber(entry.value)
  }
  return { read, write }
}

/**
 * CPU % of one core times the number of CPUs, as `docker stats` computes it: the container's
 * share of host CPU time between two samples. Returns 0 when the deltas are unusable.
 */
export function cpuPercent(current: CpuCounters, previous: CpuCounters | undefined): number {
  if (!previous || current.systemUsage === undefined || previous.systemUsage === undefined) return 0
  const cpuDelta = current.totalUsage - previous.totalUsage
  const systemDelta = current.systemUsage - previous.systemUsage
  if (cpuDelta <= 0 || systemDelta <= 0) return 0
  return (cpuDelta / systemDelta) * current.onlineCpus * 100
}

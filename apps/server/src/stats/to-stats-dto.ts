import type { StatsSampleDto } from '@harbormaster/contract'
import type { StatsSample } from '@harbormaster/engine'

/** Two decimals are all a gauge shows, and they keep a 64-container overview message small. */
const round2 = (value: number) => Math.round(value * 100) / 100

/**
 * One sample as the web receives it, with the CPU % the hub computed from consecutive samples.
 * A memory limit of 0 means unlimited, and its percentage 0.
 */
export function toStatsDto(sample: StatsSample, cpu: number, id: string): StatsSampleDto {
  const { memoryUsed, memoryLimit } = sample
  return {
    id: sample.id || id,
    name: sample.name,
    read: sample.read ?? new Date().toISOString(),
    cpuPercent: round2(cpu),
    memoryUsed,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? round2((memoryUsed / memoryLimit) * 100) : 0,
    networkRx: sample.networkRx,
    networkTx: sample.networkTx,
    blockRead: sample.blockRead,
    blockWrite: sample.blockWrite,
    pids: sample.pids,
  }
}

import { type StatsSample, cpuPercent } from '@harbormaster/engine'
import type { Figures } from './points.ts'

/** A snapshot and when it was taken (the engine's time, else ours). */
export interface Reading {
  sample: StatsSample
  at: number
}

export function readingOf(sample: StatsSample, fallbackAt: number): Reading {
  const read = sample.read === undefined ? Number.NaN : Date.parse(sample.read)
  return { sample, at: Number.isFinite(read) ? read : fallbackAt }
}

/** A counter's growth per second; a counter that went back (restarted) counts from zero. */
function rate(current: number, previous: number, seconds: number): number {
  const grown = current >= previous ? current - previous : current
  return seconds > 0 ? grown / seconds : 0
}

/**
 * The figures between two snapshots of one container: CPU % as `docker stats` computes it from
 * the two snapshots' counters (the average over the time between them, not one second of it),
 * memory now, and network and block I/O as bytes per second over that time.
 */
export function figuresBetween(previous: Reading, current: Reading): Figures {
  const seconds = (current.at - previous.at) / 1000
  const [a, b] = [previous.sample, current.sample]
  return {
    cpuPercent: cpuPercent(b.cpu, a.cpu),
    memoryUsed: b.memoryUsed,
    networkRx: rate(b.networkRx, a.networkRx, seconds),
    networkTx: rate(b.networkTx, a.networkTx, seconds),
    blockRead: rate(b.blockRead, a.blockRead, seconds),
    blockWrite: rate(b.blockWrite, a.blockWrite, seconds),
  }
}

/** The host's figures: its containers' added up, as the host overview shows them together. */
export function sumFigures(all: readonly Figures[]): Figures {
  const sum: Figures = {
    cpuPercent: 0,
    memoryUsed: 0,
    networkRx: 0,
    networkTx: 0,
    blockRead: 0,
    blockWrite: 0,
  }
  for (const figures of all) {
    for (const name of Object.keys(sum) as (keyof Figures)[]) sum[name] += figures[name]
  }
  return sum
}

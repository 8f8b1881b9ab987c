import { humanDuration } from '@harbormaster/contract'
import type { Container, ContainerState } from '@harbormaster/engine'

/** What the engine's status text is made of; read from inspect (State.*). */
export interface ContainerTiming {
  state: ContainerState
  /** Milliseconds since the epoch; undefined when never started / never finished. */
  startedAt: number | undefined
  finishedAt: number | undefined
  exitCode: number
  health: 'starting' | 'healthy' | 'unhealthy' | undefined
}

/**
 * The status text exactly as the engine and `docker ps` write it (moby's State.String), so the
 * dashboard can keep it current between engine reads: "Up 5 minutes (healthy)",
 * "Exited (3) 2 hours ago", "Up 2 days (Paused)", "Restarting (1) 3 seconds ago", "Created".
 */
export function statusText(timing: ContainerTiming, now: number): string {
  const { state, startedAt, finishedAt, exitCode, health } = timing
  if (state === 'paused') return `Up ${humanDuration(now - (startedAt ?? now))} (Paused)`
  if (state === 'restarting')
    return `Restarting (${exitCode}) ${humanDuration(now - (finishedAt ?? now))} ago`
  if (state === 'running') {
    const up = `Up ${humanDuration(now - (startedAt ?? now))}`
    if (health === undefined) return up
    return `${up} (${health === 'starting' ? 'health: starting' : health})`
  }
  if (state === 'removing') return 'Removal In Progress'
  if (state === 'dead') return 'Dead'
  if (startedAt === undefined) return 'Created'
  if (finishedAt === undefined) return ''
  return `Exited (${exitCode}) ${humanDuration(now - finishedAt)} ago`
}

/**
 * The timing of a container whose status text does not move with time ("Created", "Dead",
 * "Removal In Progress"), taken from its list row: no inspect needed. A host with many
 * never-started containers would otherwise cost one inspect each when the model warms up.
 */
export function timelessTiming(container: Container): ContainerTiming | undefined {
  const { state, status } = container
  const timeless =
    (state === 'created' && status === 'Created') ||
    (state === 'dead' && status === 'Dead') ||
    (state === 'removing' && status === 'Removal In Progress')
  if (!timeless) return undefined
  return { state, startedAt: undefined, finishedAt: undefined, exitCode: 0, health: undefined }
}

import type { ContainerState } from '@harbormaster/contract'
import { Badge, type Tone } from '../ui/index.ts'

const STATE_TONE: Record<ContainerState, Tone> = {
  running: 'ok',
  restarting: 'warn',
  paused: 'info',
  created: 'muted',
  removing: 'warn',
  exited: 'muted',
  dead: 'bad',
}

const HEALTH_TONE: Record<string, Tone> = { healthy: 'ok', starting: 'warn', unhealthy: 'bad' }

export function StateBadge({ state }: { state: ContainerState }) {
  return <Badge tone={STATE_TONE[state]}>{state}</Badge>
}

export function HealthBadge({ health }: { health: string | undefined }) {
  if (health === undefined || health === '' || health === 'none') return null
  return <Badge tone={HEALTH_TONE[health] ?? 'muted'}>{health}</Badge>
}

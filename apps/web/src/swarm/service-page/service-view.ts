import type {
  ServiceCreateInput,
  ServiceUpdateStatus,
  SwarmNode,
  SwarmService,
  SwarmTask,
} from '@harbormaster/contract'
import type { Tone } from '../../ui/index.ts'

/** The tasks on one node (or not placed yet), as the page lists them. */
export interface NodeGroup {
  /** Undefined for tasks the scheduler has not placed. */
  nodeId: string | undefined
  hostname: string
  tasks: SwarmTask[]
}

const UNPLACED = 'Not placed yet'

/**
 * Tasks by node, nodes by host name (unplaced tasks last); in a node, by slot, the newest task
 * of a slot first, so a slot's new task sits above the one it replaced.
 */
export function groupTasksByNode(tasks: readonly SwarmTask[], nodes: readonly SwarmNode[]) {
  const hostnames = new Map(nodes.map((n) => [n.id, n.hostname]))
  const groups = new Map<string | undefined, NodeGroup>()
  for (const task of tasks) {
    const group = groups.get(task.nodeId) ?? {
      nodeId: task.nodeId,
      hostname: task.nodeId === undefined ? UNPLACED : (hostnames.get(task.nodeId) ?? task.nodeId),
      tasks: [],
    }
    group.tasks.push(task)
    groups.set(task.nodeId, group)
  }
  for (const group of groups.values()) group.tasks.sort(byTaskOrder)
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.nodeId === undefined) - Number(b.nodeId === undefined) ||
      a.hostname.localeCompare(b.hostname),
  )
}

function byTaskOrder(a: SwarmTask, b: SwarmTask): number {
  return (a.slot ?? 0) - (b.slot ?? 0) || Date.parse(b.timestamp) - Date.parse(a.timestamp)
}

/** States a task is in while it is on its way to running or to stopping. */
const ON_ITS_WAY = new Set([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
])

/**
 * The tasks worth a row: those meant to run, those still moving, and those that stopped since
 * the running update began (what it replaced). Older history (the engine keeps a few per slot)
 * only with `history`.
 */
export function shownTasks(
  tasks: readonly SwarmTask[],
  updateStatus: ServiceUpdateStatus | undefined,
  history: boolean,
): SwarmTask[] {
  if (history) return [...tasks]
  // Parsed, not compared as text: the engine trims trailing zeros of the nanoseconds.
  const since =
    updateStatus?.startedAt === undefined ? undefined : Date.parse(updateStatus.startedAt)
  return tasks.filter(
    (t) =>
      t.desiredState === 'running' ||
      t.state === 'running' ||
      ON_ITS_WAY.has(t.state) ||
      (since !== undefined && Date.parse(t.timestamp) >= since),
  )
}

/** Running tasks against those the service asks for, as `docker service ls` counts them. */
export function replicaCounts(
  tasks: readonly SwarmTask[],
  settings: Pick<ServiceCreateInput, 'mode'>,
): { running: number; desired: number } {
  const meant = tasks.filter((t) => t.desiredState === 'running')
  const running = meant.filter((t) => t.state === 'running').length
  const mode = settings.mode
  const desired = mode && 'replicated' in mode ? mode.replicated : meant.length
  return { running, desired }
}

export interface UpdateWording {
  /** A word or two: "updating", "paused", "rolled back". */
  label: string
  tone: Tone
  /** What it means, said plainly. */
  meaning: string
}

const UPDATE_WORDING: Record<string, UpdateWording> = {
  updating: {
    label: 'updating',
    tone: 'info',
    meaning: 'Tasks are being replaced with the new settings.',
  },
  paused: {
    label: 'paused',
    tone: 'warn',
    meaning: 'The update stopped part-way (a new task failed); some tasks run the old settings.',
  },
  completed: { label: 'updated', tone: 'ok', meaning: 'Every task runs the current settings.' },
  rollback_started: {
    label: 'rolling back',
    tone: 'warn',
    meaning: 'The update failed and the previous settings are being restored.',
  },
  rollback_paused: {
    label: 'rollback paused',
    tone: 'bad',
    meaning: 'Restoring the previous settings stopped part-way.',
  },
  rollback_completed: {
    label: 'rolled back',
    tone: 'bad',
    meaning: 'The update failed; the service runs its previous settings again.',
  },
}

/** How the page says an update's state; an unknown state is shown as the engine says it. */
export function updateWording(status: ServiceUpdateStatus): UpdateWording {
  return (
    UPDATE_WORDING[status.state] ?? {
      label: status.state.replaceAll('_', ' '),
      tone: 'muted',
      meaning: '',
    }
  )
}

/** Whether the update is still replacing tasks (the page's live status says so). */
export function isUpdating(status: ServiceUpdateStatus | undefined): boolean {
  return status?.state === 'updating' || status?.state === 'rollback_started'
}

/** `8080→80/tcp (host)`, or a dash; the ports as the engine assigned them. */
export function portsText(ports: SwarmService['ports']): string {
  return (
    ports
      .map(
        (p) =>
          `${p.publishedPort === undefined ? '' : `${p.publishedPort}→`}${p.targetPort}/${p.protocol}` +
          (p.publishMode === 'host' ? ' (host)' : ''),
      )
      .join(', ') || '—'
  )
}

export const TASK_TONES: Record<string, Tone> = {
  running: 'ok',
  complete: 'info',
  failed: 'bad',
  rejected: 'bad',
  shutdown: 'muted',
}

import type { StackStatus, StackSummary } from '@harbormaster/contract'
import type { Tone } from '../ui/index.ts'

export const STATUS_TONE: Record<StackStatus, Tone> = {
  running: 'ok',
  partial: 'warn',
  exited: 'muted',
  created: 'muted',
  empty: 'info',
}

/** "running 3/3", "partial 1/3", "exited 0/2", or "not deployed" for a managed stack with none. */
export function statusText(stack: Pick<StackSummary, 'status' | 'running' | 'total'>): string {
  if (stack.status === 'empty') return 'not deployed'
  return `${stack.status} ${stack.running}/${stack.total}`
}

export const ORIGIN_LABEL: Record<StackSummary['origin'], string> = {
  managed: 'Harbormaster',
  cli: 'compose CLI',
}

export interface StackFilter {
  search: string
  /** `managed`, `cli` or '' for both. */
  origin: string
  /** A status, or '' for any. */
  status: string
}

/** The stacks the search and filters let through, by name. */
export function filterStacks(stacks: readonly StackSummary[], filter: StackFilter): StackSummary[] {
  const query = filter.search.trim().toLowerCase()
  return stacks
    .filter((s) => filter.origin === '' || s.origin === filter.origin)
    .filter((s) => filter.status === '' || s.status === filter.status)
    .filter(
      (s) =>
        query === '' ||
        s.name.toLowerCase().includes(query) ||
        s.services.some((service) => service.name.toLowerCase().includes(query)),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
}

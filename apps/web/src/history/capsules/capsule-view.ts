import type { CapsuleSummary } from '@harbormaster/contract'
import type { Tone } from '../../ui/index.ts'

/** Where the host's capsules are listed (`name`: one container name's earlier runs). */
export function capsulesPath(hostId: string, name?: string): string {
  const base = `/hosts/${encodeURIComponent(hostId)}/capsules`
  return name === undefined ? base : `${base}?${new URLSearchParams({ name }).toString()}`
}

export function capsulePath(hostId: string, id: string): string {
  return `${capsulesPath(hostId)}/${encodeURIComponent(id)}`
}

/** One line on why the capsule was kept: "exited with code 2", "killed: out of memory". */
export function reasonText(capsule: Pick<CapsuleSummary, 'reason' | 'exitCode'>): string {
  if (capsule.reason === 'oom') return 'killed: out of memory'
  if (capsule.reason === 'removed') {
    return capsule.exitCode === null ? 'removed' : `removed (exited with code ${capsule.exitCode})`
  }
  return capsule.exitCode === null ? 'exited' : `exited with code ${capsule.exitCode}`
}

export function reasonTone(capsule: Pick<CapsuleSummary, 'reason'>): Tone {
  if (capsule.reason === 'removed') return 'muted'
  return 'bad'
}

/** Where the log lines came from, in words. */
export function logSourceText(capsule: Pick<CapsuleSummary, 'logSource' | 'logLineCount'>): string {
  if (capsule.logSource === 'none') return 'log not kept'
  const lines = `${capsule.logLineCount} line${capsule.logLineCount === 1 ? '' : 's'}`
  return capsule.logSource === 'retention' ? `${lines} (log retention)` : lines
}

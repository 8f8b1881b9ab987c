import type { ServiceLogLiveLine } from '@harbormaster/contract'
import type { SourcedLine } from '../../logs/log-buffer.ts'

/** Distinct ANSI colours; a node's is picked by its name, so it keeps it across reloads. */
const PALETTE = [4, 2, 5, 3, 6, 1, 12, 10, 13, 11, 14, 9]

export function nodeColour(node: string): string {
  let sum = 0
  for (const char of node) sum = (sum * 31 + (char.codePointAt(0) ?? 0)) % 9973
  return `var(--ansi-${PALETTE[sum % PALETTE.length] ?? 4})`
}

/** A line of the merged log, prefixed with its task (`web.2`) and node (`@m2`), coloured by node. */
export function toServiceSourcedLine(serviceName: string, line: ServiceLogLiveLine): SourcedLine {
  const task = line.slot === undefined ? line.task.slice(0, 12) : `${serviceName}.${line.slot}`
  const node = line.hostname ?? line.node.slice(0, 12)
  return {
    stream: line.stream,
    text: line.text,
    ...(line.partial ? { partial: line.partial } : {}),
    source: { label: node === '' ? task : `${task}@${node}`, service: node },
  }
}

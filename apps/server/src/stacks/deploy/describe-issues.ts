import type { StackIssue } from '@harbormaster/contract'

/** Issues as one error message: `file:line path: message`, each after the other. */
export function describeIssues(issues: readonly StackIssue[]): string {
  return issues
    .map((i) => `${i.file}:${String(i.line)} ${i.path === '' ? '' : `${i.path}: `}${i.message}`)
    .join('; ')
}

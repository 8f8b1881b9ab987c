import type { StackIssue } from '@harbormaster/contract'

/** The file names the server gives issues in (apps/server/src/stacks/stack-dir.ts). */
export const COMPOSE_FILE = 'compose.yaml'
export const ENV_FILE = '.env'

/** A CodeMirror lint diagnostic's shape (`@codemirror/lint`), without loading CodeMirror. */
export interface IssueDiagnostic {
  from: number
  to: number
  severity: 'error' | 'warning'
  message: string
  source: string
}

/**
 * Where an issue's 1-based line and column fall in the text, as character offsets: from the
 * column to the end of the line's content, so the whole faulty value is underlined. A place
 * past the end is clamped into the text.
 */
export function issueRange(
  text: string,
  line: number,
  column: number,
): { from: number; to: number } {
  const lines = text.split('\n')
  const index = Math.min(Math.max(line, 1), lines.length) - 1
  let start = 0
  for (let i = 0; i < index; i++) start += (lines[i]?.length ?? 0) + 1
  const content = (lines[index] ?? '').trimEnd()
  // A place past the line's end marks its last character, or the mark would be invisible; an
  // empty line gets a point (CodeMirror draws one).
  const offset = Math.min(Math.max(column, 1) - 1, Math.max(content.length - 1, 0))
  const from = start + offset
  return { from, to: Math.max(start + content.length, from) }
}

/** The issues of one file as lint diagnostics of its editor. */
export function issuesToDiagnostics(
  text: string,
  file: string,
  issues: readonly StackIssue[],
): IssueDiagnostic[] {
  return issues
    .filter((issue) => issue.file === file)
    .map((issue) => ({
      ...issueRange(text, issue.line, issue.column),
      severity: 'error',
      message: issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`,
      source: issue.kind === 'policy' ? 'not allowed for your role' : 'compose',
    }))
}

/**
 * The errors that keep a file from deploying, counted and placed: "2 errors: line 4, line 9"
 * (compose.yaml's lines bare, another file's named: ".env line 2"). Undefined when there are
 * none; issues of the policy (refused for this caller, not for an admin) are not errors.
 */
export function errorsSummary(issues: readonly StackIssue[]): string | undefined {
  const errors = issues.filter((issue) => issue.kind === 'error')
  if (errors.length === 0) return undefined
  const places = [
    ...new Set(
      errors.map((issue) =>
        issue.file === COMPOSE_FILE ? `line ${issue.line}` : `${issue.file} line ${issue.line}`,
      ),
    ),
  ]
  return `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}: ${places.join(', ')}`
}

import { randomBytes } from 'node:crypto'

/**
 * Label put on every object a test creates, valued with the run id, so cleanup finds them. It is
 * outside our own `io.harbormaster.` namespace, which non-admins may not use (issue 9): tests
 * create objects as operators too.
 */
export const TEST_LABEL = 'harbormaster.test-run'

/** A fresh id for one test run (or one test file): time-ordered, then random. */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

/** The labels that mark an object as created by the given run. */
export function labelsFor(runId: string): Record<string, string> {
  return { [TEST_LABEL]: runId }
}

/** A name no other test (or earlier run) uses: `hm-<prefix>-<6 hex>`. */
export function uniqueName(prefix: string): string {
  return `hm-${prefix}-${randomBytes(3).toString('hex')}`
}

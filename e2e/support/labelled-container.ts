import { TEST_LABEL, docker } from '@harbormaster/testkit'
import type { StackInfo } from './global-setup.ts'

/**
 * Starts a detached container on the fixture image for a spec: named, and labelled with the
 * spec's run id so its `removeLabelled(stack.dockerHost, runId)` takes it away afterwards.
 */
export async function runLabelled(
  stack: StackInfo,
  runId: string,
  name: string,
  command: readonly string[],
): Promise<void> {
  await docker(stack.dockerHost, [
    'run',
    '-d',
    '--name',
    name,
    '--label',
    `${TEST_LABEL}=${runId}`,
    stack.fixtureImage,
    ...command,
  ])
}

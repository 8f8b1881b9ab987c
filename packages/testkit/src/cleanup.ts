import { docker } from './docker-cli.ts'
import { CommandError } from './exec.ts'
import { FIXTURE_IMAGE } from './fixture-images.ts'
import { TEST_LABEL } from './labels.ts'

interface Kind {
  list: string[]
  remove: string[]
}

// Containers first: they hold networks, volumes and images in use.
const KINDS: Kind[] = [
  { list: ['container', 'ls', '-aq', '--no-trunc'], remove: ['container', 'rm', '-f', '-v'] },
  { list: ['network', 'ls', '-q', '--no-trunc'], remove: ['network', 'rm'] },
  { list: ['volume', 'ls', '-q'], remove: ['volume', 'rm', '-f'] },
  // Newest first, so an image built on another labelled one goes before its parent.
  { list: ['image', 'ls', '-aq', '--no-trunc'], remove: ['image', 'rm', '-f'] },
]

/** Gone already: a `--rm` container that exited, or an image removed with its child. */
function isAlreadyGone(error: unknown): boolean {
  return error instanceof CommandError && /no such|not found/i.test(error.stderr)
}

async function fixtureImageId(dockerHost: string): Promise<string | undefined> {
  const { stdout } = await docker(dockerHost, ['image', 'ls', '-q', '--no-trunc', FIXTURE_IMAGE])
  const ids = stdout.trim()
  return ids === '' ? undefined : ids.split('\n')[0]
}

async function removeMatching(dockerHost: string, labelFilter: string): Promise<void> {
  const keep = await fixtureImageId(dockerHost)
  const errors: unknown[] = []
  for (const kind of KINDS) {
    const { stdout } = await docker(dockerHost, [...kind.list, '--filter', `label=${labelFilter}`])
    const ids = [...new Set(stdout.split('\n').filter((id) => id !== '' && id !== keep))]
    const remove = (id: string): Promise<unknown> =>
      docker(dockerHost, [...kind.remove, id]).catch((error: unknown) => {
        if (!isAlreadyGone(error)) errors.push(error)
      })
    // Containers stop in parallel (each may wait on its process); images must go in order.
    if (kind === KINDS[0]) await Promise.all(ids.map(remove))
    else for (const id of ids) await remove(id)
  }
  if (errors.length > 0) throw new AggregateError(errors, `removing ${labelFilter} objects failed`)
}

/**
 * Removes the containers (with their anonymous volumes), networks, volumes and images labelled
 * `harbormaster.test-run=<runId>`, and nothing else. The fixture image is always kept.
 */
export function removeLabelled(dockerHost: string, runId: string): Promise<void> {
  return removeMatching(dockerHost, `${TEST_LABEL}=${runId}`)
}

/** Removes every object carrying the test-run label, of any run (a shared engine's teardown). */
export function removeAllTestObjects(dockerHost: string): Promise<void> {
  return removeMatching(dockerHost, TEST_LABEL)
}

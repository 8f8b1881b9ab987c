import type { StackStep } from '@harbormaster/contract'
import { type Container, EngineNotFoundError, type RegistryAuth } from '@harbormaster/engine'
import { COMPOSE } from '../compose-labels.ts'
import { type Operation, line, messageOf } from '../operations/stack-operations.ts'

/** An image id rather than a name (the engine lists one when the tag was moved or removed). */
const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/

/** The images the project's containers were created from, once each, by name. */
export function imagesOf(containers: readonly Container[]): string[] {
  const images = new Set(containers.map((container) => container.image))
  return [...images].filter((image) => image !== '' && !IMAGE_ID.test(image)).sort()
}

/**
 * Pulls each image in turn: a `started` line, `progress` lines with the bytes of all layers so
 * far and in all (as the engine reports them), then `done`. A failed pull ends the operation
 * with the engine's message. An image built here (by a stack or the compose CLI) is kept, with
 * a `keep` line: no registry has it, and `docker compose pull` skips built services too.
 */
export async function* pullImages(
  op: Operation,
  containers: readonly Container[],
): AsyncGenerator<StackStep> {
  for (const image of imagesOf(containers)) {
    if (await builtHere(op, image)) {
      yield line({ object: 'image', name: image, action: 'keep' }, 'done', 'built here: not pulled')
      continue
    }
    yield* pullImage(op, image)
  }
}

async function builtHere(op: Operation, image: string): Promise<boolean> {
  try {
    const details = await op.engine.images.inspect(image, { signal: op.signal })
    return details.config.labels[COMPOSE.imageBuilder] !== undefined
  } catch (err) {
    if (err instanceof EngineNotFoundError) return false
    throw err
  }
}

/** One image's pull as step lines (see pullImages); `registryAuth` for a registry that asks. */
export async function* pullImage(
  op: Operation,
  image: string,
  registryAuth?: RegistryAuth,
): AsyncGenerator<StackStep> {
  const step = { object: 'image', name: image, action: 'pull' } as const
  op.signal.throwIfAborted()
  yield line(step, 'started')
  op.changes++
  const layers = new Map<string, { current: number; total: number }>()
  try {
    const events = await op.engine.images.pull(image, { signal: op.signal, registryAuth })
    for await (const event of events) {
      if (event.id !== undefined && event.total !== undefined) {
        layers.set(event.id, { current: event.current ?? 0, total: event.total })
      }
      const sum = (key: 'current' | 'total') =>
        [...layers.values()].reduce((total, layer) => total + layer[key], 0)
      yield {
        ...line(step, 'progress', [event.id, event.status].filter(Boolean).join(': ')),
        ...(layers.size > 0 ? { current: sum('current'), total: sum('total') } : {}),
      }
    }
  } catch (err) {
    if (!op.signal.aborted) yield line(step, 'failed', messageOf(err))
    throw err
  }
  yield line(step, 'done')
}

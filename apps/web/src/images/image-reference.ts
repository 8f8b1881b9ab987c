import { type ImageTagInput, imageTagInputSchema } from '@harbormaster/contract'

/**
 * Splits `repo[:tag]` the way the engine reads it: the tag follows the last `:` after the last
 * `/`, so a registry port (`registry:5000/app`) stays part of the repository.
 */
export function splitReference(reference: string): { repo: string; tag?: string } {
  const colon = reference.lastIndexOf(':')
  if (colon <= reference.lastIndexOf('/')) return { repo: reference }
  return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) }
}

/** A `repo[:tag]` typed by a person, checked with the contract; the first problem otherwise. */
export function parseTagInput(
  reference: string,
): { ok: true; input: ImageTagInput } | { ok: false; error: string } {
  const parsed = imageTagInputSchema.safeParse(splitReference(reference.trim()))
  if (parsed.success) return { ok: true, input: parsed.data }
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'expected repo[:tag]' }
}

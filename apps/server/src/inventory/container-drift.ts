import type { Container } from '@harbormaster/engine'

/**
 * Whether two reads of a container differ in anything a row shows, status text aside (it moves
 * with the clock; the model renders it from timing).
 */
export function isListChange(a: Container, b: Container): boolean {
  return (
    a.name !== b.name ||
    a.state !== b.state ||
    a.image !== b.image ||
    a.imageId !== b.imageId ||
    a.health !== b.health ||
    JSON.stringify(a.ports) !== JSON.stringify(b.ports) ||
    JSON.stringify(a.labels) !== JSON.stringify(b.labels) ||
    JSON.stringify(Object.keys(a.networks).sort()) !==
      JSON.stringify(Object.keys(b.networks).sort()) ||
    JSON.stringify(a.mounts) !== JSON.stringify(b.mounts)
  )
}

/** How many containers the model had wrong: missing, extra, or different. */
export function containerDrift(
  model: ReadonlyMap<string, { container: Container }>,
  listed: readonly Container[],
): number {
  let drift = 0
  const seen = new Set<string>()
  for (const row of listed) {
    seen.add(row.id)
    const entry = model.get(row.id)
    if (!entry || isListChange(entry.container, row)) drift++
  }
  for (const id of model.keys()) if (!seen.has(id)) drift++
  return drift
}

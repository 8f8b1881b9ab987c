import { parseBind } from '@harbormaster/contract'
import type { ContainerCreateSpec, MountSpec } from '@harbormaster/engine'

/**
 * An operator's read-only host paths, bound without the mounts below them. Docker before 25 (or
 * on a kernel before 5.12) makes only the top mount read-only: a file system mounted below an
 * allowed read-only path would stay writable, and a link planted there could then be bound.
 * The engine's `binds` strings cannot say so, so these go as `mounts`; such a bind also fails
 * when its source is missing, where a `binds` string makes the engine create it on the host.
 */
export function withReadOnlyBindsConfined(spec: ContainerCreateSpec): ContainerCreateSpec {
  const binds: string[] = []
  const confined: MountSpec[] = []
  for (const bind of spec.binds ?? []) {
    const parsed = parseBind(bind)
    // A relabel (z, Z) has no `mounts` spelling; operators may ask one only of a writable entry.
    const relabels = typeof parsed !== 'string' && parsed.options.some((o) => /^[zZ]$/.test(o))
    if (typeof parsed === 'string' || !parsed.isHostPath || !parsed.readOnly || relabels) {
      binds.push(bind)
      continue
    }
    const propagation = parsed.options.find((o) => /^r?(shared|slave|private)$/.test(o))
    confined.push({
      type: 'bind',
      source: parsed.source,
      target: parsed.target,
      readOnly: true,
      nonRecursive: true,
      propagation: propagation || undefined,
    })
  }
  const mounts = (spec.mounts ?? []).map((m) =>
    m.type === 'bind' && m.readOnly === true ? { ...m, nonRecursive: true } : m,
  )
  const all = [...mounts, ...confined]
  return {
    ...spec,
    ...(spec.binds ? { binds } : {}),
    ...(all.length > 0 ? { mounts: all } : {}),
  }
}

import type { Issues } from '../issues.ts'
import { cloneNode, entryOf, isMap, type MapNode, type YamlNode } from '../yaml/tree.ts'
import { MergeConflict, mergeService } from './merge.ts'

/**
 * Applies `extends` within the file: each service that extends another is merged over a copy of
 * it (recursively, so a base may extend a third service). A base from another file is refused,
 * and so are a missing base and a cycle. `!reset` and `!override` on a key of the extending
 * service drop the base's value for that key first, as compose does. Mutates `root`.
 */
export function applyExtends(root: MapNode, issues: Issues): void {
  const services = entryOf(root, 'services')?.value
  if (!isMap(services)) return
  const resolved = new Map<string, MapNode | undefined>()
  // Looked up by name once each: a scan per service made a file of many services quadratic.
  const byName = new Map(services.entries.map((entry) => [entry.key, entry.value]))

  const resolve = (name: string, chain: readonly string[]): MapNode | undefined => {
    if (resolved.has(name)) return resolved.get(name)
    const service = byName.get(name)
    if (!isMap(service)) return undefined
    const extendsEntry = entryOf(service, 'extends')
    if (!extendsEntry) {
      resolved.set(name, service)
      return service
    }
    const path = ['services', name, 'extends']
    const base = baseName(extendsEntry.value, path, issues)
    let merged: MapNode | undefined
    if (base !== undefined) {
      const at = baseNode(extendsEntry.value).pos
      if (base === name || chain.includes(base)) {
        const cycle = [...chain, name, base].slice([...chain, name].indexOf(base))
        issues.error(`circular extends: ${cycle.join(' -> ')}`, at, path)
      } else if (!isMap(byName.get(base))) {
        issues.error(`cannot extend service "${name}": service "${base}" not found`, at, path)
      } else {
        const parent = resolve(base, [...chain, name])
        if (parent) merged = mergeOver(parent, service, name, issues)
      }
    }
    resolved.set(name, merged)
    return merged
  }

  for (const entry of services.entries) {
    const merged = resolve(entry.key, [])
    if (merged) entry.value = merged
  }
}

/** The node that names the base service, where problems with it are reported. */
const baseNode = (node: YamlNode): YamlNode =>
  node.kind === 'map' ? (entryOf(node, 'service')?.value ?? node) : node

function baseName(node: YamlNode, path: string[], issues: Issues): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value
  if (node.kind === 'map') {
    const file = entryOf(node, 'file')
    if (file) {
      issues.error(
        '`extends.file` is not supported: a stack extends services of its own compose file only',
        file.keyPos,
        [...path, 'file'],
      )
      return undefined
    }
    const service = entryOf(node, 'service')?.value
    if (service?.kind === 'scalar' && typeof service.value === 'string') return service.value
  }
  issues.error(
    '`extends` must name a service: `extends: base` or `extends: {service: base}`',
    node.pos,
    path,
  )
  return undefined
}

function mergeOver(base: MapNode, service: MapNode, name: string, issues: Issues) {
  const own: MapNode = { ...service, entries: service.entries.filter((e) => e.key !== 'extends') }
  try {
    return mergeService(withoutOverridden(cloneNode(base), own), own)
  } catch (error) {
    if (!(error instanceof MergeConflict)) throw error
    issues.error(error.message, error.at, ['services', name, ...error.path])
    return undefined
  }
}

/** Removes from `base` every key that `own` marks `!reset` or `!override`, at any depth. */
function withoutOverridden(base: MapNode, own: MapNode): MapNode {
  const entries = base.entries.flatMap((entry) => {
    const mine = entryOf(own, entry.key)?.value
    if (mine?.tag) return []
    if (isMap(mine) && isMap(entry.value)) {
      return [{ ...entry, value: withoutOverridden(entry.value, mine) }]
    }
    return [entry]
  })
  return { ...base, entries }
}

/** Drops every `!reset` value (its key or item goes away) and forgets `!override` tags. */
export function dropResets<T extends YamlNode>(node: T): T {
  switch (node.kind) {
    case 'scalar':
      return node
    case 'seq':
      return { ...node, items: node.items.filter((item) => item.tag !== 'reset').map(dropResets) }
    case 'map':
      return {
        ...node,
        entries: node.entries
          .filter((entry) => entry.value.tag !== 'reset')
          .map((entry) => ({ ...entry, value: dropResets(entry.value) })),
      }
  }
}

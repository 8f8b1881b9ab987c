import type { Position } from '../issues.ts'
import {
  cloneNode,
  isMap,
  isSeq,
  type MapEntry,
  type MapNode,
  scalarNode,
  type SeqNode,
  type YamlNode,
} from '../yaml/tree.ts'

/**
 * Merges a service over the one it `extends`, by compose's rules (compose-go `override/merge.go`,
 * the specification's "Merging service definitions"): mappings are merged key by key, sequences
 * appended (duplicates are then removed by `enforceUnicity`), scalars overridden; `command`,
 * `entrypoint` and `healthcheck.test` are replaced whole; `environment`, `labels`, `sysctls`,
 * `build.args` and `env_file` are merged as `KEY=value` lists so map and list syntax mix;
 * `depends_on` and `networks` are merged as mappings whatever their syntax.
 * Throws `MergeConflict` when a mapping meets a non-mapping (compose's "cannot override").
 */
export class MergeConflict extends Error {
  readonly path: readonly string[]
  readonly at: Position

  constructor(path: readonly string[], at: Position) {
    super(
      `cannot override ${path.join('.')}: the base and the service give different kinds of value`,
    )
    this.path = path
    this.at = at
  }
}

type Merger = (base: YamlNode, override: YamlNode, path: string[]) => YamlNode

export function mergeService(base: MapNode, override: MapNode): MapNode {
  return mergeMappings(cloneNode(base), override, [])
}

function mergeNodes(base: YamlNode, override: YamlNode, path: string[]): YamlNode {
  const special = SPECIALS.find(([pattern]) => matches(pattern, path))
  if (special) return special[1](base, override, path)
  if (override.kind === 'scalar' && override.value === null) return base
  if (base.kind === 'map') {
    if (!isMap(override)) throw new MergeConflict(path, override.pos)
    return mergeMappings(base, override, path)
  }
  if (base.kind === 'seq') {
    if (!isSeq(override)) throw new MergeConflict(path, override.pos)
    return { ...override, items: [...base.items, ...override.items] }
  }
  return override
}

function mergeMappings(base: MapNode, override: MapNode, path: string[]): MapNode {
  const entries = [...base.entries]
  for (const entry of override.entries) {
    const index = entries.findIndex((existing) => existing.key === entry.key)
    const existing = entries[index]
    if (!existing) {
      entries.push(entry)
      continue
    }
    const value = mergeNodes(existing.value, entry.value, [...path, entry.key])
    entries[index] = { ...entry, value }
  }
  return { ...override, entries }
}

const replace: Merger = (_base, override) => override

const asSequence: Merger = (base, override) => {
  const items = [...toSequence(base), ...toSequence(override)]
  return { kind: 'seq', items, pos: override.pos } satisfies SeqNode
}

/** `{A: 1, B: null}` -> `['A=1', 'B']` (sorted, as compose does), a string -> `[string]`. */
function toSequence(node: YamlNode): YamlNode[] {
  if (isSeq(node)) return node.items
  if (isMap(node)) {
    return node.entries
      .map((entry) => {
        const value = entry.value
        if (value.kind === 'scalar' && value.value === null)
          return scalarNode(entry.key, entry.keyPos)
        const text = value.kind === 'scalar' ? String(value.value) : ''
        return scalarNode(`${entry.key}=${text}`, value.pos)
      })
      .sort((a, b) => (String(a.value) < String(b.value) ? -1 : 1))
  }
  return node.value === null ? [] : [node]
}

/** A list of names -> a mapping of those names to `fill` (or null). */
function toMapping(node: YamlNode, fill: (pos: Position) => YamlNode | null): YamlNode {
  if (!isSeq(node)) return node
  const entries: MapEntry[] = node.items.map((item) => ({
    key: item.kind === 'scalar' ? String(item.value) : '',
    keyPos: item.pos,
    value: fill(item.pos) ?? scalarNode(null, item.pos),
  }))
  return { kind: 'map', entries, pos: node.pos }
}

const startedDependency = (pos: Position): MapNode => ({
  kind: 'map',
  pos,
  entries: [
    { key: 'condition', keyPos: pos, value: scalarNode('service_started', pos) },
    { key: 'required', keyPos: pos, value: scalarNode(true, pos) },
  ],
})

const asMappings =
  (fill: (pos: Position) => YamlNode | null): Merger =>
  (base, override, path) => {
    const left = toMapping(base, fill)
    const right = toMapping(override, fill)
    if (!isMap(left) || !isMap(right)) return override
    return mergeMappings(left, right, path)
  }

const mergeBuild: Merger = (base, override, path) => {
  const asMap = (node: YamlNode): YamlNode =>
    node.kind === 'scalar' && typeof node.value === 'string'
      ? { kind: 'map', pos: node.pos, entries: [{ key: 'context', keyPos: node.pos, value: node }] }
      : node
  const left = asMap(base)
  const right = asMap(override)
  if (!isMap(left) || !isMap(right)) return override
  return mergeMappings(left, right, path)
}

/** Logging options are merged only when both sides use the same driver (or one names none). */
const mergeLogging: Merger = (base, override, path) => {
  if (!isMap(base) || !isMap(override)) return override
  const driver = (node: MapNode) => node.entries.find((entry) => entry.key === 'driver')?.value
  const left = driver(base)
  const right = driver(override)
  const same = left?.kind === 'scalar' && right?.kind === 'scalar' && left.value === right.value
  return !left || !right || same ? mergeMappings(base, override, path) : override
}

const SPECIALS: readonly (readonly [readonly string[], Merger])[] = [
  [['command'], replace],
  [['entrypoint'], replace],
  [['healthcheck', 'test'], replace],
  [['ulimits', '*'], replace],
  [['depends_on'], asMappings(startedDependency)],
  [['networks'], asMappings(() => null)],
  [['build'], mergeBuild],
  [['logging'], mergeLogging],
  ...[
    ['environment'],
    ['labels'],
    ['sysctls'],
    ['env_file'],
    ['annotations'],
    ['dns'],
    ['dns_opt'],
    ['dns_search'],
    ['tmpfs'],
    ['extra_hosts'],
    ['label_file'],
    ['build', 'args'],
    ['build', 'labels'],
    ['build', 'extra_hosts'],
    ['build', 'additional_contexts'],
    ['deploy', 'labels'],
  ].map((pattern) => [pattern, asSequence] as const),
]

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  return (
    pattern.length === path.length && pattern.every((part, i) => part === '*' || part === path[i])
  )
}

import type { Position } from '../issues.ts'

/**
 * The compose file as a tree that remembers, for every value, the position of the YAML node that
 * supplied it. Aliases and merge keys are already expanded, so a value reached through `*anchor`
 * or `<<:` carries the anchored node's position; `extends` keeps the base service's positions.
 * Every later stage (interpolation, extends, validation, normalisation) reads this tree.
 */
export type Scalar = string | number | boolean | null

/** `!reset` and `!override`, compose's tags that steer how `extends` merges a value. */
export type MergeTag = 'reset' | 'override'

interface NodeBase {
  pos: Position
  tag?: MergeTag
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar'
  value: Scalar
}

export interface MapEntry {
  key: string
  keyPos: Position
  value: YamlNode
}

export interface MapNode extends NodeBase {
  kind: 'map'
  entries: MapEntry[]
}

export interface SeqNode extends NodeBase {
  kind: 'seq'
  items: YamlNode[]
}

export type YamlNode = ScalarNode | MapNode | SeqNode

export const scalarNode = (value: Scalar, pos: Position): ScalarNode => ({
  kind: 'scalar',
  value,
  pos,
})

export const isMap = (node: YamlNode | undefined): node is MapNode => node?.kind === 'map'
export const isSeq = (node: YamlNode | undefined): node is SeqNode => node?.kind === 'seq'
export const isScalar = (node: YamlNode | undefined): node is ScalarNode => node?.kind === 'scalar'

export function entryOf(map: MapNode, key: string): MapEntry | undefined {
  return map.entries.find((entry) => entry.key === key)
}

export function valueOf(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return isMap(node) ? entryOf(node, key)?.value : undefined
}

/** The value as plain data (what JSON schema validation sees). */
export function toPlain(node: YamlNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value
    case 'seq':
      return node.items.map(toPlain)
    case 'map':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, toPlain(entry.value)]))
  }
}

export function cloneNode<T extends YamlNode>(node: T): T {
  switch (node.kind) {
    case 'scalar':
      return { ...node }
    case 'seq':
      return { ...node, items: node.items.map(cloneNode) }
    case 'map':
      return {
        ...node,
        entries: node.entries.map((entry) => ({ ...entry, value: cloneNode(entry.value) })),
      }
  }
}

/** Follows a path of keys and indexes; `undefined` when it leaves the tree. */
export function nodeAt(root: YamlNode, path: readonly (string | number)[]): YamlNode | undefined {
  let node: YamlNode | undefined = root
  for (const part of path) {
    if (node?.kind === 'map') node = entryOf(node, String(part))?.value
    else if (node?.kind === 'seq' && /^\d+$/.test(String(part))) node = node.items[Number(part)]
    else return undefined
  }
  return node
}

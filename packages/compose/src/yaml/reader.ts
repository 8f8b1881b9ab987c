import {
  type Document,
  isAlias,
  isMap as isYamlMap,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  LineCounter,
  type Node as YamlAstNode,
  type Pair,
  parseDocument,
} from 'yaml'
import type { Issues, Position } from '../issues.ts'
import { resolvePlain, resolveTagged } from './scalars.ts'
import { type MapEntry, type MapNode, type MergeTag, type YamlNode, scalarNode } from './tree.ts'

/**
 * How many nodes a file may expand to once aliases are followed: compose's own cap
 * (`defaultMaxNodeVisits`), which stops "billion laughs" documents before they eat the server.
 */
export const MAX_NODE_VISITS = 100_000

const MERGE_TAGS = new Map<string, MergeTag>([
  ['!reset', 'reset'],
  ['!override', 'override'],
])

class TooLarge extends Error {}

/**
 * Parses the compose file into a positioned tree. Reports YAML syntax errors, unknown anchors,
 * alias cycles, non-string keys and over-large expansions into `issues`; returns `undefined` then.
 */
export function readYaml(text: string, issues: Issues): MapNode | undefined {
  const lines = new LineCounter()
  // `failsafe` keeps every scalar as text: types are resolved here, the way compose's decoder does.
  // Unique keys are checked while reading (#readMap): the parser's own check compares each key
  // with every earlier one, which makes a 512 KiB mapping of short keys take a minute.
  const doc = parseDocument(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: false })
  for (const error of doc.errors) {
    const [start] = error.linePos ?? [{ line: 1, col: 1 }]
    issues.error(firstLine(error.message), { line: start.line, column: start.col }, [])
  }
  if (issues.failed) return undefined
  const reader = new TreeReader(doc, lines, issues)
  if (doc.contents === null) {
    issues.error('the compose file is empty', { line: 1, column: 1 }, [])
    return undefined
  }
  try {
    const root = reader.read(doc.contents, [])
    if (root?.kind !== 'map') {
      issues.error(
        'the top level of a compose file must be a mapping',
        reader.pos(doc.contents),
        [],
      )
      return undefined
    }
    return issues.failed ? undefined : root
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error
    issues.error(
      `the file expands to more than ${MAX_NODE_VISITS} nodes through its aliases`,
      reader.pos(doc.contents),
      [],
    )
    return undefined
  }
}

/** With the failsafe schema every scalar's value is its text. */
const scalarText = (value: unknown): string => (typeof value === 'string' ? value : '')

const firstLine = (message: string) =>
  message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message

class TreeReader {
  #visits = 0
  readonly #active = new Set<YamlAstNode>()

  readonly doc: Document
  readonly lines: LineCounter
  readonly issues: Issues

  constructor(doc: Document, lines: LineCounter, issues: Issues) {
    this.doc = doc
    this.lines = lines
    this.issues = issues
  }

  pos(node: YamlAstNode): Position {
    const offset = node.range?.[0] ?? 0
    const { line, col } = this.lines.linePos(offset)
    return { line, column: col }
  }

  read(node: YamlAstNode, path: (string | number)[]): YamlNode | undefined {
    if (++this.#visits > MAX_NODE_VISITS) throw new TooLarge()
    if (isAlias(node)) return this.#readAlias(node, path)
    const read = this.#readPlain(node, path)
    const tag = node.tag === undefined ? undefined : MERGE_TAGS.get(node.tag)
    if (read && tag) read.tag = tag
    return read
  }

  #readPlain(node: YamlAstNode, path: (string | number)[]): YamlNode | undefined {
    if (isYamlScalar(node)) return this.#readScalar(node, path)
    if (isYamlSeq(node)) {
      const items: YamlNode[] = []
      node.items.forEach((item, index) => {
        const read = this.#readChild(item as YamlAstNode | null, [...path, index], this.pos(node))
        if (read) items.push(read)
      })
      return { kind: 'seq', items, pos: this.pos(node) }
    }
    if (isYamlMap(node)) return this.#readMap(node.items, this.pos(node), path)
    this.issues.error('unsupported YAML node', this.pos(node), path)
    return undefined
  }

  /** A missing node (`? key` with no value, an empty flow entry) is a null at `fallback`. */
  #readChild(node: YamlAstNode | null, path: (string | number)[], fallback: Position) {
    if (node === null) return scalarNode(null, fallback)
    return this.read(node, path)
  }

  #readAlias(node: YamlAstNode & { source: string }, path: (string | number)[]) {
    const target = isAlias(node) ? node.resolve(this.doc) : undefined
    if (!target) {
      this.issues.error(`unknown anchor *${node.source}`, this.pos(node), path)
      return undefined
    }
    if (this.#active.has(target)) {
      this.issues.error(
        `alias *${node.source} refers to a node that contains it`,
        this.pos(node),
        path,
      )
      return undefined
    }
    this.#active.add(target)
    try {
      return this.read(target, path)
    } finally {
      this.#active.delete(target)
    }
  }

  #readScalar(node: YamlAstNode & { value: unknown; type?: string }, path: (string | number)[]) {
    const text = scalarText(node.value)
    const pos = this.pos(node)
    if (node.tag !== undefined && !MERGE_TAGS.has(node.tag)) {
      const tagged = resolveTagged(node.tag, text)
      if (tagged instanceof Error) this.issues.error(tagged.message, pos, path)
      else if (tagged !== undefined) return scalarNode(tagged, pos)
      else this.issues.warn(`unknown tag ${node.tag} ignored`, pos, path)
    }
    return scalarNode(node.type === 'PLAIN' ? resolvePlain(text) : text, pos)
  }

  #readMap(pairs: Pair[], pos: Position, path: (string | number)[]): MapNode {
    const explicit: MapEntry[] = []
    const merged: MapEntry[] = []
    const seen = new Map<string, Position>()
    for (const pair of pairs) {
      const key = pair.key as YamlAstNode | null
      const keyPos = key ? this.pos(key) : pos
      if (key && isYamlScalar(key) && key.type === 'PLAIN' && key.value === '<<' && !key.tag) {
        if (this.#unique('<<', keyPos, path, seen))
          this.#merge(pair.value as YamlAstNode | null, keyPos, path, merged)
        continue
      }
      const name = this.#keyName(key, keyPos, path)
      if (name === undefined || !this.#unique(name, keyPos, path, seen)) continue
      const value = this.#readChild(pair.value as YamlAstNode | null, [...path, name], keyPos)
      if (value) explicit.push({ key: name, keyPos, value })
    }
    // YAML merge keys: explicit keys win over merged ones, and earlier merged maps over later ones.
    const taken = new Set(explicit.map((entry) => entry.key))
    const entries = merged.filter((entry) => !taken.has(entry.key) && taken.add(entry.key))
    return { kind: 'map', entries: [...entries, ...explicit], pos }
  }

  /** A key seen before in the same mapping is an error at its second place (YAML 1.2). */
  #unique(name: string, at: Position, path: (string | number)[], seen: Map<string, Position>) {
    const first = seen.get(name)
    if (first === undefined) {
      seen.set(name, at)
      return true
    }
    this.issues.error(
      `map keys must be unique: ${name} is already a key at line ${String(first.line)}`,
      at,
      [...path, name],
    )
    return false
  }

  #keyName(key: YamlAstNode | null, at: Position, path: (string | number)[]): string | undefined {
    if (key && isYamlScalar(key)) {
      const text = scalarText(key.value)
      const resolved = key.type === 'PLAIN' && !key.tag ? resolvePlain(text) : text
      if (typeof resolved === 'string') return resolved
      this.issues.error(`non-string key ${text === '' ? '(empty)' : text}`, at, path)
      return undefined
    }
    this.issues.error('mapping keys must be strings', at, path)
    return undefined
  }

  #merge(value: YamlAstNode | null, at: Position, path: (string | number)[], into: MapEntry[]) {
    const sources = value && isYamlSeq(value) ? (value.items as YamlAstNode[]) : [value]
    for (const source of sources) {
      const read = source ? this.read(source, path) : undefined
      if (read?.kind !== 'map') {
        this.issues.error('a merge key (<<) takes a mapping or a list of mappings', at, path)
        continue
      }
      into.push(...read.entries)
    }
  }
}

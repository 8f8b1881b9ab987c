import type { ComposePath, Issues } from '../issues.ts'
import type { SourceMap } from '../source-map.ts'
import { entryOf, type YamlNode } from '../yaml/tree.ts'

export interface NormaliseContext {
  issues: Issues
  sources: SourceMap
}

/**
 * A node being normalised, with the two paths it is known by: `path` in the compose file (for
 * errors) and `model` in the normalised project (for `sourceOf`). Reading a value through a
 * cursor records where it came from.
 */
export class Cursor {
  readonly ctx: NormaliseContext
  readonly node: YamlNode
  readonly path: ComposePath
  readonly model: ComposePath

  constructor(ctx: NormaliseContext, node: YamlNode, path: ComposePath, model: ComposePath) {
    this.ctx = ctx
    this.node = node
    this.path = path
    this.model = model
  }

  /** The value under `key` of a mapping; `modelKey` names it in the project (camelCase default). */
  get(key: string, modelKey: string | number = camelCase(key)): Cursor | undefined {
    if (this.node.kind !== 'map') return undefined
    const entry = entryOf(this.node, key)
    if (!entry) return undefined
    return new Cursor(this.ctx, entry.value, [...this.path, key], [...this.model, modelKey])
  }

  /** The items of a sequence, or the entries of a mapping (with their keys). */
  items(): Cursor[] {
    if (this.node.kind !== 'seq') return []
    return this.node.items.map(
      (item, i) => new Cursor(this.ctx, item, [...this.path, i], [...this.model, i]),
    )
  }

  entries(): [string, Cursor][] {
    if (this.node.kind !== 'map') return []
    return this.node.entries.map((entry) => [
      entry.key,
      new Cursor(this.ctx, entry.value, [...this.path, entry.key], [...this.model, entry.key]),
    ])
  }

  /** The same node under another model path (a short syntax read into several fields). */
  as(model: ComposePath): Cursor {
    return new Cursor(this.ctx, this.node, this.path, model)
  }

  record(model: ComposePath = this.model): void {
    this.ctx.sources.record(model, this.node.pos)
  }

  error(message: string): void {
    this.ctx.issues.error(message, this.node.pos, this.path)
  }

  warn(message: string): void {
    this.ctx.issues.warn(message, this.node.pos, this.path)
  }

  get isNull(): boolean {
    return this.node.kind === 'scalar' && this.node.value === null
  }

  /** A scalar as text (numbers and booleans too); `undefined` for null or a collection. */
  text(): string | undefined {
    this.record()
    if (this.node.kind !== 'scalar' || this.node.value === null) return undefined
    return String(this.node.value)
  }

  boolean(): boolean | undefined {
    this.record()
    return this.node.kind === 'scalar' && typeof this.node.value === 'boolean'
      ? this.node.value
      : undefined
  }

  /** An integer, from a number or a decimal string. */
  integer(): number | undefined {
    const text = this.text()
    if (text === undefined) return undefined
    if (/^[-+]?\d+$/.test(text.trim())) return Number(text)
    this.error(`must be an integer, not ${JSON.stringify(text)}`)
    return undefined
  }

  strings(): string[] {
    this.record()
    return this.items().flatMap((item) => {
      const text = item.text()
      return text === undefined ? [] : [text]
    })
  }
}

export const camelCase = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())

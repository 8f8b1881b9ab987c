import type { ComposePath, Position, SourceLocation } from './issues.ts'

/** Positions of the values of a normalised project, keyed by their path in the project. */
export class SourceMap {
  readonly #locations = new Map<string, SourceLocation>()

  readonly file: string

  constructor(file: string) {
    this.file = file
  }

  record(path: ComposePath, at: Position, file = this.file): void {
    this.#locations.set(JSON.stringify(path), { file, line: at.line, column: at.column })
  }

  /** The location recorded for `path`, or for its nearest recorded ancestor. */
  lookup(path: ComposePath): SourceLocation | undefined {
    for (let length = path.length; length >= 0; length--) {
      const found = this.#locations.get(JSON.stringify(path.slice(0, length)))
      if (found) return { ...found }
    }
    return undefined
  }
}

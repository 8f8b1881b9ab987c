/** A position in a file: 1-based line and column. */
export interface Position {
  line: number
  column: number
}

/** Where something was read from: the file's name as the stack knows it, and the position in it. */
export interface SourceLocation extends Position {
  file: string
}

/** A key path: mapping keys and sequence indexes, e.g. `['services', 'web', 'ports', 0]`. */
export type ComposePath = readonly (string | number)[]

/**
 * One problem found in the input. `path` is the key path in the compose file as written (for a
 * `.env` or `env_file` problem, the path of what read that file, or `[]` for the stack's `.env`).
 */
export interface ComposeIssue extends SourceLocation {
  message: string
  path: ComposePath
}

export type ComposeError = ComposeIssue
export type ComposeWarning = ComposeIssue

/** `['services', 'web', 'ports', 0]` -> `services.web.ports[0]`, the way compose names keys. */
export function formatPath(path: ComposePath): string {
  let text = ''
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else text += text === '' ? part : `.${part}`
  }
  return text === '' ? '(root)' : text
}

/** Collects errors and warnings while a file is read; every stage reports into one of these. */
export class Issues {
  readonly errors: ComposeError[] = []
  readonly warnings: ComposeWarning[] = []

  readonly file: string

  constructor(file: string) {
    this.file = file
  }

  error(message: string, at: Position, path: ComposePath, file = this.file): void {
    this.errors.push({ message, file, line: at.line, column: at.column, path })
  }

  warn(message: string, at: Position, path: ComposePath, file = this.file): void {
    this.warnings.push({ message, file, line: at.line, column: at.column, path })
  }

  get failed(): boolean {
    return this.errors.length > 0
  }
}

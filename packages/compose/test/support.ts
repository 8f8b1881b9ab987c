import { type LoadComposeInput, loadComposeProject } from '../src/index.ts'

/**
 * YAML from an indented template literal: the common indentation is removed and the first line
 * after the opening backtick is line 1, so a test can name the lines it expects.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '')
  const indent = Math.min(
    ...text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => /^ */.exec(line)?.[0].length ?? 0),
  )
  return text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n')
}

export type LoadOptions = Partial<Omit<LoadComposeInput, 'file'>> & {
  files?: Record<string, string>
}

export function load(text: string, options: LoadOptions = {}) {
  const { files = {}, ...rest } = options
  return loadComposeProject({
    projectName: 'demo',
    file: { text },
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    ...rest,
  })
}

export function loadProject(text: string, options: LoadOptions = {}) {
  const result = load(text, options)
  if (!result.ok)
    throw new Error(`expected a project, got ${JSON.stringify(result.errors, null, 2)}`)
  return result.project
}

export function loadErrors(text: string, options: LoadOptions = {}) {
  const result = load(text, options)
  if (result.ok) throw new Error('expected errors, got a project')
  return result.errors
}

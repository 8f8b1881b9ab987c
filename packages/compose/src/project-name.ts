import { type Lookup, substitute, TemplateError } from './interpolation/template.ts'
import type { Issues } from './issues.ts'
import { entryOf, type MapNode } from './yaml/tree.ts'

const VALID_NAME = /^[a-z0-9][a-z0-9_-]*$/

/** compose's rule for a project name given on the command line or in the environment. */
export const isValidProjectName = (name: string): boolean => VALID_NAME.test(name)

/** What compose makes of a `name:` in the file: lowercased, other characters dropped. */
export function normaliseProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '')
}

/**
 * The project's name, by compose's precedence: the given name (`-p`), then the variable
 * `COMPOSE_PROJECT_NAME`, both of which must already be valid, then the file's `name:`
 * (interpolated, then normalised like compose does).
 */
export function projectNameOf(
  given: string | undefined,
  root: MapNode,
  lookup: Lookup,
  issues: Issues,
): string | undefined {
  const fromEnvironment = lookup('COMPOSE_PROJECT_NAME')
  const imperative = given ?? (fromEnvironment === '' ? undefined : fromEnvironment)
  if (imperative !== undefined) {
    if (isValidProjectName(imperative)) return imperative
    issues.error(
      `invalid project name "${imperative}": use lowercase letters, digits, "-" and "_", starting with a letter or digit`,
      { line: 1, column: 1 },
      [],
    )
    return undefined
  }
  const entry = entryOf(root, 'name')
  if (entry?.value.kind !== 'scalar' || typeof entry.value.value !== 'string') {
    issues.error(
      'the project has no name: give the stack one or set "name:" in the file',
      { line: 1, column: 1 },
      [],
    )
    return undefined
  }
  let written: string
  try {
    written = substitute(entry.value.value, lookup)
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    issues.error(error.message, entry.value.pos, ['name'])
    return undefined
  }
  const name = normaliseProjectName(written)
  if (name === '')
    issues.error(`"${written}" gives an empty project name`, entry.value.pos, ['name'])
  else if (name !== written)
    issues.warn(`the project name "${written}" is used as "${name}"`, entry.value.pos, ['name'])
  return name === '' ? undefined : name
}

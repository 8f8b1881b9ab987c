import { interpolateTree } from './interpolation/interpolate-tree.ts'
import { Issues } from './issues.ts'
import { applyExtends, dropResets } from './merge/extends.ts'
import { enforceUnicity } from './merge/unicity.ts'
import type { LoadComposeInput, LoadComposeResult } from './model/project.ts'
import { normaliseProject } from './normalise/project.ts'
import { projectEnvironment } from './project-environment.ts'
import { projectNameOf } from './project-name.ts'
import { SourceMap } from './source-map.ts'
import { checkConsistency } from './validation/consistency.ts'
import { validateSchema } from './validation/schema.ts'
import { checkSupportedKeys } from './validation/supported-keys.ts'
import { entryOf } from './yaml/tree.ts'
import { readYaml } from './yaml/reader.ts'

export const DEFAULT_FILE_NAME = 'compose.yaml'

/**
 * Reads a compose file the way the compose CLI does and returns the project in one canonical,
 * typed form, or every error found (each at its file, line and column). Never throws: bad input
 * of any kind is an error in the result. Pure: files are read only through `input.readFile`.
 *
 * The stages, in compose's order: YAML (anchors, aliases, merge keys) -> project name ->
 * interpolation -> `extends` -> unique lists -> JSON schema -> supported keys -> canonical form
 * -> profiles -> consistency.
 */
export function loadComposeProject(input: LoadComposeInput): LoadComposeResult {
  const issues = new Issues(input.file.name ?? DEFAULT_FILE_NAME)
  try {
    return load(input, issues)
  } catch (error) {
    // A bug must still answer in the result's terms, never as an exception in the server.
    const detail = error instanceof Error ? error.message : String(error)
    // The stages recurse through the file (nesting, `extends` chains, dependencies): one deep
    // enough for the stack to run out is the file's doing, said as such.
    const message =
      error instanceof RangeError
        ? 'the file nests too deeply to be read (mappings, lists, extends or depends_on)'
        : `internal error while reading the compose file: ${detail}`
    issues.error(message, { line: 1, column: 1 }, [])
    return { ok: false, errors: issues.errors, warnings: issues.warnings }
  }
}

function load(input: LoadComposeInput, issues: Issues): LoadComposeResult {
  const failed = (): LoadComposeResult => ({
    ok: false,
    errors: issues.errors,
    warnings: issues.warnings,
  })
  const env = projectEnvironment(input.dotenv, input.environment ?? {}, issues)
  const parsed = readYaml(input.file.text, issues)
  if (!parsed || issues.failed) return failed()
  const name = projectNameOf(input.projectName, parsed, (key) => env.get(key), issues)
  if (name === undefined) return failed()
  const lookup = (key: string) => (key === 'COMPOSE_PROJECT_NAME' ? name : env.get(key))
  const interpolated = interpolateTree(parsed, lookup, issues)
  if (issues.failed) return failed()
  applyExtends(interpolated, issues)
  if (issues.failed) return failed()
  const root = enforceUnicity(dropResets(interpolated))
  const version = entryOf(root, 'version')
  if (version)
    issues.warn('the attribute "version" is obsolete and ignored', version.keyPos, ['version'])
  const unknownKeys = validateSchema(root, issues)
  checkSupportedKeys(root, issues, unknownKeys)
  if (issues.failed) return failed()
  const sources = new SourceMap(issues.file)
  const profiles = input.profiles ?? profilesFrom(lookup('COMPOSE_PROFILES'))
  const data = normaliseProject(
    root,
    { name, profiles, env: { project: lookup, readFile: input.readFile } },
    { issues, sources },
  )
  if (issues.failed) return failed()
  checkConsistency(data, sources, issues)
  if (issues.failed) return failed()
  const project = {
    ...data,
    sourceOf: (path: readonly (string | number)[]) => sources.lookup(path),
  }
  return { ok: true, project, warnings: issues.warnings }
}

const profilesFrom = (variable: string | undefined): string[] =>
  (variable ?? '')
    .split(',')
    .map((profile) => profile.trim())
    .filter((profile) => profile !== '')

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { ComposePath, Issues } from '../issues.ts'
import schema from '../schema/compose-spec.json' with { type: 'json' }
import { entryOf, type MapNode, nodeAt, toPlain, type YamlNode } from '../yaml/tree.ts'

let compiled: ValidateFunction | undefined

/** Compiled once per process: compiling the schema takes longer than validating a file. */
function validator(): ValidateFunction {
  // The vendored schema names its draft by an https URL ajv does not know; it is trusted as is.
  // Without inlined refs and code optimisation, compiling takes half the time (measured: ~150 ->
  // ~75 ms) and validating a compose file stays well under a millisecond.
  compiled ??= new Ajv({
    allErrors: true,
    strict: false,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  }).compile(schema)
  return compiled
}

const TOP_LEVEL_MAPS = new Set(['services', 'networks', 'volumes', 'secrets', 'configs'])

/**
 * Validates the file against the Compose Specification's JSON schema and reports each problem at
 * the line of the node it is about. Returns the paths of keys the schema does not know, so the
 * check of supported keys does not report them a second time.
 */
export function validateSchema(root: MapNode, issues: Issues): Set<string> {
  const validate = validator()
  const unknownKeys = new Set<string>()
  if (validate(toPlain(root))) return unknownKeys
  const reports = mostSpecific(validate.errors ?? []).map((error) => {
    const path = pointerPath(root, error.instancePath)
    const report = describe(error, path, nodeAt(root, path) ?? root)
    if (error.keyword === 'additionalProperties') unknownKeys.add(JSON.stringify(report.path))
    return report
  })
  reports.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)
  for (const report of reports) issues.error(report.message, report.at, report.path)
  return unknownKeys
}

/**
 * An ajv error in compose's terms. The message does not repeat the key path: every issue
 * carries it in `path`, and what shows an issue puts the two together (`services.web.ports:
 * must be a list`).
 */
function describe(error: ErrorObject, path: ComposePath, node: YamlNode) {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const entry = node.kind === 'map' ? entryOf(node, key) : undefined
      const parent = path.at(-1)
      const message =
        path.length === 1 && typeof parent === 'string' && TOP_LEVEL_MAPS.has(parent)
          ? 'not a valid name (letters, digits, ".", "_" and "-" only)'
          : 'not a key the Compose Specification allows here'
      return { message, at: entry?.keyPos ?? node.pos, path: [...path, key] }
    }
    case 'type':
      return { message: `must be ${typeNames(String(params.type))}`, at: node.pos, path }
    case 'required':
      return {
        message: `"${String(params.missingProperty)}" is required`,
        at: node.pos,
        path,
      }
    case 'enum':
      return {
        message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
        at: node.pos,
        path,
      }
    case 'uniqueItems': {
      const index = Number(params.i)
      const item = node.kind === 'seq' ? node.items[index] : undefined
      return {
        message: 'must not list the same item twice',
        at: item?.pos ?? node.pos,
        path,
      }
    }
    default:
      return { message: error.message ?? 'is invalid', at: node.pos, path }
  }
}

function typeNames(types: string): string {
  const names = types.split(',').map((type) => TYPE_NAMES[type] ?? `a ${type}`)
  const sorted = [...new Set(names)].sort()
  return sorted.length === 1
    ? (sorted[0] ?? '')
    : `${sorted.slice(0, -1).join(', ')} or ${sorted.at(-1) ?? ''}`
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
}

/**
 * ajv reports every branch of a failed `oneOf` (a port that is neither a number, a string nor a
 * valid mapping gives three errors). Like compose, keep for each failed `oneOf` only its most
 * specific errors (the deepest, an unknown key counting one deeper), with the types of errors at
 * the same node merged into one.
 */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  const branches = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
  const outer = branches.filter(
    (b) =>
      !branches.some(
        (o) =>
          o !== b && isUnder(b.instancePath, o.instancePath) && o.instancePath !== b.instancePath,
      ),
  )
  const kept: ErrorObject[] = []
  const grouped = new Set<ErrorObject>()
  for (const group of outer) {
    const members = errors.filter(
      (e) => !branches.includes(e) && isUnder(e.instancePath, group.instancePath),
    )
    members.forEach((member) => grouped.add(member))
    if (members.length === 0) {
      kept.push(group)
      continue
    }
    const depth = Math.max(...members.map(specificity))
    kept.push(...mergeTypes(members.filter((member) => specificity(member) === depth)))
  }
  const loose = errors.filter((e) => !branches.includes(e) && !grouped.has(e))
  return dedupe([...loose, ...kept])
}

const isUnder = (path: string, ancestor: string) =>
  path === ancestor || path.startsWith(`${ancestor}/`)

const specificity = (error: ErrorObject) =>
  error.instancePath.split('/').length + (error.keyword === 'additionalProperties' ? 1 : 0)

function mergeTypes(errors: ErrorObject[]): ErrorObject[] {
  const types = new Map<string, ErrorObject>()
  const others: ErrorObject[] = []
  for (const error of errors) {
    if (error.keyword !== 'type') {
      others.push(error)
      continue
    }
    const previous = types.get(error.instancePath)
    const type = String((error.params as { type: unknown }).type)
    const merged = previous
      ? `${String((previous.params as { type: unknown }).type)},${type}`
      : type
    types.set(error.instancePath, { ...error, params: { type: merged } })
  }
  // A node that failed only on its type is better described by the type; otherwise by the rest.
  const typed = [...types.values()].filter(
    (t) => !others.some((o) => o.instancePath === t.instancePath),
  )
  return [...others, ...typed]
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>()
  return errors.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A JSON pointer as a key path, with sequence indexes as numbers. */
function pointerPath(root: MapNode, pointer: string): ComposePath {
  if (pointer === '') return []
  const path: (string | number)[] = []
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    path.push(nodeAt(root, path)?.kind === 'seq' ? Number(part) : part)
  }
  return path
}

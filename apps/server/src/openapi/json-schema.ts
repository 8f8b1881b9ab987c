import * as contract from '@harbormaster/contract'
import { z, type ZodType } from 'zod'

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as zod emits it. */
export type JsonSchema = Record<string, unknown>

const COMPONENTS = '#/components/schemas/'

/**
 * Turns the contract's zod schemas into the document's JSON Schemas with zod's own converter.
 * Answers and messages are written as the server sends them (`output`), and every contract
 * schema in them becomes a named component (`containerSummarySchema` is `ContainerSummary`), so
 * a client generator sees the contract's names. Request parts are written as the server accepts
 * them (`input`: before defaults and transforms, query values as the strings they are) and
 * inline, since one schema's input and output may differ under one name.
 */
export class SchemaWriter {
  readonly components: Record<string, JsonSchema> = {}
  readonly #names = contractNames()
  readonly #unnamed = z.registry<{ id?: string }>()

  /** An answer or a message: a reference to its component, or a schema that refers to some. */
  output(schema: ZodType): JsonSchema {
    const written = z.toJSONSchema(schema, { metadata: this.#names, io: 'output' })
    for (const [name, def] of Object.entries(written.$defs ?? {})) {
      this.components[name] = toComponentRefs(def) as JsonSchema
    }
    return toComponentRefs(rootOf(written)) as JsonSchema
  }

  /** A request part, inline, as the route's validator accepts it. */
  input(schema: ZodType): JsonSchema {
    const written = z.toJSONSchema(schema, {
      metadata: this.#unnamed,
      io: 'input',
      override: ({ zodSchema, jsonSchema }) => {
        if (isStringBool(zodSchema)) Object.assign(jsonSchema, STRING_BOOL)
      },
    })
    return rootOf(written)
  }
}

/** The schema itself, without the dialect (the document's) and the definitions (hoisted). */
function rootOf(written: JsonSchema): JsonSchema {
  return Object.fromEntries(
    Object.entries(written).filter(([key]) => key !== '$schema' && key !== '$defs'),
  )
}

/** `z.stringbool()` reads a query flag; as JSON Schema it would be a bare string. */
const STRING_BOOL = {
  description: 'A flag: true or false (1/0, yes/no, on/off also read)',
  examples: ['true', 'false'],
}

function isStringBool(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def
  return (
    def.type === 'pipe' &&
    'in' in def &&
    'out' in def &&
    def.in instanceof z.ZodString &&
    def.out instanceof z.ZodBoolean
  )
}

/** Every exported `…Schema` of the contract, under its name without the suffix, capitalised. */
function contractNames() {
  const names = z.registry<{ id: string }>()
  for (const [name, value] of Object.entries(contract)) {
    if (!(value instanceof z.ZodType) || !name.endsWith('Schema')) continue
    const id = name.slice(0, -'Schema'.length)
    names.add(value, { id: `${id.charAt(0).toUpperCase()}${id.slice(1)}` })
  }
  return names
}

/** zod refers to named schemas inside one result (`#/$defs/X`); the document keeps them once. */
function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/\$defs\//, COMPONENTS)
        : toComponentRefs(inner),
    ]),
  )
}

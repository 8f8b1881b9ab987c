import { describe, expect, it } from 'vitest'
import { isScalar, isSeq, LineCounter, parseDocument, stringify, type YAMLMap } from 'yaml'
import schema from '../src/schema/compose-spec.json' with { type: 'json' }
import { SUPPORTED_KEYS } from '../src/index.ts'
import { load, loadErrors, yaml } from './support.ts'

/**
 * Every key the Compose Specification's schema allows but Harbormaster does not support, found by
 * walking the vendored schema beside the list of supported keys, is refused with its line.
 */
type Json = Record<string, unknown>
type Spec = 'value' | { readonly [key: string]: Spec }

const definitions = (schema as unknown as { definitions: Record<string, Json> }).definitions
const resolve = (node: Json): Json =>
  typeof node.$ref === 'string'
    ? resolve(definitions[node.$ref.split('/').at(-1) ?? ''] ?? {})
    : node

// Names for the keys a user chooses, and values the schema's patterns accept.
const NAMES: Record<string, string> = {
  services: 'web',
  networks: 'net',
  volumes: 'vol',
  secrets: 'sec',
  configs: 'cfg',
  depends_on: 'db',
  ulimits: 'nofile',
  models: 'llm',
}
const SAMPLES: Record<string, unknown> = {
  provider: { type: 'model' },
  container_name: 'web-1',
}

function sample(key: string, node: Json): unknown {
  if (key in SAMPLES) return SAMPLES[key]
  const resolved = resolve(node)
  if (Array.isArray(resolved.enum)) return resolved.enum[0]
  const branch = (resolved.oneOf ?? resolved.anyOf) as Json[] | undefined
  if (branch?.[0]) return sample(key, branch[0])
  const types = ([] as unknown[]).concat(resolved.type ?? 'object')
  if (types.includes('string')) return 'xx'
  if (types.includes('boolean')) return true
  if (types.includes('integer') || types.includes('number')) return 1
  if (types.includes('array')) return []
  return withRequired(resolved, {})
}

function withRequired(node: Json, value: Json): Json {
  const properties = (node.properties ?? {}) as Record<string, Json>
  for (const name of (node.required ?? []) as string[]) {
    if (!(name in value) && properties[name]) value[name] = sample(name, properties[name])
  }
  return value
}

interface Case {
  path: string[]
  document: Json
}

/** Walks schema and supported keys together; each unsupported property gives one case. */
function unsupported(
  node: Json,
  spec: Spec,
  path: string[],
  build: (value: unknown) => unknown,
): Case[] {
  if (spec === 'value') return []
  const resolved = resolve(node)
  const branches = (resolved.oneOf ?? resolved.anyOf) as Json[] | undefined
  if (branches) return branches.flatMap((branch) => unsupported(branch, spec, path, build))
  if (resolved.items) {
    return unsupported(resolved.items as Json, spec, [...path, '0'], (value) => build([value]))
  }
  const cases: Case[] = []
  const properties = (resolved.properties ?? {}) as Record<string, Json>
  for (const [key, child] of Object.entries(properties)) {
    const inner = spec[key]
    const around = (value: unknown) => build(withRequired(resolved, { [key]: value }))
    if (inner === undefined) {
      if (key === 'extends') continue // applied before the check; extends.file is tested below
      cases.push({ path: [...path, key], document: around(sample(key, child)) as Json })
    } else cases.push(...unsupported(child, inner, [...path, key], around))
  }
  const named = Object.values((resolved.patternProperties ?? {}) as Record<string, Json>).find(
    (_, i) => Object.keys(resolved.patternProperties as Json)[i] !== '^x-',
  )
  const each = spec['*']
  if (named && each !== undefined) {
    const name = NAMES[path.at(-1) ?? ''] ?? 'name'
    const around = (value: unknown) => build({ [name]: value })
    cases.push(...unsupported(named, each, [...path, name], around))
  }
  return cases
}

const cases = unsupported(schema, SUPPORTED_KEYS, [], (value) => value)

/** The line of the last key of `path`, found with the yaml package alone. */
function lineOfKey(text: string, path: string[]): number {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  let node: unknown = doc.contents
  for (const [i, part] of path.entries()) {
    if (isSeq(node)) {
      node = node.items[Number(part)]
      continue
    }
    const pair = (node as YAMLMap).items.find(
      (item) => isScalar(item.key) && item.key.value === part,
    )
    if (!pair) throw new Error(`no ${part} in ${text}`)
    if (i === path.length - 1) return lines.linePos((pair.key as { range: [number] }).range[0]).line
    node = pair.value
  }
  throw new Error('empty path')
}

describe('keys Harbormaster does not implement', () => {
  it('finds the well-known ones in the schema (the walk is not vacuous)', () => {
    const paths = cases.map((c) => c.path.join('.'))
    for (const key of [
      'include',
      'services.web.pid',
      'services.web.ipc',
      'services.web.cgroup_parent',
      'services.web.develop',
      'services.web.gpus',
      'services.web.container_name',
      'services.web.deploy.resources.reservations.devices',
      'services.web.build.dockerfile_inline',
      'services.web.volumes.0.consistency',
      'services.web.networks.net.ipv6_address',
      'networks.net.enable_ipv6',
      'secrets.sec.environment',
      'configs.cfg.content',
    ]) {
      expect(paths).toContain(key)
    }
    expect(cases.length).toBeGreaterThan(60)
  })

  it.each(cases.map((c) => [c.path.join('.'), c] as const))(
    '%s is refused with its line',
    (_name, { path, document }) => {
      const text = stringify({ name: 'demo', ...document })
      const errors = loadErrors(text)
      const line = lineOfKey(text, path)
      // The path names the key, the message what is wrong with it: neither repeats the other.
      expect(errors).toEqual([
        expect.objectContaining({
          line,
          path: path.map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
          message: 'not supported by Harbormaster stacks',
        }),
      ])
    },
  )

  it('refuses extends from another file at the line of "file"', () => {
    expect(
      loadErrors(yaml`
        services:
          web:
            extends:
              file: common.yml
              service: base
    `),
    ).toEqual([
      expect.objectContaining({
        line: 4,
        column: 7,
        path: ['services', 'web', 'extends', 'file'],
        message: expect.stringMatching(/extends.file. is not supported/),
      }),
    ])
  })

  it('reports an unknown key once, as the schema does, and an unsupported one as unsupported', () => {
    const errors = loadErrors(yaml`
      services:
        web:
          image: nginx
          colour: blue
          pid: host
    `)
    expect(errors.map((e) => [e.line, e.path.join('.'), e.message])).toEqual([
      [4, 'services.web.colour', 'not a key the Compose Specification allows here'],
      [5, 'services.web.pid', 'not supported by Harbormaster stacks'],
    ])
  })

  it('allows x- extension keys at the top level and in services, networks and volumes', () => {
    const result = load(yaml`
      x-common: {anything: [1, 2]}
      services:
        web:
          image: nginx
          x-note: ignored
      networks:
        net:
          x-owner: team
      volumes:
        vol:
          x-backup: nightly
    `)
    expect(result).toMatchObject({ ok: true })
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { type LoadComposeResult, loadComposeProject } from '../src/index.ts'
import { SAMPLE_STACK as VALID } from './sample-stack.ts'

/**
 * Whatever the input, the reader answers: a project, or errors that each name a line and column
 * inside the file they are about. It never throws, and no error is an internal one (a bug).
 */
function check(text: string, dotenv = ''): LoadComposeResult {
  const result = loadComposeProject({
    projectName: 'fuzz',
    file: { text },
    dotenv,
    readFile: (path) => (path === 'app.env' ? 'A=1\nB="${A} two"\n' : undefined),
  })
  const lines = { 'compose.yaml': text.split('\n').length, '.env': dotenv.split('\n').length }
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0)
    for (const error of result.errors) {
      expect(error.message).not.toMatch(/internal error/)
      expect(error.line).toBeGreaterThanOrEqual(1)
      expect(error.column).toBeGreaterThanOrEqual(1)
      const limit = lines[error.file as keyof typeof lines] ?? Number.POSITIVE_INFINITY
      expect(error.line).toBeLessThanOrEqual(limit + 1)
    }
  }
  return result
}

describe('any input gives a project or positioned errors, never an exception', () => {
  it('the valid file used for mutations loads', () => {
    expect(check(VALID, 'TAG=1.26\n')).toMatchObject({ ok: true })
  })

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        check(text)
      }),
      { numRuns: 200 },
    )
  })

  it('random mutations of a valid file', () => {
    const mutation = fc.oneof(
      // Delete a slice.
      fc.tuple(fc.constant('delete'), fc.nat(), fc.nat({ max: 40 }), fc.constant('')),
      // Insert text, YAML's own characters more often than not.
      fc.tuple(
        fc.constant('insert'),
        fc.nat(),
        fc.constant(0),
        fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.constantFrom(
            ': ',
            '- ',
            '\n',
            '  ',
            '{',
            '}',
            '[',
            ']',
            '&a ',
            '*common',
            '<<: ',
            '!reset ',
            '${',
            '$$',
            '"',
            "'",
            '#',
            '\t',
            '~',
            '0x1F',
            '-1',
            'null',
          ),
        ),
      ),
      // Replace a slice with another part of the file (moves keys and values around).
      fc.tuple(fc.constant('copy'), fc.nat(), fc.nat({ max: 60 }), fc.nat()),
    )
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let text = VALID
        for (const [kind, at, length, extra] of mutations) {
          const start = at % (text.length + 1)
          if (kind === 'delete') text = text.slice(0, start) + text.slice(start + length)
          else if (kind === 'insert') text = text.slice(0, start) + extra + text.slice(start)
          else {
            const from = extra % (text.length + 1)
            text =
              text.slice(0, start) + text.slice(from, from + length) + text.slice(start + length)
          }
        }
        check(text, 'TAG=1\n')
      }),
      { numRuns: 200 },
    )
  })

  it('the valid file with values replaced by odd ones (past the schema, into the normaliser)', () => {
    const odd = fc.oneof(
      fc.constantFrom(
        '',
        '0',
        '-1',
        '65536',
        '1-2',
        '80:80:80',
        '::',
        '[::1]:80:80',
        '/',
        '.',
        '~',
        '${X}',
        '$$',
      ),
      fc.constantFrom(
        '1m30',
        'x:y:z',
        'a=b=c',
        'on-failure:x',
        'CMD',
        'NONE',
        'service:api',
        'host',
        '512q',
        '0x10',
      ),
      fc.constantFrom(
        null,
        true,
        false,
        0,
        -1,
        2.5,
        1e21,
        [],
        {},
        ['x'],
        { x: null },
        { target: 'x' },
      ),
      fc.string({ maxLength: 6 }),
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), odd), { minLength: 1, maxLength: 3 }), (edits) => {
        const document = parse(VALID, { merge: true }) as unknown
        for (const [pick, value] of edits) {
          const slots = slotsOf(document)
          const slot = slots[pick % slots.length]
          // A copy: fast-check hands out the same object constants run after run.
          if (slot) (slot[0] as Record<string, unknown>)[slot[1]] = structuredClone(value)
        }
        check(stringify(document), 'TAG=1\n')
      }),
      { numRuns: 150 },
    )
  })

  it('random documents made of compose keys and odd values', () => {
    const keys = fc.constantFrom(
      ...[
        'services',
        'web',
        'db',
        'image',
        'build',
        'command',
        'entrypoint',
        'environment',
        'env_file',
        'ports',
      ],
      ...[
        'volumes',
        'networks',
        'depends_on',
        'healthcheck',
        'test',
        'deploy',
        'resources',
        'limits',
        'memory',
      ],
      ...[
        'ulimits',
        'logging',
        'options',
        'extends',
        'service',
        'profiles',
        'secrets',
        'configs',
        'file',
        'target',
      ],
      ...[
        'source',
        'type',
        'published',
        'host_ip',
        'external',
        'name',
        'labels',
        'sysctls',
        'x-any',
        '<<',
        'restart',
      ],
      ...[
        'aliases',
        'ipv4_address',
        'network_mode',
        'condition',
        'required',
        'tmpfs',
        'bind',
        'size',
        'mode',
        'scale',
      ],
    )
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(
          'nginx',
          '8080:80',
          './x:/x:ro',
          '1m',
          '512m',
          'service:web',
          'CMD',
          '${X:-y}',
          '$$',
          '',
          'web',
          null,
          true,
          0,
          -1,
          1.5,
          0o755,
        ),
        fc.string({ maxLength: 12 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(keys, tie('node'), { maxKeys: 5 }),
      ),
    })).node
    fc.assert(
      fc.property(fc.dictionary(keys, value, { maxKeys: 4 }), (document) => {
        check(stringify(document))
      }),
      { numRuns: 200 },
    )
  })
})

/** Every [container, key] of a plain document, to replace one value in it. */
function slotsOf(value: unknown): [object, string | number][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i): [object, string | number][] => [[value, i], ...slotsOf(item)])
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]): [object, string | number][] => [
      [value, key],
      ...slotsOf(item),
    ])
  }
  return []
}

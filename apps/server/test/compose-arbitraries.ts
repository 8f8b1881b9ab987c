import { SUPPORTED_KEYS, SUPPORTED_SERVICE_KEYS } from '@harbormaster/compose'
import fc from 'fast-check'

/*
 * Compose-ish text for property-based tests of the stack routes: what a user's editor, a
 * paste gone wrong or an attacker might send. Each arbitrary aims at one stage of the reader
 * (YAML syntax, alias expansion, interpolation, the schema, the supported keys, the canonical
 * form), and `composeText` mixes them all.
 */

const SERVICE_KEYS = Object.keys(SUPPORTED_SERVICE_KEYS)
const TOP_LEVEL_KEYS = [...Object.keys(SUPPORTED_KEYS), 'version', 'x-base', 'include', 'models']

/** Scalars as YAML reads them, quoted and not: the values a key of the wrong type is given. */
const scalar = fc.oneof(
  fc.constantFrom(
    '~',
    'null',
    'true',
    'no',
    'on',
    '0',
    '-1',
    '0x1F',
    '1e400',
    '.inf',
    '.nan',
    '""',
    "''",
    '65536',
    '"80:80"',
    '127.0.0.1:80:80/udp',
    '1-65535:1-65535',
    '[::1]:53:53',
    '/etc:/etc',
    '..:/x',
    'a:b:c:d',
    '!!binary aGk=',
    '!reset null',
    '!override []',
    '!!int x',
    '-',
    '12:34:56:78',
    '1h2m3s',
    '1.5GB',
    '"\\u0000"',
    '"\\ud800"',
    'ümlaut-日本-🐳',
  ),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.integer().map(String),
  fc.double().map(String),
)

/** Interpolation as the compose CLI reads it, including what it refuses. */
const interpolated = fc
  .array(
    fc.constantFrom(
      '${',
      '${}',
      '$',
      '$$',
      '$$$',
      '${A}',
      '${A:?}',
      '${A?}',
      '${A:?boom}',
      '${A:-}',
      '${A-x}',
      '${A:+y}',
      '${A:-${B:-${C}}}',
      '${A:-${B',
      '${1A}',
      '${A B}',
      '${ü}',
      '$A',
      '${COMPOSE_PROJECT_NAME}',
      '}',
      'x',
      ' ',
      '🐳',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => JSON.stringify(parts.join('')))

/** A value in flow style: a scalar, an interpolation, or a small list or mapping of them. */
const flowValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    interpolated,
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(
        fc.tuple(fc.constantFrom('a', 'target', 'test', 'condition', '<<', 'x-y'), tie('value')),
        {
          maxLength: 3,
        },
      )
      .map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
})).value

/** A service with known keys given arbitrary values: wrong types, bad units, bad syntax. */
const serviceBody = fc
  .array(fc.tuple(fc.constantFrom(...SERVICE_KEYS, 'unknown_key', 'x-ext'), flowValue), {
    maxLength: 6,
  })
  .map((pairs) => pairs.map(([key, value]) => `    ${key}: ${value}`).join('\n'))

/** A file of the usual shape whose services hold arbitrary settings. */
const wrongTypes = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('web', 'db', 'x', 'Web', '1', 'a b'), serviceBody), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.array(fc.tuple(fc.constantFrom(...TOP_LEVEL_KEYS), flowValue), { maxLength: 2 }),
  )
  .map(([services, top]) => {
    const body = services.map(([name, settings]) => `  ${name}:\n${settings}`).join('\n')
    const rest = top.map(([key, value]) => `${key}: ${value}`).join('\n')
    return `services:\n${body}\n${rest}\n`
  })

/** A valid-looking file with one service: the baseline the other arbitraries mutate. */
const plainService = fc
  .record({
    image: fc.constantFrom('busybox', 'busybox:latest', '${IMAGE:-busybox}', 'a/b/c:1@sha256:0'),
    command: fc.constantFrom('sleep 1', '["sh", "-c", "echo $$HOME"]', '"unterminated'),
    extra: fc.constantFrom('', '    ports: ["8080:80"]', '    environment: {A: "1", B: ~}'),
  })
  .map(
    ({ image, command, extra }) =>
      `services:\n  web:\n    image: ${image}\n    command: ${command}\n${extra}\n`,
  )

/** "Billion laughs": each anchor lists the previous one `width` times. */
const aliasBomb = fc
  .record({ depth: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 12 }) })
  .map(({ depth, width }) => {
    const lines = ['x-l0: &l0 ["lol"]']
    for (let i = 1; i <= depth; i++) {
      lines.push(
        `x-l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]`,
      )
    }
    lines.push(`services:\n  web:\n    image: busybox\n    command: *l${depth}`)
    return lines.join('\n')
  })

/** Merge keys, sound and not: lists of maps, scalars, unknown anchors, self-references. */
const mergeKeys = fc.constantFrom(
  'x-a: &a {image: busybox}\nservices:\n  web:\n    <<: [*a, *a]\n',
  'x-a: &a {image: busybox}\nservices:\n  web:\n    <<: *a\n    <<: *a\n',
  'services:\n  web:\n    <<: 1\n',
  'services:\n  web:\n    <<: *nowhere\n',
  'services: &s\n  web:\n    <<: *s\n',
  'x-a: &a\n  <<: *a\nservices: {}\n',
  'services:\n  web: &w\n    image: busybox\n    labels: *w\n',
  'x-a: &a [1, 2]\nservices:\n  web:\n    <<: *a\n',
  'services:\n  web:\n    image: busybox\n    <<: {image: alpine, environment: !reset {}}\n',
)

/** Deep nesting, in flow and block style, past what a recursive reader's stack holds. */
const deepNesting = fc
  .record({
    depth: fc.integer({ min: 50, max: 20_000 }),
    style: fc.constantFrom('seq', 'map', 'block', 'extends'),
  })
  .map(({ depth, style }) => {
    if (style === 'seq')
      return `services:\n  web:\n    command: ${'['.repeat(depth)}${']'.repeat(depth)}`
    if (style === 'map') return `x-deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\nservices: {}`
    if (style === 'block')
      return Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i)}a:`).join(
        '\n',
      )
    // A chain of `extends`, and a cycle at its end.
    const chain = Array.from(
      { length: Math.min(depth, 500) },
      (_, i) => `  s${i}:\n    image: busybox\n    extends: s${i + 1}`,
    )
    return `services:\n${chain.join('\n')}\n  s${Math.min(depth, 500)}:\n    extends: s0\n`
  })

/** One scalar large enough to matter, still inside the request's size limit. */
const hugeScalar = fc
  .record({
    size: fc.integer({ min: 10_000, max: 400_000 }),
    where: fc.constantFrom('image', 'key', 'env', 'comment', 'interp'),
  })
  .map(({ size, where }) => {
    const big = 'x'.repeat(size)
    if (where === 'image') return `services:\n  web:\n    image: ${big}\n`
    if (where === 'key') return `services:\n  ${big}:\n    image: busybox\n`
    if (where === 'env')
      return `services:\n  web:\n    image: busybox\n    environment: [A=${big}]\n`
    if (where === 'interp') return `services:\n  web:\n    image: "${'${A:-'.repeat(size / 100)}"\n`
    return `# ${big}\nservices: {}\n`
  })

/** Byte-level damage to a plausible file: BOMs, tabs, NULs, CRs, duplicate keys, cut text. */
const damaged = fc
  .tuple(
    plainService,
    fc.constantFrom('bom', 'tab', 'nul', 'cr', 'dup', 'cut', 'doc', 'lone-surrogate', 'directive'),
    fc.nat(),
  )
  .map(([text, damage, at]) => {
    const i = at % (text.length + 1)
    switch (damage) {
      case 'bom':
        return `\uFEFF${text}`
      case 'tab':
        return text.replace(/ {2}/g, '\t')
      case 'nul':
        return `${text.slice(0, i)}\u0000${text.slice(i)}`
      case 'cr':
        return text.replace(/\n/g, '\r')
      case 'dup':
        return `${text}services: {}\n`
      case 'cut':
        return text.slice(0, i)
      case 'doc':
        return `${text}---\n${text}`
      case 'lone-surrogate':
        return `${text.slice(0, i)}\ud800${text.slice(i)}`
      case 'directive':
        return `%YAML 1.1\n%TAG ! tag:x,2000:\n---\n${text}`
    }
  })

/** Anything at all: arbitrary code points, and bytes read as Latin-1. */
const noise = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
)

/** Every kind of compose-ish text above, mixed. */
export const composeText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: wrongTypes, weight: 6 },
  { arbitrary: plainService, weight: 1 },
  { arbitrary: aliasBomb, weight: 1 },
  { arbitrary: mergeKeys, weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: hugeScalar, weight: 1 },
  { arbitrary: damaged, weight: 2 },
  { arbitrary: noise, weight: 2 },
)

/** `.env` text: lines of `KEY=value`, some not, with the interpolation edge cases as values. */
export const envText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            'A',
            'B',
            'C',
            'IMAGE',
            'COMPOSE_PROJECT_NAME',
            'COMPOSE_PROFILES',
            '1X',
            'a b',
          ),
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.constantFrom('${A}', '"unterminated', "'x'", '$$'),
          ),
        )
        .map(([key, value]) => `${key}=${value}`),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 5 },
  )
  .map((lines) => lines.join('\n'))

/**
 * Files a real engine can deploy quickly: every service runs `image` (nothing to pull) with
 * `command`, plus settings of the wrong type or odd values, for a small sample of `up`s.
 */
export const deployableText = (image: string, command: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom('web', 'db', 'x'),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              ...SERVICE_KEYS.filter((key) => !['image', 'build', 'command'].includes(key)),
            ),
            flowValue,
          ),
          { maxLength: 2 },
        ),
      ),
      { minLength: 1, maxLength: 2 },
    )
    .map((services) => {
      const body = services.map(([name, settings]) =>
        [
          `  ${name}:`,
          `    image: ${image}`,
          `    command: ${command}`,
          ...settings.map(([key, value]) => `    ${key}: ${value}`),
        ].join('\n'),
      )
      return `services:\n${body.join('\n')}\n`
    })

/** What a property failure should print to be replayed: `seed` and `path` from fast-check. */
export const FUZZ_SEED = Number(process.env.HARBORMASTER_FUZZ_SEED ?? 20261207)

import { MASKED_ENV_VALUE } from '@harbormaster/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../platform/errors.ts'
import { envVisibility } from '../policy/index.ts'
import { maskEnvText, restoreMaskedEnv, scanEnvText } from './env-text.ts'

const viewer = envVisibility('viewer', [])
const operator = envVisibility('operator', ['*PASSWORD*', '*_KEY'])
const admin = envVisibility('admin', [])
const M = MASKED_ENV_VALUE

const valuesOf = (text: string) =>
  scanEnvText(text).entries.map(({ key, value }) => [
    key,
    value && text.slice(value.start, value.end),
  ])

describe('scanEnvText reads a .env as compose-go does', () => {
  it.each([
    [
      'plain',
      'A=1\nB=two words\n',
      [
        ['A', '1'],
        ['B', 'two words'],
      ],
    ],
    [
      'comments and blanks',
      '# c\n\n  A=1 # not a comment to compose here\n',
      [['A', '1 # not a comment to compose here']],
    ],
    [
      'export and yaml style',
      'export A=1\nB: 2\n',
      [
        ['A', '1'],
        ['B', '2'],
      ],
    ],
    [
      'double quotes over lines',
      'A="x\ny \\" z"\nB=2',
      [
        ['A', '"x\ny \\" z"'],
        ['B', '2'],
      ],
    ],
    [
      'single quotes',
      "A='it s'\nB=2",
      [
        ['A', "'it s'"],
        ['B', '2'],
      ],
    ],
    [
      'CRLF',
      'A=1\r\nB=2\r\n',
      [
        ['A', '1'],
        ['B', '2'],
      ],
    ],
    [
      'empty value and a bare key',
      'A=\nB\nC=3',
      [
        ['A', ''],
        ['B', undefined],
        ['C', '3'],
      ],
    ],
    ['after a quoted value', 'A="1" # done\n', [['A', '"1"']]],
  ])('%s', (_name, text, expected) => {
    expect(scanEnvText(text).error).toBeUndefined()
    expect(valuesOf(text)).toEqual(expected)
  })

  it.each([
    ['an unclosed quote', 'A=1\nB="open\n', 2, /not closed/],
    ['a space inside a key', 'MY KEY=1', 1, /spaces/],
    ['a character compose refuses in a key', 'A$B=1', 1, /unexpected character/],
    ['a last line without =', 'A=1\nhunter2', 2, /expected hunter2=value/],
    ['a value without a key', '=1', 1, /variable name/],
  ])('refuses %s, naming the line', (_name, text, line, message) => {
    const { error } = scanEnvText(text)
    expect(error?.line).toBe(line)
    expect(error?.message).toMatch(message)
  })
})

describe('maskEnvText', () => {
  const stored = [
    '# database',
    'DB_PASSWORD=hunter2 # old',
    'API_KEY="multi',
    'line"  # after',
    "TOKEN_NAME='x'",
    'PLAIN=visible',
    'BARE',
    '',
  ].join('\n')

  it('hides every value from a viewer, keeping keys, comments and layout', () => {
    const { env, maskedEnv } = maskEnvText(stored, viewer, false)
    expect(env).toBe(
      [
        '# database',
        `DB_PASSWORD=${M}`,
        `API_KEY="${M}"  # after`,
        `TOKEN_NAME='${M}'`,
        `PLAIN=${M}`,
        'BARE',
        '',
      ].join('\n'),
    )
    expect(maskedEnv.sort()).toEqual(['API_KEY', 'DB_PASSWORD', 'PLAIN', 'TOKEN_NAME'])
  })

  it("hides from an operator only the keys matching the host's secret patterns", () => {
    const { env, maskedEnv } = maskEnvText(stored, operator, false)
    expect(env).toContain(`DB_PASSWORD=${M}`)
    expect(env).toContain(`API_KEY="${M}"`)
    expect(env).toContain("TOKEN_NAME='x'")
    expect(env).toContain('PLAIN=visible')
    expect(maskedEnv.sort()).toEqual(['API_KEY', 'DB_PASSWORD'])
  })

  it('shows an admin everything', () => {
    expect(maskEnvText(stored, admin, true)).toEqual({ env: stored, maskedEnv: [] })
  })

  it('hides whatever follows a statement it cannot read, unless the caller sees all', () => {
    const broken = 'A=1\nB="open\nsecret'
    expect(maskEnvText(broken, operator, false).env).toBe(`A=1\n${M}`)
    expect(maskEnvText(broken, admin, true).env).toBe(broken)
  })
})

describe('restoreMaskedEnv', () => {
  const stored = 'DB_PASSWORD="p@ss\nword"\nA=1\nA=2\nPLAIN=x\n'

  it('gives back the stored text when the masked text is saved unchanged', () => {
    const { env } = maskEnvText(stored, viewer, false)
    expect(restoreMaskedEnv(env, stored)).toBe(stored)
  })

  it('keeps a masked value, takes a changed one, and never stores the mask', () => {
    const edited = `DB_PASSWORD=${M}\nA=${M}\nA=3\nPLAIN=y\nNEW=1\n`
    const saved = restoreMaskedEnv(edited, stored)
    expect(saved).toBe('DB_PASSWORD="p@ss\nword"\nA=1\nA=3\nPLAIN=y\nNEW=1\n')
    expect(saved).not.toContain(M)
  })

  it('refuses a mask for a key with no stored value, naming the line', () => {
    const attempt = () => restoreMaskedEnv(`A=1\nNEW=${M}\n`, stored)
    expect(attempt).toThrow(ApiError)
    expect(attempt).toThrow(/json\.env: line 2: NEW=\[masked\] keeps the stored value/)
  })

  it('refuses a .env compose could not read, naming the line', () => {
    expect(() => restoreMaskedEnv('A=1\nB C=2\n', '')).toThrow(/json\.env: line 2: /)
  })
})

/** A `.env` written by someone: entries in every style, each value carrying a marker. */
const envFile = fc
  .array(
    fc.record({
      key: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/),
      style: fc.constantFrom('plain', 'double', 'single', 'yaml', 'export'),
      body: fc.string({ unit: fc.constantFrom('a', ' ', '#', '=', ':', '$', '{', 'é', '\t') }),
      multiline: fc.boolean(),
      comment: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .map((entries) =>
    entries
      .map((entry, i) => ({ ...entry, secret: `SECRET${i}MARK` }))
      .map((entry) => {
        const inner = entry.multiline ? `${entry.body}\n${entry.secret}` : entry.secret + entry.body
        const value =
          entry.style === 'double'
            ? `"${inner.replace(/"/g, '')}"`
            : entry.style === 'single'
              ? `'${inner}'`
              : `${entry.secret}${entry.body.replace(/\n/g, '')}`
        const prefix = entry.style === 'export' ? 'export ' : ''
        const separator = entry.style === 'yaml' ? ': ' : '='
        const comment = entry.comment ? '# a comment\n' : ''
        return { ...entry, line: `${comment}${prefix}${entry.key}${separator}${value}` }
      }),
  )

describe('masking, for any .env', () => {
  it('leaves no hidden value in what a viewer gets, and saving it back changes nothing', () => {
    fc.assert(
      fc.property(envFile, (entries) => {
        const text = entries.map((entry) => entry.line).join('\n')
        expect(scanEnvText(text).error).toBeUndefined()
        const { env } = maskEnvText(text, viewer, false)
        for (const entry of entries) expect(env).not.toContain(entry.secret)
        expect(restoreMaskedEnv(env, text)).toBe(text)
      }),
    )
  })

  it('masks every value compose would read from any text that scans', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const { error, entries } = scanEnvText(text)
        const masked = maskEnvText(text, viewer, false).env
        if (error) {
          expect(masked.endsWith(M)).toBe(true)
          return
        }
        const again = scanEnvText(masked)
        expect(again.error).toBeUndefined()
        expect(again.entries.map((entry) => entry.key)).toEqual(entries.map((entry) => entry.key))
        for (const { value } of again.entries) {
          if (value) expect(masked.slice(value.start, value.end).replace(/["']/g, '')).toBe(M)
        }
      }),
      { numRuns: 500 },
    )
  })
})

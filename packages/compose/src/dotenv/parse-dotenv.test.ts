import { describe, expect, it } from 'vitest'
import { parseDotenv } from './parse-dotenv.ts'

const read = (text: string, outside: Record<string, string> = {}) => {
  const vars = new Map<string, string>()
  const result = parseDotenv(text, {
    lookup: (name) => (Object.hasOwn(outside, name) ? outside[name] : undefined),
    vars,
  })
  return { result, vars: Object.fromEntries(vars) }
}

describe('parseDotenv (the Compose Specification, "Env_file format")', () => {
  it.each([
    ['VAR=VAL', 'VAL'],
    ['VAR="VAL"', 'VAL'],
    ["VAR='VAL'", 'VAL'],
    ['VAR=VAL # comment', 'VAL'],
    ['VAR=VAL# not a comment', 'VAL# not a comment'],
    ['VAR="VAL # not a comment"', 'VAL # not a comment'],
    ['VAR="VAL" # comment', 'VAL'],
    ["VAR='$OTHER'", '$OTHER'],
    ["VAR='${OTHER}'", '${OTHER}'],
    ["VAR='Let\\'s go!'", "Let's go!"],
    ['VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'],
    ['VAR="some\\tvalue"', 'some\tvalue'],
    ["VAR='some\\tvalue'", 'some\\tvalue'],
    ['VAR=some\\tvalue', 'some\\tvalue'],
    ['VAR="a\\\\b"', 'a\\b'],
    ['VAR="\\$HOME"', '$HOME'],
    ['VAR=', ''],
    ['VAR=  spaced  ', 'spaced'],
    ['export VAR=exported', 'exported'],
    ['VAR: yaml-style', 'yaml-style'],
    ['VAR="line one\nline two"', 'line one\nline two'],
    ['VAR="octal \\0101"', 'octal A'],
  ])('%s -> %j', (line, value) => {
    const { result, vars } = read(line)
    expect(result.ok).toBe(true)
    expect(vars.VAR).toBe(value)
  })

  it('skips comments and blank lines and counts lines for each variable', () => {
    const { result, vars } = read('# heading\n\nA=1\n  # indented comment\nB="two\nlines"\nC=3\n')
    expect(vars).toEqual({ A: '1', B: 'two\nlines', C: '3' })
    expect(result.ok && Object.fromEntries(result.lines)).toEqual({ A: 3, B: 5, C: 7 })
  })

  it('interpolates unquoted and double-quoted values from outside first, then earlier lines', () => {
    const { vars } = read(
      'HOST=db\nURL=postgres://${HOST}:${PORT:-5432}\nQ="${HOST}"\nS=\'${HOST}\'\nO=$OUT',
      {
        OUT: 'outside',
        HOST: 'wins',
      },
    )
    expect(vars).toEqual({
      HOST: 'db',
      URL: 'postgres://wins:5432',
      Q: 'wins',
      S: '${HOST}',
      O: 'outside',
    })
  })

  it('takes a lone KEY from outside, and leaves it unset when outside lacks it', () => {
    expect(read('SHELL_VAR\nMISSING\nLAST', { SHELL_VAR: 'x', LAST: 'y' }).vars).toEqual({
      SHELL_VAR: 'x',
      LAST: 'y',
    })
  })

  it.each([
    ['A=1\nB="open\nC=3\n', 2, /unterminated quoted value/],
    ['A=1\nB C=2\n', 2, /key cannot contain a space/],
    ['A=1\n\nB$=2\n', 3, /unexpected character "\$" in variable name/],
    ['A=1\nB=${REQ:?is required}\n', 2, /required variable REQ is missing a value: is required/],
    ['=value\n', 1, /missing variable name/],
  ])('reports %j at line %i', (text, line, message) => {
    const { result } = read(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.line).toBe(line)
    expect(result.message).toMatch(message)
  })
})

import { describe, expect, it } from 'vitest'
import { substitute, TemplateError } from './template.ts'

// The variables of every case: FOO is set, EMPTY is set to '', UNSET is not set.
const vars: Record<string, string> = { FOO: 'first', EMPTY: '', JSON: '{"json":2}', PORT: '8080' }
const lookup = (name: string) => (Object.hasOwn(vars, name) ? vars[name] : undefined)

describe('substitute (the Compose Specification, "Interpolation")', () => {
  it.each([
    // $VAR and ${VAR}
    ['$FOO', 'first'],
    ['${FOO}', 'first'],
    ['a $FOO b ${FOO}c', 'a first b firstc'],
    ['${UNSET}', ''],
    ['$UNSET', ''],
    ['$foo_1x', ''],
    // Defaults: `:-` for unset or empty, `-` for unset only.
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${FOO:-default}', 'first'],
    ['${UNSET-default}', 'default'],
    ['${EMPTY-default}', ''],
    // Replacements: `:+` when set and non-empty, `+` when set.
    ['${FOO:+replaced}', 'replaced'],
    ['${EMPTY:+replaced}', ''],
    ['${UNSET:+replaced}', ''],
    ['${EMPTY+replaced}', 'replaced'],
    ['${UNSET+replaced}', ''],
    // Required variables that are there.
    ['${FOO:?must be set}', 'first'],
    ['${FOO?must be set}', 'first'],
    ['${EMPTY?must be set}', ''],
    // Nesting.
    ['${UNSET:-${FOO}}', 'first'],
    ['${UNSET:-${UNSET2:-deep}}', 'deep'],
    ['${UNSET-$FOO}', 'first'],
    ['${UNSET-${FOO} ${FOO}}', 'first first'],
    ['${EMPTY+$FOO ${FOO:+second}}', 'first second'],
    ['${UNSET:-${EMPTY-x}}', ''],
    // The first separator decides: `-` before `:?` is a default, whatever follows.
    ['${UNSET-va:-lu:?e}', 'va:-lu:?e'],
    ['${UNSET-myerror?msg}', 'myerror?msg'],
    // Braces inside a default (JSON) are balanced.
    ['ok ${UNSET:-{"json":1}}', 'ok {"json":1}'],
    ['ok ${JSON-{"json":1}}', 'ok {"json":2}'],
    // Two templates on one line (the greedy match is cut at the first closing brace).
    ['${UNSET:-a}-${FOO}', 'a-first'],
    ['${PORT:-80}:${UNSET:-80}', '8080:80'],
    // $$ is a literal $, and so is a $ that starts no template.
    ['$$FOO', '$FOO'],
    ['$${FOO}', '${FOO}'],
    ['echo $$HOSTNAME', 'echo $HOSTNAME'],
    ['cost: 5$', 'cost: 5$'],
    ['$1 and $ and $-', '$1 and $ and $-'],
    // Names are case-insensitive in the pattern, exact in the lookup.
    ['${foo:-lower}', 'lower'],
  ])('%s -> %s', (template, expected) => {
    expect(substitute(template, lookup)).toBe(expected)
  })

  it.each([
    ['${UNSET:?must be set}', 'required variable UNSET is missing a value: must be set'],
    [
      '${EMPTY:?must not be empty}',
      'required variable EMPTY is missing a value: must not be empty',
    ],
    ['${UNSET?}', 'required variable UNSET is missing a value'],
    ['${UNSET:?}', 'required variable UNSET is missing a value'],
    ['${UNSET?set it to ${FOO}}', 'required variable UNSET is missing a value: set it to first'],
  ])('%s fails: %s', (template, message) => {
    expect(() => substitute(template, lookup)).toThrow(new TemplateError(message))
  })

  it.each(['${', '${}', '${ FOO}', '${1FOO}', '${FOO', 'a ${FOO/x/y}'])(
    '%s is an invalid template',
    (template) => {
      expect(() => substitute(template, lookup)).toThrow(/invalid interpolation format/)
    },
  )

  it('names each unset variable it replaced by an empty string, and none that had a default', () => {
    const unset = new Set<string>()
    substitute('$A ${B} ${C:-c} ${D-d} ${FOO}', lookup, unset)
    expect([...unset]).toEqual(['A', 'B'])
  })
})

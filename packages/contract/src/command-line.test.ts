import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  commandQueryParam,
  encodeCommandQuery,
  quoteShellWord,
  splitCommandLine,
} from './command-line.ts'

describe('splitCommandLine', () => {
  it('splits like a shell, with quotes and escapes', () => {
    expect(splitCommandLine(`sh -c "echo 'hi there'" a\\ b ''`)).toEqual([
      'sh',
      '-c',
      "echo 'hi there'",
      'a b',
      '',
    ])
  })

  it('refuses a quote left open rather than guess where it ends', () => {
    expect(splitCommandLine(`sh -c "echo hi`)).toBeUndefined()
    expect(splitCommandLine(`echo 'it`)).toBeUndefined()
  })

  it('reads back every word a shell quote wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), (words) => {
        expect(splitCommandLine(words.map(quoteShellWord).join(' '))).toEqual(words)
      }),
    )
  })
})

describe('commandQueryParam', () => {
  it('keeps a word with spaces and quotes whole', () => {
    const words = ['sh', '-c', `echo "a b" 'c'`]
    expect(commandQueryParam.parse(encodeCommandQuery(words))).toEqual(words)
  })

  it.each([
    ['not JSON', 'sh -c ls', 'JSON array'],
    ['not an array', '"sh"', 'expected array'],
    ['no words', '[]', 'at least the program'],
    ['an empty program', '[""]', 'may not be empty'],
    ['a word that is not a string', '["sh", 1]', 'expected string'],
  ])('refuses %s', (_case, text, message) => {
    const result = commandQueryParam.safeParse(text)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain(message)
  })
})

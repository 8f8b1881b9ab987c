import { describe, expect, it } from 'vitest'
import { parseKeyValueLines } from './key-value-lines.ts'

describe('parseKeyValueLines', () => {
  it('splits at the first = and skips blank lines', () => {
    expect(parseKeyValueLines('a=1\n\n b = x=y \n')).toEqual({ values: { a: '1', b: 'x=y' } })
  })

  it('names the first line without a key', () => {
    expect(parseKeyValueLines('a=1\n=oops\nc').error).toBe('expected key=value: =oops')
  })

  it('gives nothing for empty text', () => {
    expect(parseKeyValueLines('  \n')).toEqual({ values: {} })
  })
})

import { describe, expect, it } from 'vitest'
import { findDuplicateKey } from './strict-json.ts'

describe('findDuplicateKey', () => {
  it.each([
    ['{"Privileged":false,"privileged":true}', 'privileged'],
    ['{"hostConfig":{"a":1,"A":2}}', 'a'],
    ['{"a":1,"a":2}', 'a'],
    ['[{"x":1},{"x":2,"b":[1,{"y":1,"Y":2}]}]', 'y'],
    ['{"k\\u0061":1,"ka":2}', 'ka'],
  ])('finds the repeated key in %s', (text, key) => {
    expect(findDuplicateKey(text)).toBe(key)
  })

  it.each([
    '{"a":1,"b":{"a":2}}',
    '[{"a":1},{"a":2}]',
    '{"text":"has \\"quotes\\", commas, {braces} and :colons","a":["x","y"]}',
    '{"a":"A","b":"a"}',
    '"just a string"',
  ])('accepts %s', (text) => {
    expect(findDuplicateKey(text)).toBeUndefined()
  })
})

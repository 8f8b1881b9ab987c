import { describe, expect, it } from 'vitest'
import { Issues } from '../issues.ts'
import { readYaml } from './reader.ts'
import { resolvePlain } from './scalars.ts'
import { entryOf, toPlain, type MapNode } from './tree.ts'

const read = (text: string) => {
  const issues = new Issues('compose.yaml')
  const root = readYaml(text, issues)
  return { root, issues }
}

describe('readYaml', () => {
  it('expands merge keys: explicit keys win, and earlier merged maps win over later ones', () => {
    const { root } = read(
      [
        'a: &a {x: from-a, y: from-a}',
        'b: &b {x: from-b, z: from-b}',
        'c:',
        '  <<: [*a, *b]',
        '  y: explicit',
        '  w: explicit',
      ].join('\n'),
    )
    expect(toPlain(entryOf(root!, 'c')?.value ?? root!)).toEqual({
      x: 'from-a',
      z: 'from-b',
      y: 'explicit',
      w: 'explicit',
    })
  })

  it('refuses a key repeated in one mapping at its second place, and a second merge key', () => {
    expect(read('a: 1\nb: 2\n"a": 3\n').issues.errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 1,
        message: 'map keys must be unique: a is already a key at line 1',
      }),
    ])
    expect(read('x: &x {a: 1}\ny:\n  <<: *x\n  <<: *x\n').issues.errors).toEqual([
      expect.objectContaining({ line: 4, column: 3, message: expect.stringMatching(/unique: <</) }),
    ])
  })

  it('reads a mapping of 40 000 keys in one pass (the check of unique keys is not quadratic)', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `k${String(i)}: ${String(i)}`).join('\n')
    const { root, issues } = read(text)
    expect(issues.errors).toEqual([])
    expect(root?.entries).toHaveLength(40_000)
  })

  it('gives a value reached through an alias the position of the anchored node', () => {
    const { root } = read('base: &b\n  image: nginx\nweb: *b\n')
    const web = entryOf(root!, 'web')?.value as MapNode
    expect(entryOf(web, 'image')).toMatchObject({
      keyPos: { line: 2, column: 3 },
      value: { pos: { line: 2, column: 10 } },
    })
  })

  it('marks !reset and !override values for extends, and reads a quoted "<<" as a plain key', () => {
    const { root } = read('a: !reset []\nb: !override {x: 1}\n"<<": literal\n')
    const map = root!
    expect(entryOf(map, 'a')?.value.tag).toBe('reset')
    expect(entryOf(map, 'b')?.value.tag).toBe('override')
    expect(toPlain(map)).toEqual({ a: [], b: { x: 1 }, '<<': 'literal' })
  })

  it('honours explicit standard tags and refuses text that does not fit them', () => {
    expect(toPlain(read('a: !!str 0755\nb: !!int "12"\nc: !!bool "true"\n').root!)).toEqual({
      a: '0755',
      b: 12,
      c: true,
    })
    expect(read('a: !!int twelve\n').issues.errors).toEqual([
      expect.objectContaining({ line: 1, column: 10, message: 'cannot read "twelve" as !!int' }),
    ])
  })

  it('warns about an unknown tag and keeps the value', () => {
    const { root, issues } = read('a: !custom value\n')
    expect(toPlain(root!)).toEqual({ a: 'value' })
    expect(issues.warnings).toEqual([
      expect.objectContaining({ line: 1, message: 'unknown tag !custom ignored' }),
    ])
  })
})

describe('resolvePlain (go-yaml v3 types for plain scalars)', () => {
  it.each([
    ['', null],
    ['~', null],
    ['null', null],
    ['true', true],
    ['False', false],
    ['yes', 'yes'],
    ['on', 'on'],
    ['0755', 493],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['-0x10', -16],
    ['1_000', 1000],
    ['089', 89],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['12:30', '12:30'],
    ['2024-01-01', '2024-01-01'],
    ['8080:80', '8080:80'],
    ['+', '+'],
    ['.inf', Number.POSITIVE_INFINITY],
    ['-.inf', Number.NEGATIVE_INFINITY],
  ])('%j -> %j', (text, value) => {
    expect(resolvePlain(text)).toEqual(value)
  })
})

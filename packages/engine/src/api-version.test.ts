import { describe, expect, it } from 'vitest'
import { apiAtLeast, chooseApiVersion, compareApiVersions } from './api-version.ts'
import { EngineVersionError } from './errors.ts'

describe('API version negotiation', () => {
  it.each([
    ['1.41', '1.51', -1],
    ['1.9', '1.24', -1],
    ['1.51', '1.51', 0],
    ['1.52', '1.51', 1],
    ['2.0', '1.99', 1],
  ])('compareApiVersions(%s, %s) has the sign of %i', (a, b, sign) => {
    expect(Math.sign(compareApiVersions(a, b))).toBe(sign)
  })

  it('uses the lower of the engine and client versions', () => {
    expect(chooseApiVersion('1.41')).toBe('1.41')
    expect(chooseApiVersion('1.52')).toBe('1.51')
    expect(apiAtLeast('1.41', '1.35')).toBe(true)
  })

  it('refuses an engine older than 1.12 with a message naming its version', () => {
    expect(() => chooseApiVersion('1.11')).toThrow(EngineVersionError)
    expect(() => chooseApiVersion('1.11')).toThrow(/1\.11 is too old.*1\.12/)
    expect(chooseApiVersion('1.12')).toBe('1.12')
  })

  it('lets a caller pin a lower version but not one the engine lacks', () => {
    expect(chooseApiVersion('1.41', '1.24')).toBe('1.24')
    expect(() => chooseApiVersion('1.41', '1.44')).toThrow(/serves at most 1\.41/)
    expect(chooseApiVersion('1.41', '1.12')).toBe('1.12')
    expect(() => chooseApiVersion('1.41', '1.11')).toThrow(/oldest supported/)
    expect(() => chooseApiVersion('1.41', 'latest')).toThrow(/Cannot pin API latest/)
  })
})

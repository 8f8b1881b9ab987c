import { describe, expect, it } from 'vitest'
import { capsulePath, capsulesPath, logSourceText, reasonText } from './capsule-view.ts'

describe('capsule view', () => {
  it('says why a capsule was kept', () => {
    expect(reasonText({ reason: 'exit', exitCode: 2 })).toBe('exited with code 2')
    expect(reasonText({ reason: 'oom', exitCode: 137 })).toBe('killed: out of memory')
    expect(reasonText({ reason: 'removed', exitCode: 0 })).toBe('removed (exited with code 0)')
    expect(reasonText({ reason: 'removed', exitCode: null })).toBe('removed')
  })

  it('says where the lines came from', () => {
    expect(logSourceText({ logSource: 'engine', logLineCount: 500 })).toBe('500 lines')
    expect(logSourceText({ logSource: 'retention', logLineCount: 1 })).toBe(
      '1 line (log retention)',
    )
    expect(logSourceText({ logSource: 'none', logLineCount: 0 })).toBe('log not kept')
  })

  it('links by host and container name, encoded', () => {
    expect(capsulesPath('local', 'web-1')).toBe('/hosts/local/capsules?name=web-1')
    expect(capsulePath('a b', 'cap_1')).toBe('/hosts/a%20b/capsules/cap_1')
  })
})

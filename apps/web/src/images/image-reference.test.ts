import { describe, expect, it } from 'vitest'
import { parseTagInput, splitReference } from './image-reference.ts'

describe('splitReference', () => {
  it('splits at the tag’s colon, not a registry port', () => {
    expect(splitReference('app:1')).toEqual({ repo: 'app', tag: '1' })
    expect(splitReference('registry:5000/team/app')).toEqual({ repo: 'registry:5000/team/app' })
    expect(splitReference('registry:5000/app:v2')).toEqual({
      repo: 'registry:5000/app',
      tag: 'v2',
    })
  })
})

describe('parseTagInput', () => {
  it('accepts repo and repo:tag', () => {
    expect(parseTagInput(' team/app:1.0 ')).toEqual({
      ok: true,
      input: { repo: 'team/app', tag: '1.0' },
    })
    expect(parseTagInput('app')).toEqual({ ok: true, input: { repo: 'app' } })
  })

  it('names what is wrong', () => {
    expect(parseTagInput('app:bad tag')).toMatchObject({ ok: false })
    expect(parseTagInput('')).toMatchObject({ ok: false })
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bindPrefixesSchema, normaliseHostPath, parseBind, parseBindPrefix } from './bind-paths.ts'
import { containerCreateSchema } from './containers.ts'

describe('bind strings, read as the engine reads them', () => {
  it('reads source:target[:options] with a host path or a volume name', () => {
    expect(parseBind('/srv/data:/data:ro,rslave')).toEqual({
      source: '/srv/data',
      isHostPath: true,
      target: '/data',
      options: ['ro', 'rslave'],
      readOnly: true,
    })
    expect(parseBind('cache:/cache:nocopy')).toMatchObject({ isHostPath: false, readOnly: false })
  })

  it.each([
    ['tmp/../..:/h', /volume name/],
    ['a:/h', /volume name/],
    ['/srv', /source:target/],
    ['/a:/b:ro:x', /source:target/],
    ['/a:b', /target must be an absolute path/],
    ['/a:/', /cannot be \//],
    ['/a:/b:', /unknown option ""/],
    ['/a:/b:ro,rw', /ro and rw exclude each other/],
    ['/a:/b:exec', /unknown option "exec"/],
    ['/a:/b:nocopy', /nocopy applies to volumes/],
  ])('refuses %s, saying why', (bind, why) => {
    expect(parseBind(bind)).toMatch(why)
    const parsed = containerCreateSchema.safeParse({ image: 'x', binds: [bind] })
    expect(parsed.error?.issues[0]?.message).toContain(`"${bind}"`)
  })

  it('never throws, and whatever it accepts has an absolute target and known options', () => {
    const part = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('/srv', 'data', '..', '/', 'ro', 'rw,z', 'nocopy', '/x/../y'),
    )
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const parsed = parseBind(parts.join(':'))
        if (typeof parsed === 'string') return
        expect(parsed.target.startsWith('/')).toBe(true)
        expect(parsed.isHostPath || /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(parsed.source)).toBe(true)
      }),
    )
  })
})

describe('allowed bind path entries', () => {
  it('reads /path as read-only and /path:rw as writable, in canonical form', () => {
    expect(parseBindPrefix('/srv//data/')).toEqual({ path: '/srv/data', writable: false })
    expect(parseBindPrefix('/srv/app:rw')).toEqual({ path: '/srv/app', writable: true })
    expect(parseBindPrefix('/srv/app:ro')).toBeUndefined()
    expect(parseBindPrefix('/srv/../etc')).toBeUndefined()
    expect(normaliseHostPath('/./a//b/.')).toBe('/a/b')
  })

  it('refuses an entry at or within a writable entry, naming both', () => {
    const nested = bindPrefixesSchema.safeParse(['/srv/app:rw', '/srv/app/cache:rw'])
    expect(nested.error?.issues[0]?.message).toMatch(/\/srv\/app\/cache:rw .* \/srv\/app:rw/)
    const readOnly = bindPrefixesSchema.safeParse(['/srv/app:rw', '/srv/app'])
    expect(readOnly.error?.issues[0]?.message).toMatch(/\/srv\/app lies within .* \/srv\/app:rw/)
    expect(bindPrefixesSchema.safeParse(['/:rw']).success).toBe(false)
    expect(bindPrefixesSchema.safeParse(['/srv', '/srv/app:rw', '/data:rw']).success).toBe(true)
  })
})

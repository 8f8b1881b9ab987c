import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { goAtoi, parseExecUser, resolvePasswdName } from './exec-user.ts'
import { refusedExecSettings } from './settings-policy.ts'

const PASSWD = Buffer.from(
  [
    'root:x:0:0:root:/root:/bin/sh',
    'daemon:x:1:1:daemon:/usr/sbin:/bin/false',
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false',
    '',
  ].join('\n'),
)

/** Spellings of zero that Go's strconv.Atoi accepts: a sign or none, then any number of zeros. */
const zero = fc
  .tuple(fc.constantFrom('', '+', '-'), fc.integer({ min: 1, max: 40 }))
  .map(([sign, zeros]) => sign + '0'.repeat(zeros))
/** What may follow the user part: nothing, or `:` and any group (the group never makes root). */
const groupPart = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 12 }).map((group) => `:${group}`),
)
const padding = fc.constantFrom('', ' ', '\t', '  ', '\u00a0', '\n')

describe('exec users, read as runc reads them (property-based)', () => {
  it('refuses every spelling of uid 0: signs, leading zeros, padding, any group', () => {
    fc.assert(
      fc.property(zero, padding, padding, groupPart, (uid, before, after, group) => {
        const user = `${before}${uid}${after}${group}`
        expect(refusedExecSettings({ user }, PASSWD)).toEqual(['user (root)'])
        expect(refusedExecSettings({ user })).toEqual(['user (root)'])
      }),
    )
  })

  it('refuses uids that wrap to 0 as uint32, and an empty user part (runc keeps uid 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), groupPart, (k, group) => {
        const user = `${(BigInt(k) * 2n ** 32n).toString()}${group}`
        expect(refusedExecSettings({ user })).toEqual(['user (root)'])
      }),
    )
    for (const user of [':', ':0', ':1000', '::', ':root', 'root', ' root ', 'root:1000']) {
      expect(refusedExecSettings({ user }), user).toEqual(['user (root)'])
    }
  })

  it('accepts every non-zero uid, in canonical or padded-with-zeros form, with any group', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom('', '+', '0', '00'),
        groupPart,
        (uid, prefix, group) => {
          const user = `${prefix}${String(uid)}${group}`
          expect(parseExecUser(user)).toEqual({ kind: 'uid', uid: BigInt(uid) })
          expect(refusedExecSettings({ user })).toEqual([])
        },
      ),
    )
  })

  it('reads numbers as Go does: sign and digits within int64, nothing else', () => {
    expect(goAtoi('-0')).toBe(0n)
    expect(goAtoi('+007')).toBe(7n)
    expect(goAtoi('9223372036854775807')).toBe(9223372036854775807n)
    for (const text of ['', '+', ' 0', '0 ', '0x0', '1_000', '1e3', '9223372036854775808'])
      expect(goAtoi(text), text).toBeUndefined()
  })

  it('resolves names through /etc/passwd: root aliases, bad uid fields and wrapped uids are root', () => {
    const passwd = Buffer.from(
      [
        'app:x:1000:1000::/home/app:/bin/sh',
        'toor:x:0:0::/:/bin/sh',
        '  spaced:x:0:0::/:/bin/sh  ',
        'nouid:x',
        'baduid:x:abc:0::/:/bin/sh',
        'big:x:4294967296:0::/:/bin/sh',
        'app:x:0:0:second entry, never read::/bin/sh',
      ].join('\r\n'),
    )
    const verdict = (name: string) => refusedExecSettings({ user: name }, passwd)
    for (const name of ['toor', 'spaced', 'nouid', 'baduid', 'big', 'toor:1000'])
      expect(verdict(name), name).toEqual(['user (root)'])
    expect(verdict('app')).toEqual([])
    expect(resolvePasswdName(passwd, 'nobody')).toEqual({ kind: 'unknown' })
    expect(verdict('nobody')).toEqual([])
    // A name without /etc/passwd to check it against cannot be allowed.
    expect(refusedExecSettings({ user: 'app' })).toEqual([
      'user (app: not checked against /etc/passwd)',
    ])
  })

  it('compares names byte for byte, trimming only what Go trims (a NEL is space to Go, not to JS)', () => {
    const passwd = Buffer.concat([
      Buffer.from('\u0085toor:x:0:0::/:/bin/sh\n', 'utf8'),
      Buffer.from('toor:x:1000:1000::/:/bin/sh\n'),
      Buffer.from([0xff]),
      Buffer.from('x:x:1000:1000::/:/bin/sh\n\ufffdx:x:0:0::/:/bin/sh\n'),
    ])
    expect(resolvePasswdName(passwd, 'toor')).toEqual({ kind: 'root' })
    expect(resolvePasswdName(passwd, '\ufffdx')).toEqual({ kind: 'root' })
  })

  it('leaves the container default alone and refuses privileged', () => {
    expect(parseExecUser(undefined)).toEqual({ kind: 'container-default' })
    expect(parseExecUser('')).toEqual({ kind: 'container-default' })
    expect(refusedExecSettings({ privileged: true })).toEqual(['privileged'])
  })
})
